import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_INPUTS, ANSWER_VERBS } from './answer-card-models';
import escalationCardJson from './escalation-card.json';
import { MAX_FOLLOW_UP_NOTE } from '../domain/safety-link';
import { FOLLOW_UP_CHOICES, FOLLOW_UP_INPUTS, FOLLOW_UP_NOTE_LABEL } from './safety-link-words';
import { QUEUE_QUESTION } from './nudge-card';

const escalationTemplate = compileCardTemplate(escalationCardJson);

/**
 * Who an escalation card is for:
 *
 * - `manager`: the worker's line manager, told a deadline was missed; they can take the
 *   statement, give it to someone else, or contact the worker;
 * - `reassigned`: the line manager the standard itself already moved the statement
 *   to (momo 2.2: not opened within 2 working days); they can give it to someone else or
 *   contact the worker;
 * - `team`: the participation team, told of a breach; the facts, "Contact" and "Open the
 *   queue", nothing to reassign.
 *
 * @example const variant: EscalationVariant = 'reassigned';
 */
export type EscalationVariant = 'manager' | 'reassigned' | 'team';

/** People "Reassign to…" offers at most (a hundred long names come to about 12 KB of the card). */
export const MAX_ESCALATION_PEOPLE = 100;

/** The escalation variants, for checking what a card press sends back. @example ESCALATION_VARIANTS.includes('team'); // true */
export const ESCALATION_VARIANTS: readonly EscalationVariant[] = ['manager', 'reassigned', 'team'];

/**
 * An escalation, worded by the caller (the scheduler when it is sent, the press handler
 * when it is shown again with an outcome). The child's reference only.
 *
 * @example
 * const data: EscalationCardData = {
 *   variant: 'manager', statementId: 'st_1', obligationId: 'ob_7', reference: 'C-1001',
 *   standardId: 'momo.2.1', standardTitle: 'Recipient downloads or views the statement',
 *   deadline: '17:00 Mon 23 Nov', late: '3 working hours late',
 *   worker: { name: 'Sam Patel', email: 'sam.patel@council.example' },
 *   coveringFor: null, holders: 'Sam Patel', withYou: false,
 *   people: [{ title: 'Ali Khan', value: 'p_ali' }], outcome: null, movedTo: 'the line manager', followUp: null,
 * };
 */
export interface EscalationCardData {
  variant: EscalationVariant;
  statementId: string;
  /** The missed clock; sent back by the buttons so the card can be shown again from the store. */
  obligationId: string;
  /** The child's reference, e.g. `C-1001`. */
  reference: string;
  /** Where the standard comes from: `Mind Of My Own practice standards, 2.1`. */
  standardSource: string;
  standardTitle: string;
  /** The exact local deadline that was missed, e.g. `17:00 Mon 23 Nov`. */
  deadline: string;
  /** How late, e.g. `3 working hours late`, `2 working days late`. */
  late: string;
  /** Whose deadline it was (null: nobody's, e.g. a queue clock); the email makes "Contact" a Teams chat link. */
  worker: { name: string; email: string | null } | null;
  /** When sent to someone covering for the manager: the name of the manager who is away; else `null`. */
  coveringFor: string | null;
  /** Who has the statement now, e.g. `Sam Patel` or `you`; null to leave it out. */
  holders: string | null;
  /** The statement is with the person reading the card already: no "Reassign to me". */
  withYou: boolean;
  /** Who "Reassign to…" offers, in the order shown (empty: no form); the first {@link MAX_ESCALATION_PEOPLE} are. */
  people: { title: string; value: string }[];
  /** What a press did, e.g. `Now with you.` or a refusal in plain words; null before any press. */
  outcome: string | null;
  /** Who the standard's escalation moved it to (`reassigned`), e.g. `the duty manager`. */
  movedTo: string;
  /**
   * A Safety Link follow-up that escalated (yjs Safety Link 2): what is awaited or was
   * decided, and for the duty manager it went to the same form as on the statement card.
   * Null for any other escalation.
   */
  followUp: { text: string; canRecord: boolean } | null;
}

/** What `escalation-card.json` binds to: the words decided here, verbs and input ids from the constants. */
interface EscalationTemplateData {
  title: string;
  colour: string;
  lines: string[];
  hasCovering: boolean;
  covering: string | null;
  facts: { title: string; value: string }[];
  hasOutcome: boolean;
  outcome: string | null;
  hasActions: boolean;
  showTake: boolean;
  showReassign: boolean;
  people: { title: string; value: string }[];
  hasContact: boolean;
  contactTitle: string | null;
  contactUrl: string | null;
  showQueue: boolean;
  queueText: string;
  statementId: string;
  obligationId: string;
  variant: EscalationVariant;
  hasFollowUp: boolean;
  followUp: { text: string; canRecord: boolean; choices: { title: string; value: string }[]; noteLabel: string; maxNote: number } | null;
  verbs: typeof ANSWER_VERBS;
  inputs: typeof ANSWER_INPUTS;
  followUpInputs: typeof FOLLOW_UP_INPUTS;
}

/**
 * A link that opens a one-to-one Teams chat with someone, by their email (their Teams
 * sign-in name).
 *
 * @example
 * teamsChatUrl('sam.patel@council.example'); // 'https://teams.microsoft.com/l/chat/0/0?users=sam.patel%40council.example'
 */
