import { TurnContext, type Activity } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { renderMessageCard } from '../cards/message-card';
import { setDigestOptIn } from '../domain/digest-preferences';
import { MAX_EARLIER_COPIES, type Store } from '../domain/ports/store.port';
import type { Person } from '../domain/person';
import { OPEN_STATUSES } from '../domain/statement';
import type { ActionOutcome, Conversation, Reply } from '../dialogs/conversation';
import { welcomeLines } from '../dialogs/help-answers';
import { actorOf, NOT_IN_DIRECTORY } from './actor';
import { KeyedQueue } from './keyed-queue';
import type { BotLog } from './bot-log';
import { cardActivity } from './outbound-cards';
import type { StatementCards } from './statement-cards';

/** Most statement cards "my statements" sends at once; the rest are counted. */
export const MAX_CARDS_PER_REPLY = 10;

export interface ConversationHandlersDeps {
  store: Store;
  cards: StatementCards;
  conversation: Conversation;
  now: () => number;
  log: BotLog;
}

/**
 * Installs, uninstalls and plain messages: remembers how to reach each person's personal
 * chat (on install and on every message, since Teams may move a conversation), welcomes
 * a new user and delivers the statements waiting for them, and answers the commands.
 *
 * @example
 * const handlers = new ConversationHandlers({ store, cards, now, log });
 * app.activity('installationUpdate', (context) => handlers.installationUpdate(context));
 */
export class ConversationHandlers {
  private readonly remembering = new KeyedQueue();

  constructor(private readonly deps: ConversationHandlersDeps) {}

  /** Saves the personal chat's reference; on a first install (or reinstall) welcomes and delivers what is waiting. */
  async remember(context: TurnContext): Promise<void> {
    const aadObjectId = context.activity.from?.aadObjectId;
    if (!aadObjectId || context.activity.conversation?.conversationType !== 'personal') return;
    // Teams sends installationUpdate and conversationUpdate together on install: one welcome.
    return this.remembering.run(aadObjectId, () => this.rememberNow(context, aadObjectId));
  }

  private async rememberNow(context: TurnContext, aadObjectId: string): Promise<void> {
    const activity = context.activity;
    const { store, now } = this.deps;
    const previous = await store.conversations.get(aadObjectId);
    const reference = TurnContext.getConversationReference(activity) as Record<string, unknown>;
    await store.conversations.save({ aadObjectId, reference, installed: true, updatedAt: now() });
    if (previous?.installed) return;
    this.deps.log('conversation-installed', { reinstall: previous !== null });
    const person = await store.directory.findPersonByAadObjectId(aadObjectId);
    await context.sendActivity(cardActivity(welcomeCard(person)));
    if (person) await this.deps.cards.deliverPendingFor(person);
  }

  /** `installationUpdate`: add saves the chat; remove records that Heard can no longer reach it. */
  async installationUpdate(context: TurnContext): Promise<void> {
    const action = (context.activity as Activity & { action?: string }).action ?? '';
    if (action.startsWith('remove')) return this.uninstalled(context);
    return this.remember(context);
  }

  /** `conversationUpdate` with Heard among the members added. */
  async membersAdded(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.remember(context);
  }

  private async uninstalled(context: TurnContext): Promise<void> {
    const aadObjectId = context.activity.from?.aadObjectId;
    if (!aadObjectId || context.activity.conversation?.conversationType !== 'personal') return;
    const previous = await this.deps.store.conversations.get(aadObjectId);
    if (!previous) return;
    await this.deps.store.conversations.save({ ...previous, installed: false, updatedAt: this.deps.now() });
    this.deps.log('conversation-uninstalled', {});
  }

  /** `my statements`: a fresh card for each open statement of the person asking, most urgent first. */
  async myStatements(context: TurnContext): Promise<void> {
    if (context.activity.conversation?.conversationType !== 'personal') {
      await context.sendActivity('Statements are private, so I only show them in our personal chat. Open Heard from the apps bar and ask me there.');
      return;
    }
    const actor = await actorOf(context, this.deps.store.directory);
    if (!actor) {
      await context.sendActivity(NOT_IN_DIRECTORY);
      return;
    }
    const statements = await this.deps.store.statements.list({ assigneeId: actor.id, statuses: OPEN_STATUSES });
    if (statements.length === 0) {
      await context.sendActivity(cardActivity(renderMessageCard('You have no open statements', ['Nothing is waiting for you. New statements arrive here as cards.'], 'good')));
      return;
    }
    const shown = statements.slice(0, MAX_CARDS_PER_REPLY);
    const more = statements.length - shown.length;
    await context.sendActivity(
      cardActivity(
        renderMessageCard(`You have ${statements.length} open statement${statements.length === 1 ? '' : 's'}`, [
          more > 0 ? `Here are the ${shown.length} sent longest ago; ${more} more follow once these are done.` : (shown.length === 1 ? 'Here it is.' : 'Here they are, sent longest ago first.'),
        ]),
      ),
    );
    for (const s of shown) await this.sendStatementCard(context, actor, s.id, false);
  }

