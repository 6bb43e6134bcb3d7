import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { MAX_FOLLOW_UP_NOTE } from '../domain/safety-link';
import { FOLLOW_UP_CHOICES, FOLLOW_UP_INPUTS, FOLLOW_UP_NOTE_LABEL } from './safety-link-words';
import { STATEMENT_INPUTS, STATEMENT_VERBS, type ClockLine, type StatementCardModel } from './statement-card-model';
import statementCardJson from './statement-card.json';

/** A met clock reads as done by its words ("Opened 10:32 today"), not by a green the host may draw too pale. */
const CLOCK_COLOURS: Readonly<Record<ClockLine['state'], 'Default' | 'Attention'>> = {
  running: 'Default',
  overdue: 'Attention',
  met: 'Default',
};

const statementTemplate = compileCardTemplate(statementCardJson);

/**
 * What `statement-card.json` binds to: the model's words as they are, plus the
 * decisions already taken (which parts show, which colour), so the template holds no
 * logic worth testing on its own and the verbs come from `STATEMENT_VERBS`.
 */
interface StatementCardData {
  statementId: string;
  reference: string;
  initials: string;
  typeLabel: string;
  sentAt: string;
  assignedAt: string | null;
  hasAssignedAt: boolean;
  statusLine: string;
  withText: string;
  hasCase: boolean;
  caseLink: string | null;
  hasSaved: boolean;
  savedText: string | null;
  showDetails: boolean;
  showClocks: boolean;
  clocks: { text: string; standard: string; colour: string }[];
  hasNotice: boolean;
  hasPdfRemoved: boolean;
  pdfRemoved: string | null;
  canDownload: boolean;
  notice: { text: string; colour: string } | null;
  hasDownload: boolean;
  download: { url: string; validUntil: string } | null;
  showActions: boolean;
  canAcknowledge: boolean;
  canRecordSaved: boolean;
  canRecordChildTold: boolean;
  canHandBack: boolean;
  hasCaseRecordChoices: boolean;
  caseRecordChoices: { title: string; value: string }[];
  hasHandBackChoices: boolean;
  handBackChoices: { title: string; value: string }[];
  hasRefresh: boolean;
  refreshUserIds: string[];
  hasSafetyLink: boolean;
  safetyLink: {
    text: string;
    style: 'attention' | 'good' | 'emphasis';
    isRecorded: boolean;
    facts: { title: string; value: string }[];
    canRecord: boolean;
    choices: { title: string; value: string }[];
    noteLabel: string;
    maxNote: number;
  } | null;
  verbs: typeof STATEMENT_VERBS;
  inputs: typeof STATEMENT_INPUTS;
  followUpInputs: typeof FOLLOW_UP_INPUTS;
}

