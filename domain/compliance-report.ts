import { civilDateOf, epochDayOf, formatCivilDate, formatInstant, parseCivilDate, type Standard, type WorkingCalendar } from '../standards';
import type { Case } from './case';
import { CaseLinks } from './case-links';
import { standingOf, type Obligation, type Standing } from './obligation';
import type { Person, Team } from './person';
import type { PageCursor, Repositories } from './ports/store.port';
import type { Statement } from './statement';

/**
 * The compliance report (`heard report`, interfaces.md): for the obligations due in a
 * period, how many were met on time, late, are overdue, still open, closed without being
 * met or missed — per standard, per team and per person — with the on-time rate and how
 * late the late work was; the statements the children sent in the period; and the
 * participation figures the strategy asks for ("quantitative (counting how many children
 * participated)", 004 §8.1): distinct children who sent statements, per month and team,
 * and the share of children-in-care reviews whose momo 4.4 check found the child's views
 * evidenced through a statement. One computation: the command, the `stats` answer, the
 * dashboard and the monthly monitoring card all read it.
 */

/** Obligations or statements read per page: the report's memory stays flat however long the period. */
const PAGE = 500;

/** The momo standard whose obligations mark a children-in-care review ("IRO must check that the child or young person’s views have been evidenced through a statement"). */
export const REVIEW_VIEWS_STANDARD = 'momo.4.4';

/**
 * The counts of one row. `due` = met + late + overdue + missed + open + closed;
 * `onTimeRate` = met / (met + late + overdue + missed), to 4 decimals, null when that is 0;
 * the lateness figures are of the `late` obligations (met after their deadline), in
 * seconds from the deadline to the work, null when none was late.
 *
 * @example
 * const c: ReportCounts = { due: 3, met: 1, late: 1, overdue: 1, missed: 0, open: 0, closed: 0, onTimeRate: 0.3333, medianLateSeconds: 5400, worstLateSeconds: 5400 };
 */
export interface ReportCounts {
  due: number;
  met: number;
  late: number;
  overdue: number;
  missed: number;
  open: number;
  closed: number;
  onTimeRate: number | null;
  medianLateSeconds: number | null;
  worstLateSeconds: number | null;
}

/** @example const row: StandardRow = { standard: 'momo.2.1', title: 'Recipient downloads or views the statement', ...counts }; */
export interface StandardRow extends ReportCounts {
  standard: string;
  title: string | null;
}

/**
 * A team's row: the obligations of the people in it, and those nobody holds on the cases
 * and statements the team works (`teamId` null: nobody's team — the participation
 * team's queue, a case allocated to nobody Heard knows).
 *
 * @example const row: TeamRow = { team: 'North CiC team', teamId: 't_north', ...counts };
 */
export interface TeamRow extends ReportCounts {
  team: string | null;
  teamId: string | null;
}

/**
 * A person's row, by the owner's e-mail address; `owner` null is the row of obligations no
 * one holds (a role nobody fills) under the team that works the case or statement.
 *
 * @example const row: PersonRow = { owner: 'sam@council.example', name: 'Sam Patel', team: 'North CiC team', teamId: 't_north', ...counts };
 */
export interface PersonRow extends ReportCounts {
  owner: string | null;
  name: string | null;
  team: string | null;
  teamId: string | null;
}

/** @example const r: ChildrenRow = { month: '2026-11', team: 'North CiC team', teamId: 't_north', children: 12 }; */
export interface ChildrenRow {
  month: string;
  team: string | null;
  teamId: string | null;
  children: number;
}

/**
 * The participation figures: distinct children (by reference) who sent statements, per
 * month (`childrenByMonth`, each child once a month however many teams) and per month and
 * team; and the children-in-care reviews whose momo 4.4 check fell due in the period,
 * with how many had a statement from the child since the previous review and by the
 * review (`evidenced`).
 */
export interface ParticipationFigures {
  childrenByMonth: Record<string, number>;
  childrenByMonthAndTeam: ChildrenRow[];
  reviews: { due: number; evidenced: number; share: number | null };
  /** The same, per team: the team working the child's case (its social worker's first). */
  reviewsByTeam: { team: string | null; teamId: string | null; due: number; evidenced: number; share: number | null }[];
}

