import { builtInVocabulary, type Standard, type Vocabulary } from '../standards';
import type { Case, StaffSubject } from './case';
import type { Obligation } from './obligation';
import { Permissions } from './permissions';
import { byName, type Person } from './person';
import type { CardDelivery, Store } from './ports/store.port';
import type { Statement, StatementStatus } from './statement';
import { lastHandBack } from './hand-back';

/**
 * The read-only lists the conversation answers with: what is due or overdue for a
 * worker, which statements they have not opened, a manager's team at a glance, and the
 * participation team's queue. Items are every open clock a person owns — on a statement,
 * on a child's case or about a member of staff — side by side. Nothing here writes.
 */

/**
 * One open clock, with what it runs on and the standard it keeps: a statement, a child's
 * case (reference and initials, never a name) or a member of staff (their supervision).
 *
 * @example
 * const item: WorkItem = { subject: 'case', obligation, case: c, standard };
 * item.obligation.due; // the deadline, an instant
 */
export type WorkItem = StatementWorkItem | CaseWorkItem | StaffWorkItem;

/** An open clock on a statement. @example const item: StatementWorkItem = { subject: 'statement', obligation, statement, standard }; */
export interface StatementWorkItem {
  subject: 'statement';
  obligation: Obligation;
  statement: Statement;
  standard: Standard;
}

/** An open clock on a child's case. @example const item: CaseWorkItem = { subject: 'case', obligation, case: c, standard }; */
export interface CaseWorkItem {
  subject: 'case';
  obligation: Obligation;
  case: Case;
  standard: Standard;
}

/**
 * An open clock about a member of staff (supervision, appraisal), with them as the
 * directory knows them (null: not in it).
 *
 * @example const item: StaffWorkItem = { subject: 'staff', obligation, staff, person: sam, standard };
 */
export interface StaffWorkItem {
  subject: 'staff';
  obligation: Obligation;
  staff: StaffSubject;
  person: Person | null;
  standard: Standard;
}

/**
 * A span of time between two instants (whole seconds): `from` included, `to` excluded.
 *
 * @example
 * const thisWeek: InstantWindow = { from: parseInstant('2026-11-23T00:00:00Z'), to: parseInstant('2026-11-30T00:00:00Z') };
 */
export interface InstantWindow {
  from: number;
  to: number;
}

/**
 * One person's line of a manager's team summary.
 *
 * @example
 * const row: TeamRow = { person: sam, count: 3, overdue: 1, first: item };
 */
export interface TeamRow {
  person: Person;
  /** Items in the list: due in the window, or overdue. */
  count: number;
  /** Of those, how many are past due now. */
  overdue: number;
  /** The most urgent item (earliest due), or null when there is none. */
  first: WorkItem | null;
}

/**
 * A statement the participation team must act on: it waits in the queue, or its card
 * could not reach (some of) its assignees.
 *
 * @example
 * const entry: QueueEntry = { statement, clock: momo11, undelivered: [] };
 */
export interface QueueEntry {
  statement: Statement;
  /** The team's earliest-due open clock on it (e.g. momo 1.1, "assign within 5 working hours"), or null when none runs. */
  clock: Obligation | null;
  /** Cards not delivered to people it is assigned to, oldest first. */
  undelivered: CardDelivery[];
  /** When it waits because its holder handed it back: who, when and the reason code they gave (null otherwise). */
  handedBack: { byId: string; at: number; reason: string } | null;
}

/**
 * The open case obligations of a manager's team that no person of the directory owns: the
 * role is allocated to nobody on the case, or to someone Heard does not know. The team
 * manager sees them (they are not named as their owner: it is not their duty).
 *
 * @example
 * const row: UnallocatedRow = { count: 2, overdue: 1, first: item };
 */
export interface UnallocatedRow {
  count: number;
  overdue: number;
  first: CaseWorkItem | null;
}

/** @example const deps: WorklistsDeps = { store, standards: loadBuiltInStandards(), now: () => Math.floor(Date.now() / 1000) }; */
export interface WorklistsDeps {
  store: Store;
  /** The standards items may belong to: an obligation of any other standard is left out. */
  standards: Standard[];
  now: () => number;
  /** Which roles are someone's to hold (`case-events.md`); the built-in vocabulary by default. */
  vocabulary?: Vocabulary;
}

