import { followUpNoteOf, MAX_FOLLOW_UP_NOTE, SAFETY_LINK_DECISIONS, safetyLinkDecisionOf, type SafetyLinkDecision, type SafetyLinkFollowUp } from '../domain/safety-link';
import type { WorkingCalendar } from '../standards';
import { whenText } from './local-time';

/**
 * How the Safety Link follow-up reads on every card that offers or shows it (the statement
 * card, the duty manager's escalation card, the worker's notice), and the inputs its form
 * sends back.
 */

/** The follow-up form's input ids, the same on every card that carries the form. @example FOLLOW_UP_INPUTS.note; // 'followUpNote' */
export const FOLLOW_UP_INPUTS = {
  decision: 'followUpDecision',
  note: 'followUpNote',
} as const;

/** How each decision reads. @example SAFETY_LINK_DECISION_TITLES['urgent-action']; // 'Urgent action taken' */
export const SAFETY_LINK_DECISION_TITLES: Readonly<Record<SafetyLinkDecision, string>> = {
  'safeguarding-procedures': 'Safeguarding procedures apply',
  'urgent-action': 'Urgent action taken',
  'no-further-action': 'No further action',
};

/** The decisions as card choices, in the order the standard names them. @example FOLLOW_UP_CHOICES[0].title; // 'Safeguarding procedures apply' */
export const FOLLOW_UP_CHOICES: readonly { title: string; value: SafetyLinkDecision }[] = SAFETY_LINK_DECISIONS.map((value) => ({
  title: SAFETY_LINK_DECISION_TITLES[value],
  value,
}));

/** What the form asks, worded from the standard. */
export const FOLLOW_UP_QUESTION = 'Follow up with the allocated worker: decide if safeguarding procedures apply or urgent action is required.';

/** The note's label and length, for the form. */
export const FOLLOW_UP_NOTE_LABEL = `Note of what was agreed (up to ${MAX_FOLLOW_UP_NOTE} characters; only the people working the case see it)`;

/**
 * The decision and note a press sent, or a sentence saying what to put right (nothing is
 * recorded until both are right).
 *
 * @example
 * followUpInputsOf({ followUpDecision: 'urgent-action', followUpNote: 'Visit today.' }); // { ok: true, decision: 'urgent-action', note: 'Visit today.' }
 */
export function followUpInputsOf(data: Record<string, unknown>): { ok: true; decision: SafetyLinkDecision; note: string } | { ok: false; problem: string } {
  const decision = safetyLinkDecisionOf(data[FOLLOW_UP_INPUTS.decision]);
  if (!decision) return { ok: false, problem: 'Choose what was decided (safeguarding procedures apply, urgent action taken, or no further action), then press Record follow-up again.' };
  const note = followUpNoteOf(data[FOLLOW_UP_INPUTS.note]);
  if (!note.ok) {
    const why = note.problem === 'too-long' ? `is longer than ${MAX_FOLLOW_UP_NOTE} characters` : note.problem === 'empty' ? 'is empty' : 'has characters I can’t keep';
    return { ok: false, problem: `The note ${why}: write a short note of what was agreed, then press Record follow-up again.` };
  }
  return { ok: true, decision, note: note.note };
}

/**
 * A recorded follow-up in words, for one viewer: the note only when they may read it.
 *
 * @example
 * followUpFacts(followUp, 'Priya Manager', true, cal, now); // { decision: 'Urgent action taken', by: 'Priya Manager', at: '02:20 today', note: '…' }
 */
export function followUpFacts(
  followUp: SafetyLinkFollowUp,
  byName: string,
  mayReadNote: boolean,
  cal: WorkingCalendar,
  now: number,
): { decision: string; by: string; at: string; note: string | null } {
  return {
    decision: SAFETY_LINK_DECISION_TITLES[followUp.decision],
    by: byName,
    at: whenText(cal, followUp.at, now),
    note: mayReadNote ? followUp.note : null,
  };
}

/**
 * The notice the allocated worker gets when the follow-up is recorded (their card is
 * updated too, with the note for them to read there): a reference and initials only.
 *
 * @example
 * followUpNoticeLines('Priya Manager', 'urgent-action'); // ['Priya Manager followed up the Safety Link with you: Urgent action taken.', …]
 */
export function followUpNoticeLines(byName: string, decision: SafetyLinkDecision): string[] {
  return [
    `${byName} followed up the Safety Link with you: ${SAFETY_LINK_DECISION_TITLES[decision]}.`,
    'Their note is on the statement’s card in this chat. Talk to them if anything is unclear.',
  ];
}