/** @example report.statements.byType['my-world']; // 40 */
export interface StatementFigures {
  received: number;
  byType: Record<string, number>;
  byMonth: Record<string, number>;
}

/**
 * The report, as `heard report` prints it.
 *
 * @example
 * const r = await reports.report({ from: '2026-11-01', to: '2026-11-30' }, at, SERVICE_SCOPE);
 * r.standards.find((s) => s.standard === 'momo.2.1')?.onTimeRate; // 0.8938
 */
export interface ComplianceReport {
  from: string;
  to: string;
  at: string;
  standards: StandardRow[];
  teams: TeamRow[];
  people: PersonRow[];
  statements: StatementFigures;
  participation: ParticipationFigures;
}

/** Local dates, inclusive. @example const p: ReportPeriod = { from: '2026-11-01', to: '2026-11-30' }; */
export interface ReportPeriod {
  from: string;
  to: string;
}

/**
 * Whose work a report covers: the whole service, or some people (their own obligations
 * and the statements assigned to them) and teams (also what nobody holds on their work).
 *
 * @example
 * const scope: ReportScope = { kind: 'people', personIds: new Set(['p_sam', 'p_ali']), teamIds: new Set(['t_north']) };
 */
export type ReportScope = { kind: 'service' } | { kind: 'people'; personIds: ReadonlySet<string>; teamIds: ReadonlySet<string> };

/** @example reports.report(period, at, SERVICE_SCOPE); */
export const SERVICE_SCOPE: ReportScope = { kind: 'service' };

/**
 * One obligation of a report's scope, placed and judged, for the dashboard's lists: what
 * it is about in references and initials only (never a name of a child), who holds it.
 *
 * @example
 * const item: ReportItem = { obligation, standing: 'overdue', about: 'CR-20417 · J.B.', owner: 'Sam Patel', teamId: 't_north' };
 */
export interface ReportItem {
  obligation: Obligation;
  standing: Standing;
  about: string;
  /** The holder's name, the address a case system gave, or null for no one. */
  owner: string | null;
  teamId: string | null;
}

/** What a report reads. */
export interface ComplianceReportDeps {
  store: Pick<Repositories, 'obligations' | 'statements' | 'directory' | 'cases' | 'staff' | 'settings'>;
  calendar: WorkingCalendar;
  /** Every standard the store's obligations may name (for titles). */
  standards: readonly Standard[];
}

/**
 * Checks a period: two dates `YYYY-MM-DD`, the first not after the second. Returns the
 * problem in words, or null.
 *
 * @example
 * periodProblem({ from: '2026-11-30', to: '2026-11-01' }); // 'the period ends before it starts'
 */
export function periodProblem(period: ReportPeriod): string | null {
  const from = parseCivilDate(period.from);
  const to = parseCivilDate(period.to);
  if (!from) return `"${period.from}" is not a date YYYY-MM-DD`;
  if (!to) return `"${period.to}" is not a date YYYY-MM-DD`;
  if (epochDayOf(to) < epochDayOf(from)) return 'the period ends before it starts';
  return null;
}

/**
 * The calendar month before the one `date` falls in, and the month itself.
 *
 * @example
 * monthOf('2026-12-01', -1); // { from: '2026-11-01', to: '2026-11-30' }
 */
export function monthOf(date: string, offset = 0): ReportPeriod {
  const d = parseCivilDate(date);
  if (!d) throw new RangeError(`"${date}" is not a date YYYY-MM-DD`);
  const index = d.year * 12 + (d.month - 1) + offset;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const first = epochDayOf({ year, month, day: 1 });
  const next = epochDayOf({ year: month === 12 ? year + 1 : year, month: month === 12 ? 1 : month + 1, day: 1 });
  return { from: formatCivilDate(civilDateOf(first)), to: formatCivilDate(civilDateOf(next - 1)) };
}

/** A running tally of one row's counts. */
class Tally {
  readonly counts: Record<Standing, number> = { open: 0, overdue: 0, met: 0, late: 0, closed: 0, missed: 0 };
  readonly lateSeconds: number[] = [];

  add(standing: Standing, o: Obligation): void {
    this.counts[standing]++;
    if (standing === 'late' && o.completedAt !== null) this.lateSeconds.push(Math.max(0, o.completedAt - o.due));
  }

