import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { DUTY_INPUTS, DUTY_VERBS, type DutyCardModel } from './duty-card-model';
import dutyCardJson from './duty-card.json';
import { STATEMENT_VERBS, type ClockLine } from './statement-card-model';

const dutyTemplate = compileCardTemplate(dutyCardJson);

/** A met clock reads as done by its words ("Opened 10:32 today"), not by a green the host may draw too pale. */
const CLOCK_COLOURS: Readonly<Record<ClockLine['state'], 'Default' | 'Attention'>> = {
  running: 'Default',
  overdue: 'Attention',
  met: 'Default',
};

/** What `duty-card.json` binds to: the model's words, the decisions taken (what shows, which colour), the verbs and input ids. */
interface DutyCardData {
  statementId: string;
  title: string;
  externalId: string;
  receivedAt: string;
  officers: string;
  managers: string;
  statusLine: string;
  steps: { mark: string; colour: string; title: string; detail: string; hasDetail: boolean }[];
  hasClocks: boolean;
  clocks: { text: string; standard: string; colour: string }[];
  actions: { title: string; verb: string; statementId: string; step: string }[];
  canIdentify: boolean;
  hasDeletionRequest: boolean;
  deletionRequest: { lines: string[]; mailto: string } | null;
  hasNotice: boolean;
  notice: { text: string; colour: string } | null;
  hasRefresh: boolean;
  refreshUserIds: string[];
  refreshVerb: string;
  identifyVerb: string;
  inputs: typeof DUTY_INPUTS;
}

/**
 * Renders the duty procedure card of an unidentified young person's statement: the
 * statement id, when it came, who follows it (duty officer, duty manager) and where it
 * stands; the steps, ticked as they are recorded, with who and when; the procedure's
 * running clocks; then the buttons for the steps this viewer may record now (each sends
 * `{ verb: 'duty.step', statementId, step }`) and "Identify the young person" (case
 * reference and initials, checked on the card and again by the handler). When the duty
 * manager's deletion request is due, a box says what to send — the statement id only —
 * with a ready e-mail. It never carries the statement's content or the young person's
 * name, and grants nothing: the handler decides from the Teams identity of whoever pressed.
 *
 * @example
 * const card = renderDutyCard(dutyCardModel({ ... }));
 */
export function renderDutyCard(model: DutyCardModel): AdaptiveCardJson {
  return expandCardTemplate(dutyTemplate, dutyCardData(model));
}

function dutyCardData(model: DutyCardModel): DutyCardData {
  return {
    statementId: model.statementId,
    title: model.title,
    externalId: model.externalId,
    receivedAt: model.receivedAt,
    officers: model.officers,
    managers: model.managers,
    statusLine: model.statusLine,
    steps: model.steps.map((s) => ({ mark: s.done ? '✓' : '○', colour: 'Default', title: s.title, detail: s.detail, hasDetail: s.detail !== '' })),
    hasClocks: model.clocks.length > 0,
    clocks: model.clocks.map((c) => ({ text: c.text, standard: c.standard, colour: CLOCK_COLOURS[c.state] })),
    actions: model.actions.map((a) => ({ title: a.title, verb: DUTY_VERBS.step, statementId: model.statementId, step: a.step })),
    canIdentify: model.canIdentify,
    hasDeletionRequest: model.deletionRequest !== null,
    deletionRequest: model.deletionRequest && { lines: [...model.deletionRequest.lines], mailto: model.deletionRequest.mailto },
    hasNotice: model.notice !== null,
    notice: model.notice && { text: model.notice.text, colour: TONE_COLOURS[model.notice.tone] },
    hasRefresh: model.refreshUserIds.length > 0,
    refreshUserIds: [...model.refreshUserIds],
    refreshVerb: STATEMENT_VERBS.refresh,
    identifyVerb: DUTY_VERBS.identify,
    inputs: DUTY_INPUTS,
  };
}
