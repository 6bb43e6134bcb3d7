import type { Obligation } from '../domain/obligation';
import type { Person } from '../domain/person';
import type { PageCursor, Store } from '../domain/ports/store.port';
import { REVIEW_STANDARDS } from '../domain/review-voice';
import type { WorkingCalendar } from '../standards';
import type { ComposeMessage, NudgeOutbox } from './nudge-outbox';
import type { CardUpdater } from './outbound.port';

export interface ReviewCardsDeps {
  store: Store;
  outbox: NudgeOutbox;
  compose: ComposeMessage;
  /** Replaces a card already sent; without one, a card shows the review's changes when it is next opened (its refresh). */
  updater?: CardUpdater;
  calendar: WorkingCalendar;
  holder: string;
  now: () => number;
  log: (event: string, fields: Record<string, string | number | boolean>) => void;
  /** How often the reviews are looked at, at most (seconds). Default 120. */
  everySeconds?: number;
}

/** How long before the deadline of 4.3 and 4.4 the card goes out: a week to act on it. */
export const REVIEW_CARD_LEAD_SECONDS = 7 * 24 * 3600;

/** How far back and ahead of now the reviews' deadlines are read (a review rescheduled further out is read when it comes in). */
const BEHIND = 60 * 24 * 3600;
const AHEAD = 400 * 24 * 3600;
/** A review the card has not reached by two weeks after it is past being prepared for. */
const TOO_LATE = 14 * 24 * 3600;
const PAGE = 500;

/**
 * The pre-review card (Mind Of My Own 4.3–4.7): to the case's allocated IRO and social
 * worker, a week before the deadline of 4.3 and 4.4 (at least 10 working days before the
 * review) — or at once, in working hours, for a review arranged later than that. Sent
 * once per person per review through the outbox's idempotency keys
 * (`review:<obligation>:<person>`), whatever restarts or instances; then kept in step
 * with the review: when the case changes (rescheduled: the deadline moves; cancelled: the
 * card closes; an action recorded; a visit) each copy is replaced in place, once per
 * change of the case (`review:<obligation>:<person>:<case version>.<obligation version>`).
 *
 * @example
 * await reviews.run(now); // the number of cards sent or replaced
 */
export class ReviewCards {
  private lastRunAt = -Infinity;

  constructor(private readonly deps: ReviewCardsDeps) {}

  async run(now: number): Promise<number> {
    if (now - this.lastRunAt < (this.deps.everySeconds ?? 120)) return 0;
    this.lastRunAt = now;
    let done = 0;
    let after: PageCursor | null = null;
    for (;;) {
      const page = await this.deps.store.obligations.pageDueBetween(now - BEHIND, now + AHEAD, after, PAGE);
      for (const o of page) if (o.standardId === REVIEW_STANDARDS.check && o.caseId !== null) done += await this.keep(o, now);
      if (page.length < PAGE) break;
      after = { at: page[page.length - 1].due, id: page[page.length - 1].id };
    }
    return done;
  }

  /** Sends the card of one review to whoever should have it, or brings copies already sent up to date. */
  private async keep(o: Obligation, now: number): Promise<number> {
    const c = await this.deps.store.cases.get(o.caseId!);
    if (!c || o.anchorAt === null) return 0;
    const token = `${c.version}.${o.version}`;
    const mayStart = o.status !== 'cancelled' && now >= o.due - REVIEW_CARD_LEAD_SECONDS && now < o.anchorAt + TOO_LATE && this.inWorkingHours(now);
    let done = 0;
    for (const email of new Set([c.allocations.iro, c.allocations['social-worker']].filter((e): e is string => typeof e === 'string'))) {
      const person = await this.deps.store.directory.findPersonByEmail(email);
      if (!person) continue;
      const key = `review:${o.id}:${person.id}`;
      const sent = await this.deps.store.nudges.get(key);
      if (!sent) {
        if (!mayStart) continue;
        const result = await this.deps.outbox.deliver({ key, kind: 'review', obligationId: o.id, statementId: null }, person, { type: 'review', obligationId: o.id });
        if (result === 'sent') {
          done++;
          await this.mark(`${key}:${token}`, o, person, now, null);
        }
        continue;
      }
      if (sent.state !== 'sent' || sent.activityId === null || !person.aadObjectId || !this.deps.updater) continue;
      if (await this.deps.store.nudges.get(`${key}:${token}`)) continue;
      const card = await this.deps.compose({ type: 'review', obligationId: o.id }, person);
      const outcome = await this.deps.updater.update(person.aadObjectId, sent.activityId, card).catch(() => null);
      if (outcome === null) continue; // tried again at the next run
      await this.mark(`${key}:${token}`, o, person, now, outcome.ok ? sent.activityId : null);
      if (outcome.ok) done++;
      else this.deps.log('review-card-not-updated', { obligationId: o.id, reason: outcome.reason });
    }
    return done;
  }

  /** Records that a person's copy shows the case as it is (the card of this change is never sent twice). */
  private async mark(key: string, o: Obligation, person: Person, now: number, activityId: string | null): Promise<void> {
    await this.deps.store.nudges.begin({
      key,
      obligationId: o.id,
      statementId: null,
      kind: 'review-update',
      recipientId: person.id,
      state: 'sent',
      reason: null,
      holder: this.deps.holder,
      at: now,
      sentAt: now,
      activityId,
    });
  }

  private inWorkingHours(now: number): boolean {
    const cal = this.deps.calendar;
    const day = cal.dayOf(now);
    return cal.isWorkingDay(day) && now >= cal.ivStart[cal.ivFrom[day]] && now <= cal.ivEnd[cal.ivFrom[day + 1] - 1];
  }
}