  result(): ReportCounts {
    const c = this.counts;
    const judged = c.met + c.late + c.overdue + c.missed;
    const late = [...this.lateSeconds].sort((a, b) => a - b);
    const mid = late.length >> 1;
    return {
      due: c.met + c.late + c.overdue + c.missed + c.open + c.closed,
      met: c.met,
      late: c.late,
      overdue: c.overdue,
      missed: c.missed,
      open: c.open,
      closed: c.closed,
      onTimeRate: judged === 0 ? null : Math.round((c.met / judged) * 10000) / 10000,
      medianLateSeconds: late.length === 0 ? null : late.length % 2 === 1 ? late[mid] : Math.round((late[mid - 1] + late[mid]) / 2),
      worstLateSeconds: late.length === 0 ? null : late[late.length - 1],
    };
  }
}

/** Where an obligation belongs: its owner (person of the directory or an address) and a team. */
interface Placement {
  ownerId: string | null;
  ownerEmail: string | null;
  teamId: string | null;
}

/**
 * Computes reports from the store: pages of the obligations due in the period and of the
 * statements sent in it (indexed reads, never the whole store), judged at an instant.
 *
 * @example
 * const reports = new ComplianceReports({ store, calendar, standards });
 * const november = await reports.report({ from: '2026-11-01', to: '2026-11-30' }, now, SERVICE_SCOPE);
 */
export class ComplianceReports {
  constructor(private readonly deps: ComplianceReportDeps) {}

  /**
   * The report for `period` (local dates, inclusive: an obligation belongs to the local
   * date its deadline falls on, a deadline at 24:00 to the day it ends), judged at `at`,
   * for `scope`. Throws RangeError for a period {@link periodProblem} refuses.
   */
  async report(period: ReportPeriod, at: number, scope: ReportScope): Promise<ComplianceReport> {
    const problem = periodProblem(period);
    if (problem) throw new RangeError(problem);
    const cal = this.deps.calendar;
    const start = cal.midnight[cal.dayOfDate(period.from)];
    const end = cal.midnight[cal.dayOfDate(period.to) + 1];
    const directory = await this.directory();
    const context = new PlacementContext(this.deps.store, directory);
    const dayOf = (t: number) => cal.dayOf(t);

    const byStandard = new Map<string, Tally>();
    const byTeam = new Map<string | null, Tally>();
    const byPerson = new Map<string, { placement: Placement; tally: Tally }>();
    const reviews: Obligation[] = [];
    const tallyOf = <K>(map: Map<K, Tally>, key: K): Tally => {
      let tally = map.get(key);
      if (!tally) map.set(key, (tally = new Tally()));
      return tally;
    };
    // A deadline at 24:00 (00:00 of the next day) belongs to the day it ends: due in (start, end].
    for await (const o of pages((after) => this.deps.store.obligations.pageDueBetween(start + 1, end + 1, after, PAGE), (o) => ({ at: o.due, id: o.id }))) {
      const placement = await context.place(o);
      if (!inScope(scope, placement)) continue;
      const standing = standingOf(o, at, dayOf);
      tallyOf(byStandard, o.standardId).add(standing, o);
      tallyOf(byTeam, placement.teamId).add(standing, o);
      const personKey = `${placement.ownerId ?? placement.ownerEmail ?? ''}|${placement.teamId ?? ''}`;
      let person = byPerson.get(personKey);
      if (!person) byPerson.set(personKey, (person = { placement, tally: new Tally() }));
      person.tally.add(standing, o);
      if (o.standardId === REVIEW_VIEWS_STANDARD && o.caseId !== null && standing !== 'closed') reviews.push(o);
    }

    const titles = new Map(this.deps.standards.map((s) => [s.id, s.title]));
    const teamName = (id: string | null) => (id === null ? null : (directory.teams.get(id)?.name ?? id));
    const standards = [...byStandard].sort(([a], [b]) => compareText(a, b)).map(([standard, t]) => ({ standard, title: titles.get(standard) ?? null, ...t.result() }));
    const teams = [...byTeam]
      .map(([teamId, t]) => ({ team: teamName(teamId), teamId, ...t.result() }))
      .sort((a, b) => compareNullLast(a.team, b.team));
    const people = [...byPerson.values()]
      .map(({ placement, tally }) => {
        const person = placement.ownerId === null ? null : directory.people.get(placement.ownerId);
        return {
          owner: person ? person.email.toLowerCase() : placement.ownerEmail,
          name: person?.name ?? null,
          team: teamName(placement.teamId),
          teamId: placement.teamId,
          ...tally.result(),
        };
      })
      .sort((a, b) => compareNullLast(a.team, b.team) || compareNullLast(a.name ?? a.owner, b.name ?? b.owner));

    const { statements, participation } = await this.statementFigures(start, end, scope, directory);
    const figures = await this.reviewFigures(reviews, at, dayOf, context);
    participation.reviews = figures.all;
    participation.reviewsByTeam = [...figures.byTeam]
      .map(([teamId, r]) => ({ team: teamName(teamId), teamId, ...shareOf(r.due, r.evidenced) }))
      .sort((a, b) => compareNullLast(a.team, b.team));
    return { from: period.from, to: period.to, at: formatInstant(at), standards, teams, people, statements, participation };
  }

