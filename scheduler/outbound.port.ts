import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { UndeliveredReason } from '../domain/ports/store.port';

/**
 * What the scheduler needs from the Teams edge to reach people: send a card to someone's
 * personal chat at most once, and say how it went. `bot/` implements it (paced to Teams'
 * rate limits and retried); the scheduler never sees an activity.
 */

export type { UndeliveredReason };

/**
 * How a send ended: delivered (with the Teams message id), or the person cannot be reached.
 *
 * @example const outcome: SendOutcome = { ok: false, reason: 'not-installed' };
 */
export type SendOutcome = { ok: true; activityId: string } | { ok: false; reason: UndeliveredReason };

/**
 * The sender the scheduler's outbox needs. `dispatch` is called right before the first
 * attempt leaves (after any rate-limit wait): if it answers false nothing is sent and
 * `not-dispatched` comes back, so the outbox can record its idempotency key as late as
 * it can and a message is never sent twice. Failures that retrying did not cure are
 * thrown; people who cannot be reached come back as outcomes.
 *
 * @example
 * const outcome = await sender.sendOnce(person.aadObjectId, card, () => outbox.claim(key));
 */
export interface OnceSender {
  sendOnce(aadObjectId: string, card: AdaptiveCardJson, dispatch: () => Promise<boolean>): Promise<SendOutcome | 'not-dispatched'>;
}

/**
 * Replaces a message already in someone's personal chat (a delivery report as sends
 * complete, a notice once read), paced like every send.
 *
 * @example
 * await sender.update(officer.aadObjectId, report.activityId, card);
 */
export interface CardUpdater {
  update(aadObjectId: string, activityId: string, card: AdaptiveCardJson): Promise<SendOutcome>;
}
