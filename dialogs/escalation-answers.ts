import type { AnswerActionData } from '../cards/answer-action-data';
import { renderEscalationCard } from '../cards/escalation-card';
import { escalationCardData } from '../cards/escalation-view';
import { moveRefusalText, refusalText } from '../cards/refusal-words';
import { followUpInputsOf, SAFETY_LINK_DECISION_TITLES } from '../cards/safety-link-words';
import type { Person } from '../domain/person';
import type { Statement } from '../domain/statement';
import type { DialogDeps } from './dialog-deps';
import { localDate } from './list-query';
import type { ActionOutcome } from './reply';

/**
 * The buttons of nudges and escalations: "Show statement" on a nudge, and "Reassign to
 * me" / "Reassign to…" on an escalation card. The cards name *what*; who may see or move
 * it is decided from the Teams identity of whoever pressed (domain/permissions.ts, the
 * statement service).
 *
 * @example
 * const outcome = await new EscalationAnswers(deps).show(priya, { statementId: 'st_1' });
 */
export class EscalationAnswers {
  constructor(private readonly deps: DialogDeps) {}

  /** "Show statement" on a nudge: the statement's own card below, the nudge left as it is. */
  async show(actor: Person, data: AnswerActionData<'nudge.show'>): Promise<ActionOutcome> {
    const statement = data.statementId ? await this.deps.store.statements.get(data.statementId) : null;
    if (!statement || !(await this.maySee(actor, statement))) {
      return { replace: null, send: [{ kind: 'text', text: 'That statement is no longer with you or anyone you manage or cover for, so I can\'t show it. Type "my statements" for your own.' }] };
    }
    return { replace: null, send: [{ kind: 'statement', statementId: statement.id, download: false }] };
  }

  /**
   * "Reassign to me" (`take`) or "Reassign to…" on an escalation card. The card comes back
   * from the store with the outcome; someone with no part in the statement is told the
   * outcome, not shown the card.
   */
  async reassign(actor: Person, take: boolean, data: AnswerActionData<'escalation.take'>): Promise<ActionOutcome> {
    const { store, service } = this.deps;
    const statement = data.statementId ? await store.statements.get(data.statementId) : null;
    const obligation = data.obligationId ? await store.obligations.get(data.obligationId) : null;
    if (!statement || !obligation || obligation.statementId !== statement.id) {
      return { replace: null, send: [{ kind: 'text', text: refusalText('STATEMENT_NOT_FOUND') }] };
    }
    const targetId = take ? actor.id : data.escalationPersonId;
    const target = !targetId ? null : targetId === actor.id ? actor : await store.directory.getPerson(targetId);
    const who = target?.id === actor.id ? 'you' : target?.name ?? 'them';
    let outcome: string;
    if (!targetId) {
      outcome = 'Choose who it should go to, then press Reassign.';
    } else if (statement.assigneeIds.length === 1 && statement.assigneeIds[0] === targetId) {
      // Nothing would change, so there is nothing to authorise.
      outcome = `It is with ${who} already, so nothing changed.`;
    } else {
      const result = await service.reassign(statement.id, targetId, actor, 'card');
      if (result.ok) outcome = result.changed ? `Now with ${who}.` : `It is with ${who} already, so nothing changed.`;
      else outcome = moveRefusalText(result.code, { holders: await this.namesOf(statement.assigneeIds), youHoldIt: statement.assigneeIds.includes(actor.id) });
    }
    const now = (await store.statements.get(statement.id)) ?? statement;
    if (!(await this.maySee(actor, now))) return { replace: null, send: [{ kind: 'text', text: outcome }] };
    return { replace: renderEscalationCard(await escalationCardData(this.deps, actor, now, obligation, data.variant, outcome, null)), send: [] };
  }

  /**
   * "Record follow-up" on the duty manager's escalation card of a Safety Link statement:
   * the same follow-up as on the statement card (the decision and a short note), recorded
   * by the statement service, which checks who may. The card comes back with the outcome.
   */
  async followUp(actor: Person, data: AnswerActionData<'escalation.followUp'>): Promise<ActionOutcome> {
    const { store, service } = this.deps;
    const statement = data.statementId ? await store.statements.get(data.statementId) : null;
    const obligation = data.obligationId ? await store.obligations.get(data.obligationId) : null;
    if (!statement || !obligation || obligation.statementId !== statement.id) {
      return { replace: null, send: [{ kind: 'text', text: refusalText('STATEMENT_NOT_FOUND') }] };
    }
    const given = followUpInputsOf(data);
    let outcome: string;
    if (!given.ok) outcome = given.problem;
    else {
      const result = await service.recordSafetyLinkFollowUp(statement.id, actor, given.decision, given.note, 'card');
      if (result.ok) outcome = result.changed ? `Follow-up recorded: ${SAFETY_LINK_DECISION_TITLES[given.decision]}. The allocated worker has been told.` : 'The follow-up was already recorded, so nothing changed.';
      else outcome = result.code === 'NOT_ALLOWED' || result.code === 'NOT_ASSIGNED_TO_YOU' ? 'Only the team manager or the duty manager it was sent to records the follow-up, so nothing changed.' : refusalText(result.code);
    }
    const now = (await store.statements.get(statement.id)) ?? statement;
    if (!(await this.maySee(actor, now))) return { replace: null, send: [{ kind: 'text', text: outcome }] };
    return { replace: renderEscalationCard(await escalationCardData(this.deps, actor, now, obligation, data.variant, outcome, null)), send: [] };
  }

  private maySee(actor: Person, statement: Statement): Promise<boolean> {
    return this.deps.permissions.maySeeStatement(actor, statement, localDate(this.deps.calendar, this.deps.now()));
  }

  private namesOf(ids: string[]): Promise<string[]> {
    return Promise.all(ids.map(async (id) => (await this.deps.store.directory.getPerson(id))?.name ?? 'someone no longer in the directory'));
  }
}
