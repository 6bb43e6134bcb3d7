import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationRepository } from '../domain/ports/store.port';
import type { SendOutcome, UndeliveredReason } from '../scheduler/outbound.port';

export type { SendOutcome, UndeliveredReason };

/**
 * Sends and updates messages in people's personal chats with Heard, by their Teams
 * identity (aadObjectId). Failures that mean "this person cannot be reached" come back
 * as outcomes, never as thrown errors, so the caller can record them and tell someone.
 * `not-installed` means no chat is known to send to, and so no request was made: the
 * throttled sender does not count it against Teams' rate limits.
 */
export interface ProactiveSender {
  send(aadObjectId: string, activity: Partial<Activity>): Promise<SendOutcome>;
  update(aadObjectId: string, activityId: string, activity: Partial<Activity>): Promise<SendOutcome>;
  /**
   * Optional: sends like `send`, calling `dispatch` at the last moment before the request
   * leaves (after everything that can be done beforehand), and sending nothing if it
   * answers false. A sender without it gets `dispatch` called just before `send`.
   */
  sendDispatched?(aadObjectId: string, activity: Partial<Activity>, dispatch: () => Promise<boolean>): Promise<SendOutcome | 'not-dispatched'>;
}

/**
 * The Bot Framework implementation: continues the saved conversation of the person's
 * personal chat. A 403 (the app was removed or blocked) or 404 (the chat is gone) marks
 * the conversation as no longer installed and is reported as an outcome; anything else
 * is thrown for the caller (bot/throttled-sender.ts) to retry or give up on.
 *
 * Retries happen twice over, knowingly. The ConnectorClient that CloudAdapter builds per
 * turn runs @azure/core-rest-pipeline's default retry policy before an error reaches us
 * (up to 3 retries, so 4 HTTP tries: 408, 5xx other than 501/505 and socket errors with
 * exponential backoff from 1 s; 429 only when it carries Retry-After; never 412), and
 * the ThrottledSender then retries 429/412/5xx itself, so a dead endpoint can see up to
 * 4 × its max attempts requests. It cannot be switched off cleanly here: botbuilder's
 * ServiceClientContext passes core-client no `retryOptions`, ConnectorFactoryImpl
 * overwrites any `requestPolicyFactories`, and the pipeline is a private field
 * (`client.pipeline`) of that compat class; removing the policy through it would break
 * silently on a botbuilder upgrade. The error that does arrive is core-rest-pipeline's
 * RestError: `statusCode`, and `response.headers.get('retry-after')` (see statusOf here
 * and retryAfterMsOf in bot/throttled-sender.ts).
 *
 * @example
 * const sender = new BotFrameworkSender(adapter, config.auth?.appId ?? '', store.conversations, () => now());
 * await sender.send(person.aadObjectId, MessageFactory.attachment(CardFactory.adaptiveCard(card)));
 */
export class BotFrameworkSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationRepository,
    private readonly now: () => number,
  ) {}

  send(aadObjectId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    return this.sendDispatched(aadObjectId, activity, async () => true) as Promise<SendOutcome>;
  }

  /**
   * Sends, calling `dispatch` right before the connector's request — after the saved
   * conversation is read and the connector client is ready — so that what `dispatch`
   * records (an idempotency key) is written as close as can be to the request leaving.
   * Not installed: answered without `dispatch`.
   */
  async sendDispatched(aadObjectId: string, activity: Partial<Activity>, dispatch: () => Promise<boolean>): Promise<SendOutcome | 'not-dispatched'> {
    let dispatched = true;
    const outcome = await this.withConversation(aadObjectId, async (context) => {
      // A new message in the chat, not a reply: TurnContext.sendActivity would reply to the
      // continuation event's made-up id, so post to the conversation through the connector.
      const reference = TurnContext.getConversationReference(context.activity);
      const outgoing = TurnContext.applyConversationReference({ type: 'message', ...activity }, reference) as Activity;
      delete outgoing.replyToId;
      const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      if (!(await dispatch())) {
        dispatched = false;
        return '';
      }
      const response = await client.conversations.sendToConversation(outgoing.conversation.id, outgoing);
      return response.id ?? '';
    });
    return dispatched ? outcome : 'not-dispatched';
  }

  /**
   * Updates a card in place. A 403 or 404 here may be about the message alone (the person
   * deleted that copy; Teams answers "ActivityNotFoundInConversation" or an unknown 403),
   * so the chat is not forgotten for it: the next send finds out whether the chat is gone.
   */
  update(aadObjectId: string, activityId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    return this.withConversation(
      aadObjectId,
      async (context) => {
        await context.updateActivity({ ...activity, id: activityId, type: 'message' });
        return activityId;
      },
      false,
    );
  }

  private async withConversation(aadObjectId: string, work: (context: TurnContext) => Promise<string>, forgetChatWhenGone = true): Promise<SendOutcome> {
    const record = await this.conversations.get(aadObjectId);
    if (!record || !record.installed) return { ok: false, reason: 'not-installed' };
    const reference = record.reference as Partial<ConversationReference>;
    let activityId = '';
    let failure: unknown = null;
    // Errors are caught inside the turn: the adapter's turn-error handler would otherwise swallow them (and write to the chat).
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        activityId = await work(context);
      } catch (error) {
        failure = error ?? new Error('send failed');
      }
    });
    if (failure !== null) {
      const status = statusOf(failure);
      if (status !== 403 && status !== 404) throw failure;
      if (forgetChatWhenGone) await this.conversations.save({ ...record, installed: false, updatedAt: this.now() });
      return { ok: false, reason: status === 403 ? 'forbidden' : 'conversation-gone' };
    }
    return { ok: true, activityId };
  }
}

/**
 * The HTTP status an error from the Bot Framework connector carries, or null (a network
 * error, or not an HTTP error at all). The connector (botframework-connector 4.23 over
 * @azure/core-client) throws core-rest-pipeline's RestError, with `statusCode` and the
 * raw `response.status`; older ms-rest-js errors had the same two fields.
 *
 * @example
 * statusOf(new RestError('Too Many Requests', { statusCode: 429 })) // 429
 * statusOf(new Error('socket hang up')) // null
 */
export function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof e.statusCode === 'number') return e.statusCode;
  if (typeof e.response?.status === 'number') return e.response.status;
  return null;
}