/** A statement its assignee has not opened yet. */
const UNOPENED: StatementStatus[] = ['assigned', 'delivered'];

/** A statement the participation team has no more to do for. */
const FINISHED: ReadonlySet<StatementStatus> = new Set<StatementStatus>(['saved', 'closed']);

function checkWindow(window: InstantWindow): void {
  if (!Number.isSafeInteger(window.from) || !Number.isSafeInteger(window.to)) {
    throw new RangeError(`a window must run between two instants in whole seconds, got ${String(window.from)}..${String(window.to)}`);
  }
}

/**
 * The conversation's lists over the store's ports. Each answer reads what it returns and
 * little more: a team summary is one obligations query for everybody plus one read of
 * the statement, case or member of staff per person shown with an item, however many
 * obligations the store holds.
 *
 * @example
 * const lists = new Worklists({ store, standards, now: () => Math.floor(Date.now() / 1000) });
 * const thisWeek = await lists.due('p_sam', { from: monday, to: nextMonday });
 * const team = await lists.teamSummary(await lists.teamOf('p_priya'), 'overdue', null);
 */
export class Worklists {
  private readonly standardsById: Map<string, Standard>;
  /** Roles a person holds on a case (allocated, or worked out from the allocations): teams and outsiders are nobody's. */
  private readonly personalRoles: ReadonlySet<string>;

  constructor(private readonly deps: WorklistsDeps) {
    this.standardsById = new Map(deps.standards.map((s) => [s.id, s]));
    const roles = (deps.vocabulary ?? builtInVocabulary()).roles;
    this.personalRoles = new Set(Object.entries(roles).flatMap(([name, role]) => (role.kind === 'allocation' || role.kind === 'derived' ? [name] : [])));
  }

  /** The person's open obligations due in [from, to), soonest first: statements, cases and staff alike. */
  async due(personId: string, window: InstantWindow): Promise<WorkItem[]> {
    checkWindow(window);
    if (window.to <= window.from) return [];
    const open = await this.deps.store.obligations.openForOwners([personId], window.to, undefined, window.from);
    return this.itemsFor(open.filter((o) => this.standardsById.has(o.standardId)));
  }

  /** The person's open obligations already past due (due < now), most overdue first. */
  async overdue(personId: string): Promise<WorkItem[]> {
    const open = await this.deps.store.obligations.openForOwners([personId], this.deps.now());
    return this.itemsFor(open.filter((o) => this.standardsById.has(o.standardId)));
  }

  /**
   * The open case obligations of these people's cases — the cases on which any of them
   * holds a role — that no person of the directory owns (a role allocated to nobody, or to
   * someone Heard does not know), due in the window (`null`: overdue now), soonest first.
   * Obligations of teams and of outside agencies are left out: nobody is missing for them.
   */
  async unallocated(people: Person[], window: InstantWindow | null): Promise<CaseWorkItem[]> {
    if (window) checkWindow(window);
    const from = window ? window.from : Number.MIN_SAFE_INTEGER;
    const before = window ? window.to : this.deps.now();
    const emails = people.flatMap((p) => (p.email ? [p.email] : []));
    if (emails.length === 0 || before <= from) return [];
    const open = (await this.deps.store.obligations.openUnownedOnCasesOf(emails, from, before)).filter(
      (o) => this.personalRoles.has(o.ownerRole) && this.standardsById.has(o.standardId),
    );
    // Only the cases with work to show are read, all at once.
    const cases = await this.deps.store.cases.getMany([...new Set(open.flatMap((o) => (o.caseId === null ? [] : [o.caseId])))]);
    const byId = new Map(cases.map((c) => [c.id, c]));
    return open.flatMap((o) => {
      const kase = o.caseId === null ? undefined : byId.get(o.caseId);
      const standard = this.standardsById.get(o.standardId);
      return kase && standard ? [{ subject: 'case' as const, obligation: o, case: kase, standard }] : [];
    });
  }

  /** {@link unallocated} as a team summary's row: how many, how many overdue now, and the most urgent. */
  async unallocatedRow(people: Person[], kind: 'due' | 'overdue', window: InstantWindow | null): Promise<UnallocatedRow> {
    if (kind === 'due' && !window) throw new TypeError("a 'due' team summary needs a window");
    const items = await this.unallocated(people, kind === 'due' ? window : null);
    const now = this.deps.now();
    return { count: items.length, overdue: items.filter((i) => i.obligation.due < now).length, first: items[0] ?? null };
  }

