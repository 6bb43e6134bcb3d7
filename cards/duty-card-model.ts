import type { DutyStep } from '../domain/duty-procedure';
import type { ClockLine } from './statement-card-model';

/**
 * The Action.Execute verbs of the duty procedure card (an unidentified young person's
 * statement in the duty officer's and duty manager's chats). The template takes them from
 * here, so templates and handlers cannot drift; the card's refresh uses the statement
 * card's own `statement.refresh`.
 *
 * @example
 * app.adaptiveCards.actionExecute(DUTY_VERBS.step, onStep);
 */
export const DUTY_VERBS = {
  /** `{ statementId, step }`: record one step of the procedure. */
  step: 'duty.step',
  /** `{ statementId }` plus the inputs of {@link DUTY_INPUTS}: the young person is identified. */
  identify: 'duty.identify',
} as const;

/** @example const verb: DutyVerb = 'duty.step'; */
export type DutyVerb = (typeof DUTY_VERBS)[keyof typeof DUTY_VERBS];

/** Ids of the identify form's inputs. @example DUTY_INPUTS.initials; // 'childInitials' */
export const DUTY_INPUTS = {
  reference: 'childReference',
  initials: 'childInitials',
} as const;

/**
 * One step of the procedure as the card lists it.
 *
 * @example
 * const line: DutyStepLine = { title: 'Child View and LCS checked, duty manager told', detail: 'Dee Officer, 02:40 today', done: true };
 */
export interface DutyStepLine {
  title: string;
  /** Who recorded it and when; empty while not done. */
  detail: string;
  done: boolean;
}

/**
 * Everything the duty card shows, already worded: the Mind Of My Own statement id (what
 * the duty manager may send), never the statement's content or the young person's name
 * (nor initials while unidentified).
 *
 * @example
 * const card = renderDutyCard(model); // model: DutyCardModel, built by cards/duty-view.ts
 */
export interface DutyCardModel {
  statementId: string;
  /** e.g. `Unidentified young person` or `Identified: CR-20417 · J.B.` */
  title: string;
  /** The Mind Of My Own statement id, e.g. `momo-8841`. */
  externalId: string;
  receivedAt: string;
  /** Who follows it as duty officer, e.g. `Dee Officer`. */
  officers: string;
  /** The duty manager told, e.g. `Nia Nights`, or `Not told yet`. */
  managers: string;
  /** Where the procedure stands, e.g. `Waiting for the young person to reply`. */
  statusLine: string;
  steps: DutyStepLine[];
  /** The running clocks of the procedure (its timescales), worded. */
  clocks: ClockLine[];
  /** The steps this viewer may record now, as buttons. */
  actions: { step: DutyStep; title: string }[];
  /** This viewer may identify the young person now. */
  canIdentify: boolean;
  /** For the duty manager when the deletion request is due: what to send and a ready e-mail. */
  deletionRequest: { lines: string[]; mailto: string } | null;
  notice: { text: string; tone: 'good' | 'warning' | 'attention' } | null;
  refreshUserIds: string[];
}
