import type { DutyRole } from './duty-rota';

/**
 * The duty procedure for a statement from an unidentified young person (yjs, "Statements
 * received from unidentified young people"): "Do not assign the statement." The duty
 * officer takes the steps in order, each one recorded from the statement's card with its
 * event (standards/vocabulary.yaml), which meets one clock of the `yjs` pack and starts
 * the next; the duty manager requests deletion. Pure: which step may come next, given the
 * steps already taken.
 */

/** The steps, by the event each records. @example DUTY_STEPS.recordsChecked; // 'duty-records-checked' */
export const DUTY_STEPS = {
  /** "…cross reference the given name on the statement with Child View and LCS records, before notifying the Duty Manager". */
  recordsChecked: 'duty-records-checked',
  /** "Contact the young person directly asking them if they are ok…". */
  contacted: 'young-person-contacted',
  /** "The Duty Officer will send a 2nd e-mail to follow up." Starts the two-day reply window and the three-working-day deletion clock. */
  followUpEmailSent: 'follow-up-email-sent',
  /** The young person got in touch: the statement can then be identified. */
  responded: 'young-person-responded',
  /** "The Duty Manager will then e-mail the account manager and information security administrator at Mind Of My Own, providing the statement ID number only." */
  deletionRequested: 'deletion-requested',
} as const;

/** @example const step: DutyStep = 'young-person-contacted'; */
export type DutyStep = (typeof DUTY_STEPS)[keyof typeof DUTY_STEPS];

/** Every step, in the order the card lists them. @example DUTY_STEP_ORDER[0]; // 'duty-records-checked' */
export const DUTY_STEP_ORDER: readonly DutyStep[] = Object.values(DUTY_STEPS);

/** The audit action that records identifying the young person (the procedure ends; the statement is routed). */
export const IDENTIFIED_ACTION = 'statement-identified';

/** Who takes each step: the duty officer, except the deletion request, which is the duty manager's e-mail. */
export const DUTY_STEP_ROLE: Readonly<Record<DutyStep, DutyRole>> = {
  'duty-records-checked': 'duty-officer',
  'young-person-contacted': 'duty-officer',
  'follow-up-email-sent': 'duty-officer',
  'young-person-responded': 'duty-officer',
  'deletion-requested': 'duty-manager',
};

/** The step that must come first. */
const AFTER: Readonly<Record<DutyStep, DutyStep | null>> = {
  'duty-records-checked': null,
  'young-person-contacted': 'duty-records-checked',
  'follow-up-email-sent': 'young-person-contacted',
  // The young person may answer the first contact or the follow-up e-mail.
  'young-person-responded': 'young-person-contacted',
  'deletion-requested': 'follow-up-email-sent',
};

/** Steps that end the procedure: after one, nothing else is taken. */
const ENDINGS: readonly string[] = [DUTY_STEPS.deletionRequested, IDENTIFIED_ACTION];

/**
 * Why a step cannot be taken now, or null when it can: it was taken already; the step it
 * follows is not done yet (`first`); or the procedure has ended (deletion requested, the
 * young person identified) — or, for the deletion request, the young person answered.
 *
 * @example
 * dutyStepProblem('follow-up-email-sent', new Set(['duty-records-checked'])); // { code: 'OUT_OF_ORDER', first: 'young-person-contacted' }
 */
export function dutyStepProblem(
  step: DutyStep,
  done: ReadonlySet<string>,
): { code: 'ALREADY_DONE' } | { code: 'OUT_OF_ORDER'; first: DutyStep } | { code: 'PROCEDURE_OVER' } | null {
  if (done.has(step)) return { code: 'ALREADY_DONE' };
  if (ENDINGS.some((end) => done.has(end))) return { code: 'PROCEDURE_OVER' };
  if (step === DUTY_STEPS.deletionRequested && done.has(DUTY_STEPS.responded)) return { code: 'PROCEDURE_OVER' };
  const first = AFTER[step];
  if (first !== null && !done.has(first)) return { code: 'OUT_OF_ORDER', first };
  return null;
}

/**
 * The steps that may be taken next, in order.
 *
 * @example
 * nextDutySteps(new Set(['duty-records-checked'])); // ['young-person-contacted']
 */
export function nextDutySteps(done: ReadonlySet<string>): DutyStep[] {
  return DUTY_STEP_ORDER.filter((step) => dutyStepProblem(step, done) === null);
}

/**
 * Whether the young person may now be identified: the records check found them, or they
 * got in touch; never once deletion was requested.
 *
 * @example
 * mayIdentify(new Set(['duty-records-checked', 'young-person-contacted', 'young-person-responded'])); // true
 */
export function mayIdentify(done: ReadonlySet<string>): boolean {
  if (ENDINGS.some((end) => done.has(end))) return false;
  return done.has(DUTY_STEPS.recordsChecked) || done.has(DUTY_STEPS.responded);
}

/**
 * The child's initials as typed when the young person is identified, normalised (capital
 * letters, each optionally followed by a full stop, at most four letters), or null when
 * that is not what was typed: anything longer could be a name, which Heard never holds.
 *
 * @example
 * initialsOf(' j.b. '); // null (capital letters only)
 * initialsOf('J.B.'); // 'J.B.'
 */
export function initialsOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return /^(?:[A-Z]\.?){1,4}$/.test(text) ? text : null;
}

/**
 * A child's case reference as typed (the same shape the intake accepts), or null.
 *
 * @example
 * childReferenceOf('CR-20417'); // 'CR-20417'
 * childReferenceOf('Jamie Brown'); // null
 */
export function childReferenceOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/.test(text) ? text : null;
}

/**
 * What Heard keeps of an unidentified young person: nothing but the Mind Of My Own
 * statement id. The reference and initials the portal sent are not the council's (the
 * young person is not known to it) and may come from the given name, which no card may
 * show; the duty officer gives the real ones when the young person is identified.
 *
 * @example
 * unidentifiedChild('momo-8841'); // { reference: 'unidentified-momo-8841', initials: '' }
 */
export function unidentifiedChild(externalId: string): { reference: string; initials: string } {
  return { reference: `unidentified-${externalId}`, initials: '' };
}
