import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { refusalText } from '../cards/refusal-words';
import { followUpInputsOf, SAFETY_LINK_DECISION_TITLES } from '../cards/safety-link-words';
import { STATEMENT_INPUTS, STATEMENT_VERBS, type StatementCardModel, type StatementVerb } from '../cards/statement-card-model';
import { DEFAULT_CASE_RECORD_SYSTEMS } from '../cards/statement-view';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { HAND_BACK_REASONS, type ActionResult, type StatementErrorCode, type StatementService } from '../domain/statement-service';
import { actorOf, NOT_IN_DIRECTORY } from './actor';
import type { StatementCards } from './statement-cards';

type Notice = NonNullable<StatementCardModel['notice']>;

/** Why someone holding a Safety Link statement may not record its follow-up. */
const FOLLOW_UP_NOT_YOURS = 'The Safety Link follow-up is recorded by the team manager (or the duty manager it was sent to), so nothing changed.';

/**
 * What a card action produces: the card to show the person who pressed it, or a message
 * when there is no card to show; and the statement version the card shows (null when
 * it shows none), so later changes know whether that card is out of date.
 */
export type ActionReply = ({ card: AdaptiveCardJson } | { message: string }) & { version: number | null };

export interface StatementActionsDeps {
  store: Store;
  service: StatementService;
  cards: StatementCards;
  caseRecordSystems?: readonly string[];
}

const ActionData = z.object({ statementId: z.string().min(1).max(200) });

/**
 * One handler per statement card action. Each one names *what* from the card's data (the
 * statement id, the inputs) and *who* from the Teams identity of the activity, calls the
 * domain, and answers with the card as the person who pressed it should now see it —
 * which, for anyone who may not see the statement, says so and nothing more (the card
 * views ask domain/permissions.ts). Repeated presses and stale cards change nothing and
 * say so.
 *
 * @example
 * const actions = new StatementActions({ store, service, cards });
 * const reply = await actions.handle(context, STATEMENT_VERBS.acknowledge, { statementId: 'st_1' });
 */
export class StatementActions {
  constructor(private readonly deps: StatementActionsDeps) {}

  async handle(context: TurnContext, verb: StatementVerb, data: unknown): Promise<ActionReply> {
    const parsed = ActionData.safeParse(data);
    if (!parsed.success) return { message: 'That card is missing what I need. Type "my statements" to get fresh cards.', version: null };
    const { statementId } = parsed.data;
    const actor = await actorOf(context, this.deps.store.directory);
    if (!actor) {
      // A card refreshing for someone outside the directory (or with no Teams identity) says they cannot see it.
      const view = verb === STATEMENT_VERBS.refresh ? await this.deps.cards.renderView(statementId, null) : null;
      return view ?? { message: NOT_IN_DIRECTORY, version: null };
    }
    const inputs = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    switch (verb) {
      case STATEMENT_VERBS.refresh:
        return this.show(statementId, actor, null);
      case STATEMENT_VERBS.download:
        return this.download(statementId, actor);
      case STATEMENT_VERBS.acknowledge:
        return this.outcome(statementId, actor, await this.deps.service.acknowledge(statementId, actor, 'card'), 'Acknowledged. Thank you.');
      case STATEMENT_VERBS.childTold:
        return this.outcome(statementId, actor, await this.deps.service.recordChildTold(statementId, actor, 'card'), 'Recorded that the child was told. Thank you.');
      case STATEMENT_VERBS.saved:
        return this.saved(statementId, actor, inputs);
      case STATEMENT_VERBS.handBack:
        return this.handBack(statementId, actor, inputs);
      case STATEMENT_VERBS.safetyLinkFollowUp:
        return this.followUp(statementId, actor, inputs);
    }
  }

  private async show(statementId: string, actor: Person, notice: Notice | null, download: StatementCardModel['download'] = null): Promise<ActionReply> {
    const view = await this.deps.cards.renderView(statementId, actor, { notice, download });
    return view ?? { message: refusalText('STATEMENT_NOT_FOUND'), version: null };
  }

  private async outcome(statementId: string, actor: Person, result: ActionResult, done: string): Promise<ActionReply> {
    if (!result.ok) return this.refused(statementId, actor, result.code);
    return this.show(statementId, actor, result.changed ? { text: done, tone: 'good' } : { text: 'Already recorded: nothing changed.', tone: 'good' });
  }