  /**
   * The latest `limit` obligations of `scope` due in `[from, to)` whose standing `keep`
   * accepts, judged at `at`, soonest due first: the breaches of the last weeks.
   */
  async items(from: number, to: number, at: number, scope: ReportScope, keep: (s: Standing) => boolean, limit: number): Promise<ReportItem[]> {
    const directory = await this.directory();
    const context = new PlacementContext(this.deps.store, directory);
    const items: ReportItem[] = [];
    for await (const o of pages((after) => this.deps.store.obligations.pageDueBetween(from, to, after, PAGE), (o) => ({ at: o.due, id: o.id }))) {
      const standing = standingOf(o, at, (t) => this.deps.calendar.dayOf(t));
      if (!keep(standing)) continue;
      const placement = await context.place(o);
      if (!inScope(scope, placement)) continue;
      items.push(await context.item(o, standing, placement));
      if (items.length > limit) items.shift();
    }
    return items;
  }

  /**
   * The open obligations of the scope's people that are overdue at `at`, most overdue
   * first, at most `limit` (one indexed read of open obligations by owner).
   */
  async overdue(at: number, scope: ReportScope, limit: number): Promise<ReportItem[]> {
    const directory = await this.directory();
    const context = new PlacementContext(this.deps.store, directory);
    const owners = scope.kind === 'service' ? [...directory.people.keys()] : [...scope.personIds];
    const items: ReportItem[] = [];
    for (const o of await this.deps.store.obligations.openForOwners(owners, at, limit)) items.push(await context.item(o, 'overdue', await context.place(o)));
    return items;
  }

  private async directory(): Promise<Directory> {
    const people = await this.deps.store.directory.listPeople();
    const teams = await this.deps.store.directory.listTeams();
    return {
      people: new Map(people.map((p) => [p.id, p])),
      byEmail: new Map(people.map((p) => [p.email.toLowerCase(), p])),
      teams: new Map(teams.map((t) => [t.id, t])),
    };
  }

  /** Statements sent in `[start, end)` by type and month, and the children who sent them. */
  private async statementFigures(start: number, end: number, scope: ReportScope, directory: Directory): Promise<{ statements: StatementFigures; participation: ParticipationFigures }> {
    const cal = this.deps.calendar;
    const statements: StatementFigures = { received: 0, byType: {}, byMonth: {} };
    const children = new Map<string, Set<string>>();
    const childrenByTeam = new Map<string, { month: string; teamId: string | null; children: Set<string> }>();
    for await (const s of pages((after) => this.deps.store.statements.pageSentBetween(start, end, after, PAGE), (s) => ({ at: s.sentAt, id: s.id }))) {
      // In a scope, the statements its people hold, counted under their teams.
      const holders = scope.kind === 'people' ? s.assigneeIds.filter((id) => scope.personIds.has(id)) : s.assigneeIds;
      if (scope.kind === 'people' && holders.length === 0) continue;
      const teamIds = teamsOf(holders, directory);
      const month = cal.dateOf(cal.dayOf(s.sentAt)).slice(0, 7);
      statements.received++;
      statements.byType[s.type] = (statements.byType[s.type] ?? 0) + 1;
      statements.byMonth[month] = (statements.byMonth[month] ?? 0) + 1;
      // An unidentified young person is no child Heard can count (nor tell apart).
      if (s.flags.unidentified) continue;
      setOf(children, month).add(s.child.reference);
      for (const teamId of teamIds.length > 0 ? teamIds : [null]) {
        const key = `${month}|${teamId ?? ''}`;
        let row = childrenByTeam.get(key);
        if (!row) childrenByTeam.set(key, (row = { month, teamId, children: new Set() }));
        row.children.add(s.child.reference);
      }
    }
    const teamName = (id: string | null) => (id === null ? null : (directory.teams.get(id)?.name ?? id));
    return {
      statements: { received: statements.received, byType: sortedRecord(statements.byType), byMonth: sortedRecord(statements.byMonth) },
      participation: {
        childrenByMonth: sortedRecord(Object.fromEntries([...children].map(([month, set]) => [month, set.size]))),
        childrenByMonthAndTeam: [...childrenByTeam.values()]
          .map((r) => ({ month: r.month, team: teamName(r.teamId), teamId: r.teamId, children: r.children.size }))
          .sort((a, b) => compareText(a.month, b.month) || compareNullLast(a.team, b.team)),
        reviews: { due: 0, evidenced: 0, share: null },
        reviewsByTeam: [],
      },
    };
  }

