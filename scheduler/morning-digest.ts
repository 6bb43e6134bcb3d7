import { digestOptIn } from '../domain/digest-preferences';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { Worklists } from '../domain/worklists';
import { timeliness, type Standard, type WorkingCalendar } from '../standards';
import type { BreachItem, DigestContent } from '../domain/digest-content';
import type { NudgeOutbox } from './nudge-outbox';
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
 * unassigned queue (with the cards not delivered) and the breaches since the previous working day;
 * each manager their team's overdue work (when there is any); each worker who opted in
 * what is due today. People away that day get none. One per person per day: the key
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
    const send = async (person: Person, digest: DigestContent) => {
      const result = await this.deps.outbox.deliver(
        { key: digestKey(date, person.id), kind: 'digest', obligationId: null, statementId: null },
        person,
        { type: 'digest', digest },
      );
      if (result === 'sent') sent++;
      if (result === 'failed') failed = true;
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
        if (rows.length > 0) await send(person, { audience: 'manager', date, rows });
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

  private async participationDigest(day: number, date: string): Promise<DigestContent> {
    const cal = this.deps.calendar;
    const { store } = this.deps;
    // Breaches since the previous working day began: on a Monday, Friday's and the weekend's.
    let previous = day - 1;
    while (previous > 0 && !cal.isWorkingDay(previous)) previous--;
    const from = cal.midnight[Math.max(previous, 0)];
    const to = cal.midnight[day];
    const breaches: BreachItem[] = [];
    let breachCount = 0;
    for (const obligation of await store.obligations.listDueBetween(from, to)) {
      if (obligation.statementId === null) continue;
      const state = obligation.status === 'open' ? timeliness(obligation.due, { now: to }) : obligation.completedAt !== null ? timeliness(obligation.due, { completedAt: obligation.completedAt }) : null;
      if (obligation.status === 'cancelled' || (state !== 'overdue' && state !== 'late')) continue;
      breachCount++;
      if (breaches.length >= MAX_BREACHES) continue;
      const statement = await store.statements.get(obligation.statementId);
      const standard = this.deps.standards.get(obligation.standardId);
      if (!statement || !standard) continue;
      const owner = obligation.ownerId ? await store.directory.getPerson(obligation.ownerId) : null;
      breaches.push({ obligation, statement, standard, owner });
    }
    return {
      audience: 'participation',
      date,
      queue: await this.deps.worklists.queue(),
      breaches,
      breachCount,
    };
  }
}

/** The idempotency key of one person's digest on one local date. @example digestKey('2026-11-23', 'p_priya'); // 'digest:2026-11-23:p_priya' */
export function digestKey(date: string, personId: string): string {
  return `digest:${date}:${personId}`;
}
