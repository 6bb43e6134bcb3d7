import { digestOptIn } from '../domain/digest-preferences';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { Obligation } from '../domain/obligation';
import type { WorkItem, Worklists } from '../domain/worklists';
import { timeliness, type Standard, type WorkingCalendar } from '../standards';
import type { BreachItem, DigestContent } from '../domain/digest-content';
import type { DeliveryResult, NudgeOutbox } from './nudge-outbox';
import type { Recipients } from './recipients';

export interface MorningDigestDeps {
  store: Store;
  worklists: Worklists;
  recipients: Recipients;
  outbox: NudgeOutbox;
  calendar: WorkingCalendar;
  standards: Map<string, Standard>;
}

/** How many breaches a digest lists at most (the count says how many there were). */
const MAX_BREACHES = 200;

/**
 * The morning digests, at the start of each working day: the participation team gets the
 * unassigned queue (with the cards not delivered) and the breaches since the previous
 * working day (statements', and the Mind Of My Own standards' on cases); each manager
 * their team's overdue work — statements, cases and staff, the team's case work nobody
 * holds, and once, the case work found already overdue when Heard first heard of it —
 * when there is any; each worker who opted in what is due today. People away that day get none. One per person per day: the key
 * `digest:<date>:<person>` makes a restart or a second instance skip those already sent.
 *
 * @example
 * await digest.run(now); // does nothing before 09:00, on a non-working day, or after close of business
 */
export class MorningDigest {
  /** The local date whose digests this instance has finished: later sweeps that day skip the work. */
  private finished: string | null = null;

  constructor(private readonly deps: MorningDigestDeps) {}

  /**
   * The instant today's digests go (the start of the day's first working interval), or
   * null on a non-working day.
   */
  startOf(day: number): number | null {
    const cal = this.deps.calendar;
    return cal.isWorkingDay(day) ? cal.ivStart[cal.ivFrom[day]] : null;
  }

  /** The next digest instant after `now` (strictly), for the scheduler's wake-up. */
  nextAfter(now: number): number | null {
    const cal = this.deps.calendar;
    for (let day = cal.dayOf(now); day < cal.days; day++) {
      const start = this.startOf(day);
      if (start !== null && start > now) return start;
    }
    return null;
  }

  /** Sends today's digests not yet sent, if today is a working day and its working hours have begun and not ended. */
  async run(now: number): Promise<number> {
    const cal = this.deps.calendar;
    const day = cal.dayOf(now);
    const start = this.startOf(day);
    if (start === null || now < start) return 0;
    const close = cal.ivEnd[cal.ivFrom[day + 1] - 1];
    if (now > close) return 0;
    const date = cal.dateOf(day);
    if (this.finished === date) return 0;
    let sent = 0;
    let failed = false;
    const send = async (person: Person, digest: DigestContent): Promise<DeliveryResult> => {
      const result = await this.deps.outbox.deliver(
        { key: digestKey(date, person.id), kind: 'digest', obligationId: null, statementId: null },
        person,
        { type: 'digest', digest },
      );
      if (result === 'sent') sent++;
      if (result === 'failed') failed = true;
      return result;
    };
    const due = async (person: Person) => !(await this.deps.store.nudges.get(digestKey(date, person.id))) && !(await this.deps.recipients.isAway(person.id, date));

    const participation = await this.deps.store.directory.listPeople({ role: 'participation' });
    if (participation.some((p) => p.aadObjectId !== null)) {
      let content: DigestContent | null = null;
      for (const person of participation) {
        if (!(await due(person))) continue;
        content ??= await this.participationDigest(day, date);
        await send(person, content);
      }
    }
    for (const person of await this.deps.store.directory.listPeople()) {
      const team = await this.deps.worklists.teamOf(person.id);
      if (team.length > 0 && (await due(person))) {
        const rows = (await this.deps.worklists.teamSummary(team, 'overdue', null)).filter((r) => r.count > 0);
        const unallocated = await this.deps.worklists.unallocatedRow([person, ...team], 'overdue', null);
        const found = await this.foundOverdue(person, team, now);
        if (rows.length > 0 || unallocated.count > 0 || found.length > 0) {
          const items = await this.withOwners(found.slice(0, MAX_BREACHES));
          const result = await send(person, { audience: 'manager', date, rows, unallocated, foundOverdue: { count: found.length, items } });
          // Reported once: tomorrow's digest counts them among the team's overdue work only.
          if (result === 'sent') for (const item of found) await this.deps.outbox.recordReported(foundKey(item.obligation.id, person.id), item.obligation.id, person.id);
        }
      }
      if ((await digestOptIn(this.deps.store.settings, person.id)) && (await due(person))) {
        const items = await this.deps.worklists.due(person.id, { from: cal.midnight[day], to: cal.midnight[day + 1] });
        await send(person, { audience: 'worker', date, items });
      }
    }
    // A digest that failed is tried again at the next sweep; the ones sent are skipped by their keys.
    if (!failed) this.finished = date;
    return sent;
  }