  /**
   * Of the reviews (their momo 4.4 obligations), how many had a statement from the child —
   * linked by the child's reference, which is the case reference — sent after the case's
   * previous review and no later than this one.
   */
  private async reviewFigures(
    reviews: Obligation[],
    at: number,
    dayOf: (t: number) => number,
    context: PlacementContext,
  ): Promise<{ all: ParticipationFigures['reviews']; byTeam: Map<string | null, { due: number; evidenced: number }> }> {
    let evidenced = 0;
    const byTeam = new Map<string | null, { due: number; evidenced: number }>();
    const statementsOf = new Map<string, Statement[]>();
    const links = await CaseLinks.load(this.deps.store);
    for (const o of reviews) {
      const c = await this.deps.store.cases.get(o.caseId!);
      if (!c) continue;
      const reviewAt = o.anchorAt ?? o.due;
      const earlier = (await this.deps.store.obligations.listForCase(c.id)).filter(
        (x) => x.standardId === REVIEW_VIEWS_STANDARD && (x.anchorAt ?? x.due) < reviewAt && standingOf(x, at, dayOf) !== 'closed',
      );
      const previous = earlier.length === 0 ? -Infinity : Math.max(...earlier.map((x) => x.anchorAt ?? x.due));
      let sent = statementsOf.get(c.caseRef);
      if (!sent) statementsOf.set(c.caseRef, (sent = await links.statementsOf(this.deps.store, c.caseRef)));
      const heard = sent.some((s) => s.sentAt > previous && s.sentAt <= reviewAt);
      if (heard) evidenced++;
      // The team working the child's case, whoever holds the IRO's check.
      const teamId = await context.caseTeam(c.id);
      const row = byTeam.get(teamId) ?? { due: 0, evidenced: 0 };
      row.due++;
      if (heard) row.evidenced++;
      byTeam.set(teamId, row);
    }
    return { all: shareOf(reviews.length, evidenced), byTeam };
  }
}

function shareOf(due: number, evidenced: number): { due: number; evidenced: number; share: number | null } {
  return { due, evidenced, share: due === 0 ? null : Math.round((evidenced / due) * 10000) / 10000 };
}

interface Directory {
  people: Map<string, Person>;
  byEmail: Map<string, Person>;
  teams: Map<string, Team>;
}

/**
 * Places each obligation: the owner's team in the directory; for one nobody holds, the
 * team that works its statement (its assignees'), its case (the people allocated to it,
 * the social worker first) or the member of staff it is about.
 */
class PlacementContext {
  private readonly statements = new Map<string, Statement | null>();
  private readonly cases = new Map<string, Case | null>();
  private readonly staff = new Map<string, string | null>();

  constructor(
    private readonly store: ComplianceReportDeps['store'],
    private readonly directory: Directory,
  ) {}

  /** The obligation as a list shows it: what it is about and who holds it. */
  async item(o: Obligation, standing: Standing, placement: Placement): Promise<ReportItem> {
    const person = placement.ownerId === null ? undefined : this.directory.people.get(placement.ownerId);
    return { obligation: o, standing, about: await this.about(o), owner: person?.name ?? placement.ownerEmail, teamId: placement.teamId };
  }