  private refused(statementId: string, actor: Person, code: StatementErrorCode, notAllowed?: string): Promise<ActionReply> {
    if (code === 'STATEMENT_NOT_FOUND') return Promise.resolve({ message: refusalText(code), version: null });
    return this.show(statementId, actor, { text: code === 'NOT_ALLOWED' && notAllowed ? notAllowed : refusalText(code), tone: 'attention' });
  }

  private async download(statementId: string, actor: Person): Promise<ActionReply> {
    const statement = await this.deps.store.statements.get(statementId);
    if (!statement) return { message: refusalText('STATEMENT_NOT_FOUND'), version: null };
    if (!statement.assigneeIds.includes(actor.id)) return this.refused(statementId, actor, 'NOT_ASSIGNED_TO_YOU');
    if (!statement.pdf || statement.pdf.purgedAt !== null) return this.refused(statementId, actor, 'PDF_NOT_AVAILABLE');
    return this.show(statementId, actor, null, this.deps.cards.downloadLink(statementId, actor));
  }

  private async saved(statementId: string, actor: Person, inputs: Record<string, unknown>): Promise<ActionReply> {
    const systems = this.deps.caseRecordSystems ?? DEFAULT_CASE_RECORD_SYSTEMS;
    const system = inputs[STATEMENT_INPUTS.caseRecordSystem];
    const reference = typeof inputs[STATEMENT_INPUTS.caseRecordReference] === 'string' ? (inputs[STATEMENT_INPUTS.caseRecordReference] as string).trim() : '';
    if (typeof system !== 'string' || !systems.includes(system)) {
      return this.show(statementId, actor, { text: `Choose the case record system (${systems.join(', ')}), then press Save again.`, tone: 'attention' });
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,63}$/.test(reference)) {
      return this.show(statementId, actor, {
        text: 'Enter the record reference as the case record shows it (letters, numbers, spaces, . / _ -; up to 64 characters), then press Save again.',
        tone: 'attention',
      });
    }
    const result = await this.deps.service.recordSaved(statementId, actor, { system, reference }, 'card');
    return this.outcome(statementId, actor, result, `Recorded as saved in ${system}. Thank you.`);
  }

  /** "Record follow-up" on a Safety Link statement: the decision and note checked here, who may record it by the domain. */
  private async followUp(statementId: string, actor: Person, inputs: Record<string, unknown>): Promise<ActionReply> {
    const given = followUpInputsOf(inputs);
    if (!given.ok) return this.show(statementId, actor, { text: given.problem, tone: 'attention' });
    const result = await this.deps.service.recordSafetyLinkFollowUp(statementId, actor, given.decision, given.note, 'card');
    if (!result.ok) return this.refused(statementId, actor, result.code, FOLLOW_UP_NOT_YOURS);
    if (!result.changed) return this.show(statementId, actor, { text: 'The follow-up was already recorded, so nothing changed.', tone: 'good' });
    return this.show(statementId, actor, { text: `Follow-up recorded: ${SAFETY_LINK_DECISION_TITLES[given.decision]}. The allocated worker has been told, and the clock has stopped.`, tone: 'good' });
  }

  private async handBack(statementId: string, actor: Person, inputs: Record<string, unknown>): Promise<ActionReply> {
    const reason = HAND_BACK_REASONS.find((r) => r === inputs[STATEMENT_INPUTS.handBackReason]);
    if (!reason) return this.show(statementId, actor, { text: 'Choose why it isn’t yours, then press Hand back again.', tone: 'attention' });
    const result = await this.deps.service.handBack(statementId, actor, reason, 'card');
    if (!result.ok) return this.refused(statementId, actor, result.code);
    return this.show(statementId, actor, { text: 'Handed back to the participation team. Its clocks have stopped for you.', tone: 'good' });
  }
}

/**
 * Answers an `adaptiveCard/action` invoke with the reply: the card replaces the one pressed
 * (for the person who pressed it), a message is shown to them.
 *
 * @example
 * await sendInvokeReply(context, { message: 'Done', version: null });
 */
export async function sendInvokeReply(context: TurnContext, reply: ActionReply): Promise<void> {
  const body =
    'card' in reply
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.message };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}
