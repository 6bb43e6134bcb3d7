import { z } from 'zod';
import { parseCivilDate } from '../standards';
import { ANSWER_INPUTS, ANSWER_VERBS, type AnswerVerb, type ListQuery } from './answer-card-models';
import { ESCALATION_VARIANTS } from './escalation-card';
import { FOLLOW_UP_INPUTS } from './safety-link-words';

/**
 * The data each answer card verb carries, as zod schemas: what a handler receives once
 * the press is parsed. Card data grants nothing (the handler checks who pressed from the
 * Teams identity), so the schemas are forgiving: a field that is missing, of the wrong
 * kind or too long reads as its empty value, and the handler answers that as it would a
 * stale card — it never fails the turn.
 */

/** An id from a card: at most 200 characters, else empty. */
const id = z.string().trim().max(200).catch('');

/** A local date `YYYY-MM-DD` from a card, else none. */
const civilDate = z
  .string()
  .refine((text) => parseCivilDate(text) !== null)
  .nullable()
  .catch(null);

/** A press's data: an object of these fields; anything else reads as an object with none. */
function press<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess((value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}), z.object(shape));
}

const NO_LIST: ListQuery = { kind: 'due', from: null, to: null };

/**
 * What a flow's confirm button may choose: `confirm`; `confirm-and-move` (record an
 * absence and hand the work over); `send` and `send-confirmed` (a broadcast, the second
 * after "Send to all 2,000?"); `move-back-now` (someone back early takes their work back).
 *
 * @example FLOW_CHOICES.includes('send-confirmed'); // true
 */
export const FLOW_CHOICES = ['confirm', 'confirm-and-move', 'send', 'send-confirmed', 'move-back-now'] as const;

/** Which list a card showed: a due list of the next 7 days when it cannot be read. */
export const ListQueryData = z
  .object({ kind: z.enum(['due', 'overdue', 'unopened']).catch('due'), from: civilDate, to: civilDate })
  .catch(NO_LIST);

/** The schema of each verb's data. @example ANSWER_ACTION_DATA[ANSWER_VERBS.teamPerson].parse({ personId: 'p_sam' }); */
export const ANSWER_ACTION_DATA = {
  [ANSWER_VERBS.ask]: press({ text: z.string().max(500).catch('help') }),
  [ANSWER_VERBS.worklistAct]: press({ statementId: id, act: z.enum(['download', 'acknowledge', 'show']).nullable().catch(null), list: ListQueryData }),
  [ANSWER_VERBS.caseRecord]: press({ obligationId: id, list: ListQueryData }),
  [ANSWER_VERBS.teamPerson]: press({ personId: id, list: ListQueryData }),
  [ANSWER_VERBS.teamBack]: press({ list: ListQueryData }),
  [ANSWER_VERBS.queueAssign]: press({ [ANSWER_INPUTS.queueStatementId]: id, [ANSWER_INPUTS.queuePersonId]: id, confirmAway: z.boolean().catch(false).default(false) }),
  [ANSWER_VERBS.flowConfirm]: press({ flowId: id, choice: z.enum(FLOW_CHOICES).catch('confirm') }),
  [ANSWER_VERBS.flowCancel]: press({ flowId: id }),
  [ANSWER_VERBS.nudgeShow]: press({ statementId: id }),
  [ANSWER_VERBS.escalationTake]: press({ statementId: id, obligationId: id, variant: z.enum(ESCALATION_VARIANTS).catch('manager'), [ANSWER_INPUTS.escalationPersonId]: id }),
  [ANSWER_VERBS.escalationReassign]: press({ statementId: id, obligationId: id, variant: z.enum(ESCALATION_VARIANTS).catch('manager'), [ANSWER_INPUTS.escalationPersonId]: id }),
  // The decision and note are checked by the handler, which says what to put right.
  [ANSWER_VERBS.escalationFollowUp]: press({
    statementId: id,
    obligationId: id,
    variant: z.enum(ESCALATION_VARIANTS).catch('manager'),
    [FOLLOW_UP_INPUTS.decision]: z.string().max(100).catch(''),
    [FOLLOW_UP_INPUTS.note]: z.string().max(5000).catch(''),
  }),
  [ANSWER_VERBS.reassignOne]: press({ statementId: id, [ANSWER_INPUTS.reassignPersonId]: id }),
  [ANSWER_VERBS.handBackUndo]: press({ statementId: id }),
  [ANSWER_VERBS.broadcastRead]: press({ broadcastId: id }),
  [ANSWER_VERBS.broadcastReport]: press({ broadcastId: id }),
  [ANSWER_VERBS.broadcastCancel]: press({ broadcastId: id }),
  [ANSWER_VERBS.broadcastExport]: press({ broadcastId: id }),
} as const satisfies Record<AnswerVerb, z.ZodType>;

/** The parsed data of one verb. @example const data: AnswerActionData<'team.person'> = { personId: 'p_sam', list }; */
export type AnswerActionData<V extends AnswerVerb> = z.output<(typeof ANSWER_ACTION_DATA)[V]>;