  /**
   * The team's case work found already overdue when Heard first heard of it (a go-live
   * history: the engine gave it no nudge) and not reported to this manager yet: open,
   * overdue, no next nudge, never escalated — owned by the team, or by nobody on the
   * team's cases. Soonest due first.
   */
  private async foundOverdue(manager: Person, team: Person[], now: number): Promise<WorkItem[]> {
    const { store, worklists } = this.deps;
    const owned = await worklists.itemsFor(
      (await store.obligations.openForOwners(team.map((p) => p.id), now)).filter((o) => o.subject !== 'statement' && o.nextNudgeAt === null),
    );
    const unowned = (await worklists.unallocated([manager, ...team], null)).filter((i) => i.obligation.nextNudgeAt === null);
    const found: WorkItem[] = [];
    for (const item of [...owned, ...unowned].sort((a, b) => a.obligation.due - b.obligation.due || (a.obligation.id < b.obligation.id ? -1 : 1))) {
      const records = await store.nudges.listForObligation(item.obligation.id);
      if (!records.some((r) => r.kind === 'breach' || r.key === foundKey(item.obligation.id, manager.id))) found.push(item);
    }
    return found;
  }

  /** Each item with whose it was. */
  private async withOwners(items: WorkItem[]): Promise<BreachItem[]> {
    return Promise.all(items.map(async (item) => ({ item, owner: item.obligation.ownerId ? await this.deps.store.directory.getPerson(item.obligation.ownerId) : null })));
  }

  private async participationDigest(day: number, date: string): Promise<DigestContent> {
    const cal = this.deps.calendar;
    const { store } = this.deps;
    // Breaches since the previous working day began: on a Monday, Friday's and the weekend's.
    let previous = day - 1;
    while (previous > 0 && !cal.isWorkingDay(previous)) previous--;
    const from = cal.midnight[Math.max(previous, 0)];
    const to = cal.midnight[day];
    const missed: Obligation[] = [];
    let breachCount = 0;
    for (const obligation of await store.obligations.listDueBetween(from, to)) {
      const standard = this.deps.standards.get(obligation.standardId);
      // The participation team follows statements, and the Mind Of My Own standards on cases.
      if (!standard || (obligation.subject !== 'statement' && standard.pack !== 'momo')) continue;
      const state = obligation.status === 'open' ? timeliness(obligation.due, { now: to }) : obligation.completedAt !== null ? timeliness(obligation.due, { completedAt: obligation.completedAt }) : null;
      if (obligation.status === 'cancelled' || (state !== 'overdue' && state !== 'late')) continue;
      breachCount++;
      if (missed.length < MAX_BREACHES) missed.push(obligation);
    }
    const breaches = await this.withOwners(await this.deps.worklists.itemsFor(missed));
    return {
      audience: 'participation',
      date,
      queue: await this.deps.worklists.queue(),
      breaches,
      breachCount,
    };
  }
}

/** The record that a manager's digest reported an obligation found already overdue. @example foundKey('ob_1', 'p_priya'); // 'ob_1:found-overdue:p_priya' */
function foundKey(obligationId: string, managerId: string): string {
  return `${obligationId}:found-overdue:${managerId}`;
}

/** The idempotency key of one person's digest on one local date. @example digestKey('2026-11-23', 'p_priya'); // 'digest:2026-11-23:p_priya' */
export function digestKey(date: string, personId: string): string {
  return `digest:${date}:${personId}`;
}
