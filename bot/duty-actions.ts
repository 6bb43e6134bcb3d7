import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { DUTY_INPUTS, DUTY_VERBS, type DutyVerb } from '../cards/duty-card-model';
import { DUTY_BUTTON_TITLES } from '../cards/duty-view';
import { refusalText } from '../cards/refusal-words';
import { childReferenceOf, DUTY_STEPS, initialsOf, type DutyStep } from '../domain/duty-procedure';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { StatementService } from '../domain/statement-service';
import { actorOf, NOT_IN_DIRECTORY } from './actor';
import type { ActionReply } from './statement-actions';
import type { StatementCards } from './statement-cards';

const StepData = z.object({ statementId: z.string().min(1).max(200), step: z.enum(Object.values(DUTY_STEPS) as [DutyStep, ...DutyStep[]]).optional() });

/** Someone who may see the procedure but not take this step of it. */
const NOT_YOUR_STEP = 'That step is for the duty officer following this statement (the deletion request for the duty manager), so nothing changed.';

/** What each step adds once recorded. */
const AFTER_STEP: Readonly<Record<DutyStep, string>> = {
  'duty-records-checked': '',
  'young-person-contacted': 'If they do not reply, send the follow-up e-mail and record it here.',
  'follow-up-email-sent': 'They have two days to get in touch; after three working days without a reply the duty manager requests deletion.',
  'young-person-responded': 'Identify them from the card when you know who they are.',
  'deletion-requested': 'The duty officer now tells the young person that a request has been made to delete their information.',
};

/**
 * The buttons of the duty procedure card: one step of the procedure, or identifying the
 * young person. Each names *what* from the card's data and *who* from the Teams identity,
 * asks the statement service (which checks the order and who may take the step) and
 * answers with the card as the presser should now see it, with a notice. A step out of
 * order is refused politely, naming the step to record first.
 *
 * @example
 * const reply = await new DutyActions({ store, service, cards }).handle(context, DUTY_VERBS.step, { statementId: 'st_1', step: 'young-person-contacted' });
 */
export class DutyActions {
  constructor(private readonly deps: { store: Store; service: StatementService; cards: StatementCards }) {}

  async handle(context: TurnContext, verb: DutyVerb, data: unknown): Promise<ActionReply> {
    const parsed = StepData.safeParse(data);
    if (!parsed.success) return { message: 'That card is missing what I need. Type "my statements" to get fresh cards.', version: null };
    const { statementId, step } = parsed.data;
    const actor = await actorOf(context, this.deps.store.directory);
    if (!actor) return { message: NOT_IN_DIRECTORY, version: null };
    if (verb === DUTY_VERBS.identify) return this.identify(statementId, actor, typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {});
    if (!step) return this.show(statementId, actor, 'That button no longer says which step it records: nothing changed.', 'attention');
    return this.step(statementId, actor, step);
  }

  private async step(statementId: string, actor: Person, step: DutyStep): Promise<ActionReply> {
    const result = await this.deps.service.recordDutyStep(statementId, actor, step, 'card');
    if (!result.ok) {
      if (result.code === 'OUT_OF_ORDER') return this.show(statementId, actor, `First record “${DUTY_BUTTON_TITLES[result.first]}”, then this step. Nothing changed.`, 'attention');
      if (result.code === 'STATEMENT_NOT_FOUND') return { message: refusalText(result.code), version: null };
      return this.show(statementId, actor, result.code === 'NOT_ALLOWED' ? NOT_YOUR_STEP : refusalText(result.code), 'attention');
    }
    if (!result.changed) return this.show(statementId, actor, 'Already recorded: nothing changed.', 'good');
    let after = AFTER_STEP[step];
    if (step === DUTY_STEPS.recordsChecked) {
      const managers = result.statement.duty?.managerIds ?? [];
      const names = await Promise.all(managers.map(async (id) => (await this.deps.store.directory.getPerson(id))?.name ?? 'the duty manager'));
      after = names.length > 0 ? `${names.join(' and ')} (duty manager) now has this card too.` : 'Nobody holds the duty manager role: the participation team has this card instead.';
    }
    return this.show(statementId, actor, `${DUTY_BUTTON_TITLES[step]}: recorded. ${after}`.trim(), 'good');
  }

  private async identify(statementId: string, actor: Person, inputs: Record<string, unknown>): Promise<ActionReply> {
    const reference = childReferenceOf(inputs[DUTY_INPUTS.reference]);
    const initials = initialsOf(inputs[DUTY_INPUTS.initials]);
    if (!reference) return this.show(statementId, actor, 'Enter the case reference as the case record shows it (letters, digits and . _ : / -, up to 64), then press Identify and route again.', 'attention');
    if (!initials) return this.show(statementId, actor, 'Enter the young person’s initials as up to four capital letters, each with an optional full stop (J.B. or JB) — never their name — then press Identify and route again.', 'attention');
    const result = await this.deps.service.identify(statementId, actor, { reference, initials }, 'card');
    if (!result.ok) {
      if (result.code === 'STATEMENT_NOT_FOUND') return { message: refusalText(result.code), version: null };
      const why = result.code === 'NOT_ALLOWED' ? NOT_YOUR_STEP : result.code === 'PROCEDURE_OVER' ? 'The young person can be identified once the records are checked or they have responded, and not after deletion was requested. Nothing changed.' : refusalText(result.code);
      return this.show(statementId, actor, why, 'attention');
    }
    const to = await Promise.all(result.statement.assigneeIds.map(async (id) => (await this.deps.store.directory.getPerson(id))?.name ?? 'someone'));
    const where = to.length > 0 ? `It is now with ${to.join(' and ')}.` : 'It is now in the participation team’s queue.';
    return this.show(statementId, actor, `Identified as ${reference} · ${initials} and routed like any other statement. ${where}`, 'good');
  }

  private async show(statementId: string, actor: Person, text: string, tone: 'good' | 'attention'): Promise<ActionReply> {
    const view = await this.deps.cards.renderView(statementId, actor, { notice: { text, tone } });
    return view ?? { message: refusalText('STATEMENT_NOT_FOUND'), version: null };
  }
}