export function teamsChatUrl(email: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(email)}`;
}

/**
 * Renders an escalation: a red title (`Missed deadline: C-1001`; `C-1001 is now with you`
 * when the standard moved it; amber for the participation team), a line or two saying
 * what happened and what the reader can do, `For Priya Shah, who is away.` when it went to
 * someone covering, the facts (statement, standard, deadline, how
 * late, whose it was, who has it now), the outcome of a press in a shaded box, then the
 * buttons:
 *
 * - "Reassign to me" (`manager`, unless it is with the reader already):
 *   `{ verb: 'escalation.take', statementId, obligationId, variant }`;
 * - "Reassign to…" (`manager` and `reassigned`, with people to choose): opens a
 *   filtered choice of people (input `escalationPersonId`, required) and "Reassign", which
 *   sends `{ verb: 'escalation.reassign', statementId, obligationId, variant, escalationPersonId }`;
 * - "Contact Sam Patel" (when the worker's email is known): opens a Teams chat with them;
 * - "Open the queue" (`team`): `{ verb: 'ask', text: 'unassigned' }`.
 *
 * Nothing a button sends grants anything: the handler moves the statement only if the
 * person pressing (from their Teams identity) may. 40 people to choose from come to about
 * 7 KB; the list is cut at {@link MAX_ESCALATION_PEOPLE} (about 15 KB) to stay under Teams' 28 KB.
 *
 * @example
 * const card = renderEscalationCard({
 *   variant: 'manager', statementId: 'st_1', obligationId: 'ob_7', reference: 'C-1001',
 *   standardId: 'momo.2.1', standardTitle: 'Recipient downloads or views the statement',
 *   deadline: '17:00 Mon 23 Nov', late: '3 working hours late',
 *   worker: { name: 'Sam Patel', email: 'sam.patel@council.example' }, coveringFor: null, holders: 'Sam Patel', withYou: false,
 *   people: [{ title: 'Ali Khan', value: 'p_ali' }], outcome: null, movedTo: 'the line manager', followUp: null,
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderEscalationCard(data: EscalationCardData): AdaptiveCardJson {
  return expandCardTemplate(escalationTemplate, escalationTemplateData(data));
}

function escalationTemplateData(data: EscalationCardData): EscalationTemplateData {
  const canMove = data.variant !== 'team';
  const showTake = data.variant === 'manager' && !data.withYou;
  // An empty choice set is not a valid card, so with nobody to choose there is no form.
  const showReassign = canMove && data.people.length > 0;
  const email = data.worker?.email ?? null;
  const hasContact = data.worker !== null && email !== null && email.trim() !== '';
  const showQueue = data.variant === 'team';
  return {
    title: data.variant === 'reassigned' ? `${data.reference} is now with you` : `Missed deadline: ${data.reference}`,
    colour: data.variant === 'team' ? TONE_COLOURS.warning : TONE_COLOURS.attention,
    lines: leadLines(data),
    hasCovering: data.coveringFor !== null,
    covering: data.coveringFor === null ? null : `For ${data.coveringFor}, who is away.`,
    facts: [
      { title: 'Statement', value: data.reference },
      { title: 'Standard', value: `${data.standardTitle} · ${data.standardSource}` },
      { title: 'Deadline', value: data.deadline },
      { title: 'Late', value: data.late },
      ...(data.worker === null ? [] : [{ title: 'Whose', value: data.worker.name }]),
      ...(data.holders === null ? [] : [{ title: 'Now with', value: data.holders }]),
    ],
    hasOutcome: data.outcome !== null,
    outcome: data.outcome,
    hasActions: showTake || showReassign || hasContact || showQueue,
    showTake,
    showReassign,
    people: data.people.slice(0, MAX_ESCALATION_PEOPLE).map(({ title, value }) => ({ title, value })),
    hasContact,
    contactTitle: hasContact && data.worker ? `Contact ${data.worker.name}` : null,
    contactUrl: hasContact && email ? teamsChatUrl(email.trim()) : null,
    showQueue,
    queueText: QUEUE_QUESTION,
    statementId: data.statementId,
    obligationId: data.obligationId,
    variant: data.variant,
    hasFollowUp: data.followUp !== null,
    followUp: data.followUp && {
      text: data.followUp.text,
      canRecord: data.followUp.canRecord,
      choices: FOLLOW_UP_CHOICES.map(({ title, value }) => ({ title, value })),
      noteLabel: FOLLOW_UP_NOTE_LABEL,
      maxNote: MAX_FOLLOW_UP_NOTE,
    },
    verbs: ANSWER_VERBS,
    inputs: ANSWER_INPUTS,
    followUpInputs: FOLLOW_UP_INPUTS,
  };
}

function leadLines(data: EscalationCardData): string[] {
  const missed = data.worker === null
    ? `The deadline for statement ${data.reference} was missed`
    : `${data.worker.name} missed the deadline for statement ${data.reference}`;
  switch (data.variant) {
    case 'manager':
      return [
        `${missed}.`,
        data.worker === null ? 'Decide what happens next: take it or give it to someone.' : 'As their manager, decide what happens next: take it, give it to someone else, or contact them.',
      ];
    case 'reassigned':
      return [
        `${missed}. The standard says it then goes to ${data.movedTo}, so Heard has reassigned it to you.`,
        'Decide the best course of action: keep it, give it to someone else, or contact them.',
      ];
    case 'team':
      return [`${missed}.`, data.worker === null ? 'It is in the queue.' : 'Contact them to find out what is needed.'];
  }
}
