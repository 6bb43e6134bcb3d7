import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ADMIN_VERBS } from '../cards/admin-card-model';
import { ANSWER_VERBS, PEOPLE_DATASET } from '../cards/answer-card-models';
import { DUTY_VERBS } from '../cards/duty-card-model';
import { REVIEW_VERBS } from '../cards/review-card';
import { STATEMENT_VERBS, type StatementVerb } from '../cards/statement-card-model';
import type { AdminActions } from './admin-actions';
import type { ConversationHandlers } from './conversation-handlers';
import type { DutyActions } from './duty-actions';
import type { ReviewActions } from './review-actions';
import { sendInvokeReply, type ActionReply, type StatementActions } from './statement-actions';
import { cardActivity } from './outbound-cards';
import type { StatementCards } from './statement-cards';

const VERBS = Object.values(STATEMENT_VERBS) as StatementVerb[];

/** "settings" or "admin", alone (any case, a full stop allowed). */
const SETTINGS = /^\s*(settings|admin)\s*[.!?]*\s*$/i;

/** "morning digest on" / "morning digest off", exactly (any case, a full stop or "!" allowed). */
const MORNING_DIGEST = /^\s*morning\s+digest\s+(on|off)\s*[.!?]*\s*$/i;

/**
 * Every route of the bot, in one place: installs and uninstalls, the commands, each
 * statement card, duty procedure card, admin card and answer card verb as `Action.Execute` (Universal Actions) and as the
 * `Action.Submit` fallback older clients send, and the conversation for anything typed.
 *
 * @example
 * registerRoutes(app, { conversations, actions, duty, admin, cards });
 */
export function registerRoutes(
  app: Application<TurnState>,
  handlers: { conversations: ConversationHandlers; actions: StatementActions; duty: DutyActions; admin: AdminActions; cards: StatementCards; reviews?: ReviewActions },
): void {
  const { conversations, actions, duty, admin, cards, reviews } = handlers;

  app.activity('installationUpdate', (context) => conversations.installationUpdate(context));
  app.conversationUpdate('membersAdded', (context) => conversations.membersAdded(context));

  // A press on a statement's own card (or its duty procedure card): the reply replaces the pressed card.
  const cardVerb = (verb: string, handle: (context: TurnContext, data: unknown) => Promise<ActionReply>) => {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      await conversations.remember(context);
      // The reply is sent here so that teams-ai does not also replace the card for everyone.
      const reply = await cards.answering(context.activity.replyToId, async () => {
        const result = await handle(context, data);
        await sendInvokeReply(context, result);
        return result;
      });
      return 'card' in reply ? reply.card : reply.message;
    });
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      await conversations.remember(context);
      await cards.answering(context.activity.replyToId, async () => {
        const reply = await handle(context, data);
        await replaceOrReply(context, reply);
        return reply;
      });
    });
  };
  for (const verb of VERBS) cardVerb(verb, (context, data) => actions.handle(context, verb, data));
  for (const verb of Object.values(DUTY_VERBS)) cardVerb(verb, (context, data) => duty.handle(context, verb, data));
  if (reviews) for (const verb of Object.values(REVIEW_VERBS)) cardVerb(verb, (context, data) => reviews.handle(context, verb, data));
  for (const verb of Object.values(ADMIN_VERBS)) cardVerb(verb, (context, data) => admin.handle(context, verb, data));

  for (const verb of Object.values(ANSWER_VERBS)) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      await conversations.remember(context);
      const outcome = await conversations.act(context, verb, data);
      if (outcome.replace) {
        await sendInvokeReply(context, { card: outcome.replace, version: null });
        return outcome.replace;
      }
      await sendInvokeReply(context, { message: 'Answered below.', version: null });
      return 'Answered below.';
    });
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      await conversations.remember(context);
      const outcome = await conversations.act(context, verb, data);
      if (outcome.replace && context.activity.replyToId) {
        await context.updateActivity({ ...cardActivity(outcome.replace), id: context.activity.replyToId });
      } else if (outcome.replace) {
        await context.sendActivity(cardActivity(outcome.replace));
      }
    });
  }
  // The people picker's type-ahead: Teams asks as the person types (Data.Query on PEOPLE_DATASET).
  app.adaptiveCards.search(PEOPLE_DATASET, async (context, _state, query) => conversations.searchPeople(context, query.parameters.queryText, query.count));
  app.message(/^\s*my\s+statements\s*[.!?]*\s*$/i, async (context) => {
    await conversations.remember(context);
    await conversations.myStatements(context);
  });
  // The admin card (administrators only; anyone else is told so, and nothing more).
  app.message(SETTINGS, async (context) => {
    await conversations.remember(context);
    const reply = await admin.settings(context);
    await context.sendActivity('card' in reply ? cardActivity(reply.card) : reply.message);
  });
  app.message(MORNING_DIGEST, async (context) => {
    await conversations.remember(context);
    await conversations.morningDigest(context, MORNING_DIGEST.exec(context.activity.text ?? '')?.[1]?.toLowerCase() === 'on');
  });
  // Everything else typed, "help" included: the conversation understands it and never stays silent.
  app.activity('message', async (context) => {
    await conversations.remember(context);
    await conversations.converse(context);
  });
}

/** Action.Submit fallback: update the card that was pressed, or answer in the chat. */
async function replaceOrReply(context: TurnContext, reply: Awaited<ReturnType<StatementActions['handle']>>): Promise<void> {
  if ('card' in reply && context.activity.replyToId) {
    await context.updateActivity({ ...cardActivity(reply.card), id: context.activity.replyToId });
  } else {
    await context.sendActivity('card' in reply ? cardActivity(reply.card) : reply.message);
  }
}