  /** A statement's or case's reference and initials; a member of staff by name. */
  private async about(o: Obligation): Promise<string> {
    if (o.statementId !== null) {
      const s = await cached(this.statements, o.statementId, () => this.store.statements.get(o.statementId!));
      if (!s) return 'a statement';
      return s.flags.unidentified ? 'an unidentified young person' : `${s.child.reference} · ${s.child.initials}`;
    }
    if (o.caseId !== null) {
      const c = await cached(this.cases, o.caseId, () => this.store.cases.get(o.caseId!));
      return c ? `${c.caseRef} · ${c.initials}` : 'a case';
    }
    const email = o.staffId === null ? null : await cached(this.staff, o.staffId, async () => (await this.store.staff.get(o.staffId!))?.email ?? null);
    return `staff: ${(email && this.directory.byEmail.get(email.toLowerCase())?.name) ?? email ?? 'a member of staff'}`;
  }

  async place(o: Obligation): Promise<Placement> {
    const owner = (o.ownerId !== null ? this.directory.people.get(o.ownerId) : undefined) ?? (o.ownerEmail !== null ? this.directory.byEmail.get(o.ownerEmail.toLowerCase()) : undefined);
    if (owner) return { ownerId: owner.id, ownerEmail: owner.email.toLowerCase(), teamId: owner.teamId };
    const ownerEmail = o.ownerEmail?.toLowerCase() ?? null;
    return { ownerId: o.ownerId, ownerEmail, teamId: await this.holdingTeam(o) };
  }

  /** The team working a case: its social worker's, else another allocated person's. */
  async caseTeam(caseId: string): Promise<string | null> {
    const c = await cached(this.cases, caseId, () => this.store.cases.get(caseId));
    if (!c) return null;
    const roles = Object.keys(c.allocations).sort((a, b) => (a === 'social-worker' ? -1 : b === 'social-worker' ? 1 : compareText(a, b)));
    for (const role of roles) {
      const teamId = this.directory.byEmail.get(c.allocations[role].toLowerCase())?.teamId;
      if (teamId) return teamId;
    }
    return null;
  }

  private async holdingTeam(o: Obligation): Promise<string | null> {
    if (o.statementId !== null) {
      const s = await cached(this.statements, o.statementId, () => this.store.statements.get(o.statementId!));
      return s ? (teamsOf(s.assigneeIds, this.directory)[0] ?? null) : null;
    }
    if (o.caseId !== null) return this.caseTeam(o.caseId);
    if (o.staffId !== null) {
      const email = await cached(this.staff, o.staffId, async () => (await this.store.staff.get(o.staffId!))?.email ?? null);
      return email === null ? null : (this.directory.byEmail.get(email.toLowerCase())?.teamId ?? null);
    }
    return null;
  }
}

/** The teams of these people (a statement's assignees), each once, in their order. */
function teamsOf(personIds: readonly string[], directory: Directory): string[] {
  const teams: string[] = [];
  for (const id of personIds) {
    const teamId = directory.people.get(id)?.teamId;
    if (teamId && !teams.includes(teamId)) teams.push(teamId);
  }
  return teams;
}

function inScope(scope: ReportScope, p: Placement): boolean {
  if (scope.kind === 'service') return true;
  if (p.ownerId !== null && scope.personIds.has(p.ownerId)) return true;
  return p.ownerId === null && p.teamId !== null && scope.teamIds.has(p.teamId);
}

/** Every row of a keyset-paged read, page after page. */
async function* pages<T>(read: (after: PageCursor | null) => Promise<T[]>, cursorOf: (row: T) => PageCursor): AsyncGenerator<T> {
  let after: PageCursor | null = null;
  for (;;) {
    const page = await read(after);
    yield* page;
    if (page.length < PAGE) return;
    after = cursorOf(page[page.length - 1]);
  }
}

async function cached<K, V>(map: Map<K, V>, key: K, load: () => Promise<V>): Promise<V> {
  if (map.has(key)) return map.get(key)!;
  const value = await load();
  map.set(key, value);
  return value;
}

function setOf<K>(map: Map<K, Set<string>>, key: K): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names in reading order, the row of no one (null) last. */
function compareNullLast(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.localeCompare(b, 'en-GB', { sensitivity: 'base' }) || compareText(a, b);
}
