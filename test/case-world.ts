import { parseCaseEvent } from '../domain/case-event-envelope';
import { CaseWorkService, type CaseEventOutcome, type CaseWorkSummary } from '../domain/case-work-service';
import { standingOf, type Obligation, type Standing } from '../domain/obligation';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { builtInVocabulary, compileCalendar, formatInstant, loadBuiltInStandards, parseInstant, type Standard } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * A council for case-work tests: the real engine, the built-in packs (all three case packs
 * enabled), the embedded store in memory, and a clock the test sets. Events go in through
 * the same checks as the API and the CLI.
 */

export const calendar = compileCalendar({}, { from: 2024, to: 2029 });
export const vocabulary = builtInVocabulary();
export const standards = loadBuiltInStandards();
const byId = new Map(standards.map((s) => [s.id, s]));

/** The standard of an id (throws for an unknown one, so a renamed standard fails loudly). */
export function standard(id: string): Standard {
  const s = byId.get(id);
  if (!s) throw new Error(`no standard ${id}`);
  return s;
}

/** A person of the fictional council's directory. */
export function person(id: string, email: string, lineManagerId: string | null = null): Person {
  return { id, aadObjectId: null, name: id.replace(/^p_/, ''), email, roles: ['worker'], teamId: 't_cic', lineManagerId };
}

export interface CaseWorld {
  store: Store;
  clock: { now: number };
  service: CaseWorkService;
  /** Sends envelopes (as a case system would); a bad one fails the test. */
  send(...raw: Record<string, unknown>[]): Promise<{ outcomes: CaseEventOutcome[]; summary: CaseWorkSummary }>;
  /** Every obligation of a standard on a case (or staff member, by e-mail), soonest due first. */
  of(standardId: string, subject?: string): Promise<Obligation[]>;
  /** Where an obligation stands at an instant, as `heard obligations` judges it. */
  standing(o: Obligation, at?: string): Standing;
  close(): Promise<void>;
}

let counter = 0;

/** A case event envelope with defaults: case C-1 of child AB, from the fictional LCS. */
export function envelope(type: string, occurredAt: string, details: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { eventId: `LCS-${++counter}`, source: 'lcs', caseRef: 'C-1', childInitials: 'AB', type, occurredAt, details, ...extra };
}

export async function caseWorld(options: { now?: string; people?: Person[]; packs?: string[] } = {}): Promise<CaseWorld> {
  const store = await openSqliteStore(':memory:');
  if (options.people) await store.directory.upsert(options.people, []);
  const clock = { now: parseInstant(options.now ?? '2026-12-01T09:00:00Z') };
  const service = new CaseWorkService({
    store,
    standards,
    packs: new Set(options.packs ?? ['momo', 'childrens-services', 'core-practice']),
    calendar,
    vocabulary,
    now: () => clock.now,
  });
  return {
    store,
    clock,
    service,
    async send(...raw) {
      const events = raw.map((r) => {
        const parsed = parseCaseEvent(r, { vocabulary, calendar, now: clock.now });
        if (!parsed.ok) throw new Error(`refused ${JSON.stringify(r)}: ${JSON.stringify(parsed.problems)}`);
        return parsed.event;
      });
      return service.receive(events, 'api');
    },
    async of(standardId, subject = 'C-1') {
      if (subject.includes('@')) {
        const staff = await store.staff.getByEmail(subject);
        return staff ? (await store.obligations.listForStaff(staff.id)).filter((o) => o.standardId === standardId) : [];
      }
      const found = await store.cases.getByRef(subject);
      return found ? (await store.obligations.listForCase(found.id)).filter((o) => o.standardId === standardId) : [];
    },
    standing(o, at) {
      return standingOf(o, at === undefined ? clock.now : parseInstant(at), (t) => calendar.dayOf(t));
    },
    close: () => store.close(),
  };
}

/** An obligation's clock in words a test compares: instants as UTC text. */
export function clockOf(o: Obligation): Record<string, unknown> {
  const t = (x: number | null) => (x === null ? null : formatInstant(x));
  return {
    status: o.status,
    owner: o.ownerEmail,
    triggeredAt: t(o.triggeredAt),
    anchorAt: t(o.anchorAt),
    due: t(o.due),
    completedAt: t(o.completedAt),
    closedAt: t(o.closedAt),
    closedReason: o.closedReason,
  };
}