  /**
   * Statements assigned to the person and not opened yet (assigned or delivered), oldest
   * sent first, each with the person's own soonest open obligation on it (or null).
   */
  async unopened(personId: string): Promise<{ statement: Statement; next: WorkItem | null }[]> {
    const { store } = this.deps;
    const statements = await store.statements.list({ statuses: UNOPENED, assigneeId: personId });
    return Promise.all(
      statements.map(async (statement) => {
        // Listed soonest due first, so the first of the person's own is the next one.
        const obligations = await store.obligations.listForStatement(statement.id);
        const mine = obligations.find((o) => o.status === 'open' && o.ownerId === personId && this.standardsById.has(o.standardId));
        return { statement, next: mine ? this.statementItem(mine, statement) : null };
      }),
    );
  }

  /**
   * The people a manager manages, whose lists they see (domain/permissions.ts): the
   * members of the teams they manage and their line reports, each once, never the
   * manager themself, by name. Empty for someone who manages nobody.
   */
  teamOf(managerId: string): Promise<Person[]> {
    return new Permissions(this.deps.store.directory).managedBy(managerId);
  }

  /**
   * One row per person: with `due`, the items due in the window and how many of them are
   * overdue now; with `overdue`, the overdue items (the window is ignored). Most urgent
   * first — more overdue, then the earliest first item, then name — and people with
   * nothing last, by name.
   */
  async teamSummary(people: Person[], kind: 'due' | 'overdue', window: InstantWindow | null): Promise<TeamRow[]> {
    const now = this.deps.now();
    if (kind === 'due') {
      if (!window) throw new TypeError("a 'due' team summary needs a window");
      checkWindow(window);
    }
    const unique = [...new Map(people.map((p) => [p.id, p])).values()];
    const from = kind === 'due' && window ? window.from : Number.MIN_SAFE_INTEGER;
    const before = kind === 'due' && window ? window.to : now;
    // One query for everybody; what an item is about is read only for each row's first item.
    const open =
      unique.length === 0 || before <= from
        ? []
        : await this.deps.store.obligations.openForOwners(
            unique.map((p) => p.id),
            before,
            undefined,
            kind === 'due' ? from : undefined,
          );

    // Soonest first from the store, so each person's list is already in order.
    const byOwner = new Map<string, Obligation[]>();
    for (const o of open) {
      if (o.ownerId === null || o.due < from || !this.standardsById.has(o.standardId)) continue;
      const list = byOwner.get(o.ownerId);
      if (list) list.push(o);
      else byOwner.set(o.ownerId, [o]);
    }

    const rows = await Promise.all(
      unique.map(async (person): Promise<TeamRow> => {
        const items = byOwner.get(person.id) ?? [];
        return {
          person,
          count: items.length,
          overdue: items.filter((o) => o.due < now).length,
          first: await this.firstItem(items),
        };
      }),
    );
    return rows.sort((a, b) => {
      const aEmpty = a.count === 0;
      const bEmpty = b.count === 0;
      if (aEmpty !== bEmpty) return aEmpty ? 1 : -1;
      if (aEmpty) return byName(a.person, b.person);
      return b.overdue - a.overdue || (a.first?.obligation.due ?? Infinity) - (b.first?.obligation.due ?? Infinity) || byName(a.person, b.person);
    });
  }

  /**
   * The participation team's queue: queued statements with the team's clock on each (and,
   * for one handed back, who handed it back and why), and open statements whose card
   * could not reach an assignee, each statement once, oldest sent first; at most `limit`
   * entries, queued ones before the rest when the limit cuts.
   */
  async queue(limit?: number): Promise<QueueEntry[]> {
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
      throw new RangeError(`limit must be a whole number of at least 0, got ${String(limit)}`);
    }
    if (limit === 0) return [];
    const { store } = this.deps;
    const queued = await store.statements.list({ statuses: ['queued'] }, limit);
    const undeliveredByStatement = new Map<string, CardDelivery[]>();
    for (const d of await store.cards.listNotDelivered()) {
      const list = undeliveredByStatement.get(d.statementId);
      if (list) list.push(d);
      else undeliveredByStatement.set(d.statementId, [d]);
    }