  /**
   * `morning digest on` / `morning digest off`: records the choice of the person typing
   * it (from their Teams identity) and confirms it. In the personal chat only, where the
   * digest arrives.
   */
  async morningDigest(context: TurnContext, on: boolean): Promise<void> {
    if (context.activity.conversation?.conversationType !== 'personal') {
      await context.sendActivity('The morning digest comes to our personal chat, so turn it on or off there. Open Heard from the apps bar.');
      return;
    }
    const actor = await actorOf(context, this.deps.store.directory);
    if (!actor) {
      await context.sendActivity(NOT_IN_DIRECTORY);
      return;
    }
    await setDigestOptIn(this.deps.store.settings, actor.id, on);
    this.deps.log('digest-opt-in', { on });
    await context.sendActivity(
      cardActivity(
        on
          ? renderMessageCard('Morning digest on', ['At the start of each working day I will send you here what is due for you that day.', 'Say "morning digest off" to stop it.'], 'good')
          : renderMessageCard('Morning digest off', ['No more morning digest.', 'Say "morning digest on" to have it again. Reminders before a deadline still come as they fall due.']),
      ),
    );
  }

  /**
   * Sends a statement's own card into this chat (with a fresh download link when asked)
   * and points the statement's live card at it, so later changes update the card in view.
   */
  private async sendStatementCard(context: TurnContext, actor: Person, statementId: string, download: boolean): Promise<void> {
    const card = await this.deps.cards.render(statementId, actor, download ? { download: this.deps.cards.downloadLink(statementId, actor) } : {});
    if (!card) return;
    const response = await context.sendActivity(cardActivity(card));
    if (response?.id && actor.aadObjectId) {
      // The copy already in this chat stays, and is kept up to date with this one.
      const before = (await this.deps.store.cards.listForStatement(statementId)).find((d) => d.personId === actor.id && d.state === 'delivered');
      const earlier = before ? [...(before.earlierCopies ?? []), ...(before.activityId ? [before.activityId] : [])] : [];
      await this.deps.store.cards.save({
        statementId,
        personId: actor.id,
        state: 'delivered',
        reason: null,
        aadObjectId: actor.aadObjectId,
        activityId: response.id,
        earlierCopies: earlier.filter((id) => id !== response.id).slice(-MAX_EARLIER_COPIES),
        at: this.deps.now(),
      });
    }
  }

  /** Anything typed that is not a command: the conversation answers it (dialogs/conversation.ts). */
  async converse(context: TurnContext): Promise<void> {
    const actor = await actorOf(context, this.deps.store.directory);
    if (!actor) {
      await context.sendActivity(NOT_IN_DIRECTORY);
      return;
    }
    const where = context.activity.conversation?.conversationType === 'personal' ? 'personal' : 'shared';
    await this.sendReplies(context, actor, await this.deps.conversation.message(actor, context.activity.text ?? '', where));
  }

  /**
   * The people picker's type-ahead: who `actor` may give a statement to whose name starts
   * as typed, from the Teams identity of whoever is typing; nobody for anyone else.
   */
  async searchPeople(context: TurnContext, typed: string, count: number): Promise<{ title: string; value: string }[]> {
    const actor = await actorOf(context, this.deps.store.directory);
    if (!actor) return [];
    return this.deps.conversation.searchPeople(actor, typed.slice(0, 100), count);
  }

  /** A press on an answer card: what replaces the card (null: keep it), after anything it sends. */
  async act(context: TurnContext, verb: string, data: unknown): Promise<ActionOutcome> {
    const actor = await actorOf(context, this.deps.store.directory);
    if (!actor) return { replace: null, send: [{ kind: 'text', text: NOT_IN_DIRECTORY }] };
    if (context.activity.conversation?.conversationType !== 'personal') {
      return { replace: null, send: [{ kind: 'text', text: 'Lists and changes are private: ask me in our personal chat.' }] };
    }
    // The verb's schema reads the data (cards/answer-action-data.ts).
    const outcome = await this.deps.conversation.action(actor, verb, data);
    await this.sendReplies(context, actor, outcome.send);
    return outcome;
  }

  private async sendReplies(context: TurnContext, actor: Person, replies: Reply[]): Promise<void> {
    for (const reply of replies) {
      if (reply.kind === 'card') await context.sendActivity(cardActivity(reply.card));
      else if (reply.kind === 'text') await context.sendActivity(reply.text);
      else await this.sendStatementCard(context, actor, reply.statementId, reply.download);
    }
  }
}

/** The welcome on install, fitted to the person's role (dialogs/help-answers.ts). */
function welcomeCard(person: Person | null): AdaptiveCardJson {
  return renderMessageCard(
    'Welcome to Heard',
    person ? welcomeLines(person) : ['Heard delivers statements from children and young people to the right worker.', NOT_IN_DIRECTORY],
  );
}
