import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { CardUpdater, OnceSender, SendOutcome } from '../scheduler/outbound.port';
import type { ThrottledSender } from './throttled-sender';

/**
 * A message activity carrying one adaptive card: the only place a card becomes a Teams
 * activity.
 *
 * @example cardActivity(card).attachments?.length; // 1
 */
export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/**
 * The scheduler's outbound port on Teams: each card goes out (or replaces one already
 * sent) as an activity through the one throttled sender every proactive message shares,
 * so nudges and broadcasts keep Teams' rate limits and each person's order with the
 * statement cards.
 *
 * @example
 * const scheduler = new Scheduler({ ..., sender: new SchedulerCardSender(throttled) });
 */
export class SchedulerCardSender implements OnceSender, CardUpdater {
  constructor(private readonly sender: Pick<ThrottledSender, 'sendOnce' | 'update'>) {}

  sendOnce(aadObjectId: string, card: AdaptiveCardJson, dispatch: () => Promise<boolean>): Promise<SendOutcome | 'not-dispatched'> {
    return this.sender.sendOnce(aadObjectId, cardActivity(card), dispatch);
  }

  update(aadObjectId: string, activityId: string, card: AdaptiveCardJson): Promise<SendOutcome> {
    return this.sender.update(aadObjectId, activityId, cardActivity(card));
  }
}