    const entries: QueueEntry[] = [];
    const seen = new Set<string>();
    const add = async (statement: Statement, cards: CardDelivery[]) => {
      seen.add(statement.id);
      // A card to someone it is no longer assigned to is history, not something to act on.
      const undelivered = cards.filter((d) => statement.assigneeIds.includes(d.personId));
      if (statement.status !== 'queued' && undelivered.length === 0) return;
      const handBack = statement.status === 'queued' ? lastHandBack(await store.audit.listForStatement(statement.id)) : null;
      entries.push({
        statement,
        clock: await this.teamClock(statement.id),
        undelivered,
        handedBack: handBack ? { byId: handBack.actor.id, at: handBack.at, reason: String(handBack.details.reason ?? 'other') } : null,
      });
    };
    for (const statement of queued) await add(statement, undeliveredByStatement.get(statement.id) ?? []);
    for (const [statementId, cards] of undeliveredByStatement) {
      if (limit !== undefined && entries.length >= limit) break;
      if (seen.has(statementId)) continue;
      const statement = await store.statements.get(statementId);
      if (!statement || FINISHED.has(statement.status)) continue;
      await add(statement, cards);
    }
    // Oldest first, whichever list it came from: the longest a child has waited comes first.
    return entries.sort((a, b) => a.statement.sentAt - b.statement.sentAt || (a.statement.id < b.statement.id ? -1 : a.statement.id > b.statement.id ? 1 : 0));
  }

  /** The team's clock on a statement: its earliest-due open obligation that nobody in particular owns (momo 1.x while queued). */
  private async teamClock(statementId: string): Promise<Obligation | null> {
    // Listed soonest due first.
    const obligations = await this.deps.store.obligations.listForStatement(statementId);
    return obligations.find((o) => o.status === 'open' && o.ownerId === null && this.standardsById.has(o.standardId)) ?? null;
  }

  /** The first of `obligations` (soonest first) whose statement, case or member of staff exists, as a work item. */
  private async firstItem(obligations: Obligation[]): Promise<WorkItem | null> {
    for (const o of obligations) {
      const [item] = await this.itemsFor([o]);
      if (item) return item;
    }
    return null;
  }

  /**
   * Work items for obligations of known standards, in the same order, reading each
   * statement, case and member of staff once; an obligation whose subject is gone (or of
   * a standard these lists do not know) is left out.
   */
  async itemsFor(obligations: Obligation[]): Promise<WorkItem[]> {
    const { store } = this.deps;
    const read = async <T>(ids: (string | null)[], get: (id: string) => Promise<T | null>): Promise<Map<string, T | null>> => {
      const unique = [...new Set(ids.filter((id): id is string => id !== null))];
      return new Map(await Promise.all(unique.map(async (id) => [id, await get(id)] as const)));
    };
    const [statements, cases, staff] = await Promise.all([
      read(obligations.map((o) => o.statementId), (id) => store.statements.get(id)),
      read(obligations.map((o) => o.caseId), (id) => store.cases.get(id)),
      read(obligations.map((o) => o.staffId), (id) => store.staff.get(id)),
    ]);
    const people = await read([...staff.values()].map((s) => s?.email ?? null), (email) => store.directory.findPersonByEmail(email));
    return obligations.flatMap((o): WorkItem[] => {
      const standard = this.standardsById.get(o.standardId);
      if (!standard) return [];
      const statement = o.statementId === null ? null : statements.get(o.statementId);
      if (statement) return [{ subject: 'statement', obligation: o, statement, standard }];
      const kase = o.caseId === null ? null : cases.get(o.caseId);
      if (kase) return [{ subject: 'case', obligation: o, case: kase, standard }];
      const member = o.staffId === null ? null : staff.get(o.staffId);
      if (member) return [{ subject: 'staff', obligation: o, staff: member, person: people.get(member.email) ?? null, standard }];
      return [];
    });
  }

  private statementItem(obligation: Obligation, statement: Statement): StatementWorkItem {
    const standard = this.standardsById.get(obligation.standardId);
    if (!standard) throw new Error(`obligation ${obligation.id} belongs to an unknown standard`);
    return { subject: 'statement', obligation, statement, standard };
  }
}
