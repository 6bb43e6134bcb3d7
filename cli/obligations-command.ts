import { loadOrganisation } from '../domain/organisation';
import { STANDINGS, standingOf, type Obligation, type Standing } from '../domain/obligation';
import type { ObligationFilter, Store } from '../domain/ports/store.port';
import { formatInstant, parseInstant } from '../standards';
import { UsageError } from './usage-error';
import { textTable } from './text-table';

/**
 * One obligation as `heard obligations --json` prints it (interfaces.md), with `title`,
 * `ownerRole`, `closedAt` and `triggerTimeGiven` added.
 *
 * @example
 * const row: ObligationRow = { id: 'ob_1', standard: 'childrens-services.cic-visiting.32', title: '…', subject: 'case', case: 'C-10442',
 *   statement: null, staff: null, owner: 'sam@council.example', ownerRole: 'social-worker', triggerAt: '2026-11-20T14:30:00Z',
 *   triggerTimeGiven: true, due: '2027-01-02T00:00:00Z', status: 'open', metAt: null, closedAt: null, closedReason: null };
 */
export interface ObligationRow {
  id: string;
  standard: string;
  title: string | null;
  subject: Obligation['subject'];
  case: string | null;
  statement: string | null;
  staff: string | null;
  owner: string | null;
  ownerRole: string;
  triggerAt: string;
  triggerTimeGiven: boolean;
  due: string;
  status: Standing;
  metAt: string | null;
  closedAt: string | null;
  closedReason: Obligation['closedReason'];
}

/**
 * `heard obligations`: the obligations in the store, filtered, each judged at `at`.
 *
 * @example
 * await listObligations(store, { caseRef: 'C-10442', status: 'overdue', at: '2026-12-01T09:00:00Z' });
 */
export async function listObligations(
  store: Store,
  options: { caseRef?: string; owner?: string; status?: string; at?: string },
  now: number,
): Promise<ObligationRow[]> {
  if (options.status !== undefined && !(STANDINGS as readonly string[]).includes(options.status)) {
    throw new UsageError(`--status must be one of ${STANDINGS.join(', ')}`);
  }
  let at = now;
  if (options.at !== undefined) {
    try {
      at = parseInstant(options.at);
    } catch (e) {
      throw new UsageError(`--at: ${(e as Error).message}`);
    }
  }
  const filter: ObligationFilter = {};
  if (options.caseRef !== undefined) {
    const found = await store.cases.getByRef(options.caseRef);
    if (!found) throw new UsageError(`no case with reference ${options.caseRef} in the store`);
    filter.caseId = found.id;
  }
  if (options.owner !== undefined) {
    if (!/^[^\s@]+@[^\s@]+$/.test(options.owner)) throw new UsageError('--owner must be an e-mail address');
    filter.ownerEmail = options.owner.toLowerCase();
    const person = await store.directory.findPersonByEmail(options.owner);
    if (person) filter.ownerId = person.id;
  }
  const org = await loadOrganisation(store.settings);
  const titles = new Map(org.standards.map((s) => [s.id, s.title]));
  const dayOf = (t: number) => org.calendar.dayOf(t);
  const caseRefs = new Map<string, string | null>();
  const staffEmails = new Map<string, string | null>();
  const people = new Map<string, string | null>();
  const rows: ObligationRow[] = [];
  for (const o of await store.obligations.list(filter)) {
    const status = standingOf(o, at, dayOf);
    if (options.status !== undefined && status !== options.status) continue;
    if (o.caseId !== null && !caseRefs.has(o.caseId)) caseRefs.set(o.caseId, (await store.cases.get(o.caseId))?.caseRef ?? null);
    if (o.staffId !== null && !staffEmails.has(o.staffId)) staffEmails.set(o.staffId, (await store.staff.get(o.staffId))?.email ?? null);
    if (o.ownerEmail === null && o.ownerId !== null && !people.has(o.ownerId)) people.set(o.ownerId, (await store.directory.getPerson(o.ownerId))?.email.toLowerCase() ?? null);
    rows.push({
      id: o.id,
      standard: o.standardId,
      title: titles.get(o.standardId) ?? null,
      subject: o.subject,
      case: o.caseId === null ? null : (caseRefs.get(o.caseId) ?? null),
      statement: o.statementId,
      staff: o.staffId === null ? null : (staffEmails.get(o.staffId) ?? null),
      owner: o.ownerEmail ?? (o.ownerId === null ? null : (people.get(o.ownerId) ?? null)),
      ownerRole: o.ownerRole,
      triggerAt: formatInstant(o.anchorAt ?? o.triggeredAt),
      triggerTimeGiven: !o.triggerDateOnly,
      due: formatInstant(o.due),
      status,
      metAt: o.status === 'met' && o.completedAt !== null ? formatInstant(o.completedAt) : null,
      closedAt: o.status === 'cancelled' && o.closedAt !== null ? formatInstant(o.closedAt) : null,
      closedReason: o.status === 'cancelled' ? (o.closedReason ?? 'cancelled') : null,
    });
  }
  return rows;
}

/**
 * The rows as a table a person reads in a terminal.
 *
 * @example
 * obligationsTable(rows); // 'status   due                   case      standard …'
 */
export function obligationsTable(rows: ObligationRow[]): string {
  const header = ['status', 'due', 'case/staff/statement', 'owner', 'standard'];
  const lines = rows.map((r) => [r.status, r.due, r.case ?? r.staff ?? r.statement ?? '', r.owner ?? `(${r.ownerRole})`, r.standard]);
  return textTable([header, ...lines]);
}