/**
 * Renders the card a statement lives on in Teams, for one kind of viewer.
 *
 * - `assignee`: header, facts, clocks, notice, download link, and the actions still to
 *   do (Download, Acknowledge, Saved to case record, Child told, Not for me — at most
 *   five, so Teams on a phone shows them all).
 * - A Safety Link statement has a box of its own: for the team manager (or the duty
 *   manager it went to) the follow-up form in the card's body — the decision, a short
 *   note, "Record follow-up" — red until it is recorded; for anyone else what is awaited;
 *   once recorded, the decision, who and when, and the note for those who may read it.
 * - `observer`: the same header, facts and clocks, read-only. A download link in the
 *   model is not shown: only the assignee's own Download press produces one.
 * - `former-assignee`: header, the status line and the notice; nothing to act on.
 *
 * The card carries a reference and initials only. Every action sends
 * `{ verb, statementId }` (plus its inputs) and grants nothing: the handler decides
 * from the Teams identity of whoever pressed it.
 *
 * @example
 * const card = renderStatementCard({
 *   statementId: 'st-1', reference: 'CR-20417', initials: 'J.B.', typeLabel: 'My World',
 *   sentAt: 'Mon 23 Nov, 09:12', assignedAt: 'Mon 23 Nov, 09:40', status: 'assigned',
 *   statusLine: 'Waiting to be opened', assigneeNames: ['Sam Patel'],
 *   clocks: [{ text: 'Open by 14:00 today', standard: 'standard 2.1, 7 working hours', state: 'running' }],
 *   viewer: 'assignee',
 *   done: { opened: false, acknowledged: false, childTold: false, saved: null },
 *   download: null, notice: null,
 *   caseRecordSystems: ['Liquid Logic', 'Mosaic'],
 *   handBackReasons: [{ value: 'not-my-case', title: 'Not my case' }],
 *   refreshUserIds: ['29:1abc'],
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderStatementCard(model: StatementCardModel): AdaptiveCardJson {
  return expandCardTemplate(statementTemplate, statementCardData(model));
}

function statementCardData(model: StatementCardModel): StatementCardData {
  const showDetails = model.viewer !== 'former-assignee';
  const showActions = model.viewer === 'assignee';
  const saved = model.done.saved;
  const caseRecordChoices = model.caseRecordSystems.map((system) => ({ title: system, value: system }));
  const handBackChoices = model.handBackReasons.map(({ title, value }) => ({ title, value }));
  const download = showActions ? model.download : null;
  return {
    statementId: model.statementId,
    reference: model.reference,
    initials: model.initials,
    typeLabel: model.typeLabel,
    sentAt: model.sentAt,
    assignedAt: model.assignedAt,
    hasAssignedAt: model.assignedAt !== null,
    statusLine: model.statusLine,
    withText: model.assigneeNames.length > 0 ? model.assigneeNames.join(', ') : 'Participation team',
    hasCase: model.caseLink !== null,
    caseLink: model.caseLink,
    hasSaved: saved !== null,
    savedText: saved === null ? null : `${saved.system} ${saved.reference}`,
    showDetails,
    showClocks: showDetails && model.clocks.length > 0,
    clocks: model.clocks.map((clock) => ({
      text: clock.text,
      standard: clock.standard,
      colour: CLOCK_COLOURS[clock.state],
    })),
    hasNotice: model.notice !== null,
    notice: model.notice === null ? null : { text: model.notice.text, colour: TONE_COLOURS[model.notice.tone] },
    hasPdfRemoved: showDetails && (model.pdfRemoved ?? null) !== null,
    pdfRemoved: model.pdfRemoved ?? null,
    canDownload: showActions && (model.pdfRemoved ?? null) === null,
    hasDownload: download !== null,
    download: download === null ? null : { url: download.url, validUntil: download.validUntil },
    showActions,
    canAcknowledge: showActions && !model.done.acknowledged,
    canRecordSaved: showActions && saved === null,
    canRecordChildTold: showActions && !model.done.childTold,
    canHandBack: showActions && model.complete !== true,
    // An empty choice set is not a valid card; with no list configured the person types it.
    hasCaseRecordChoices: caseRecordChoices.length > 0,
    caseRecordChoices,
    hasHandBackChoices: handBackChoices.length > 0,
    handBackChoices,
    hasRefresh: model.refreshUserIds.length > 0,
    refreshUserIds: [...model.refreshUserIds],
    hasSafetyLink: model.safetyLink !== null,
    safetyLink: safetyLinkData(model.safetyLink),
    verbs: STATEMENT_VERBS,
    inputs: STATEMENT_INPUTS,
    followUpInputs: FOLLOW_UP_INPUTS,
  };
}

function safetyLinkData(section: StatementCardModel['safetyLink']): StatementCardData['safetyLink'] {
  if (section === null) return null;
  const recorded = section.recorded;
  return {
    text: section.text,
    // Red while someone must act, green once done, plain for those who only wait.
    style: recorded ? 'good' : section.canRecord ? 'attention' : 'emphasis',
    isRecorded: recorded !== null,
    facts: recorded
      ? [
          { title: 'Decision', value: recorded.decision },
          { title: 'By', value: `${recorded.by}, ${recorded.at}` },
          ...(recorded.note === null ? [] : [{ title: 'Note', value: recorded.note }]),
        ]
      : [],
    canRecord: section.canRecord,
    choices: FOLLOW_UP_CHOICES.map(({ title, value }) => ({ title, value })),
    noteLabel: FOLLOW_UP_NOTE_LABEL,
    maxNote: MAX_FOLLOW_UP_NOTE,
  };
}

/**
 * The plain read-only card (a title and a few lines), re-exported here for callers that
 * render statement notices; it lives in `message-card.ts`.
 *
 * @example
 * const card = renderMessageCard('Statement CR-20417 was not delivered', ['Assign it to someone else.'], 'warning');
 */
export { renderMessageCard } from './message-card';
