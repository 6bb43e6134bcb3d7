import type { StatementStatus } from '../domain/statement';

/**
 * The Action.Execute verbs of statement cards (the same strings ride in Action.Submit
 * data). The card template takes them from here, so templates and handlers cannot drift.
 *
 * @example
 * app.adaptiveCards.actionExecute(STATEMENT_VERBS.acknowledge, onAcknowledge);
 */
export const STATEMENT_VERBS = {
  refresh: 'statement.refresh',
  download: 'statement.download',
  acknowledge: 'statement.acknowledge',
  saved: 'statement.saved',
  childTold: 'statement.childTold',
  handBack: 'statement.handBack',
  /** The Safety Link follow-up (yjs Safety Link 2), with the inputs of `FOLLOW_UP_INPUTS`. */
  safetyLinkFollowUp: 'statement.safetyLinkFollowUp',
} as const;

/** @example const verb: StatementVerb = 'statement.download'; */
export type StatementVerb = (typeof STATEMENT_VERBS)[keyof typeof STATEMENT_VERBS];

/**
 * Ids of the card's inputs, as they come back in the action's data.
 *
 * @example
 * const reference = data[STATEMENT_INPUTS.caseRecordReference];
 */
export const STATEMENT_INPUTS = {
  caseRecordSystem: 'caseRecordSystem',
  caseRecordReference: 'caseRecordReference',
  handBackReason: 'handBackReason',
} as const;

/**
 * What every statement action carries: the statement id and nothing that grants anything.
 *
 * @example
 * const data: StatementActionData = { verb: 'statement.acknowledge', statementId: 'st-7f3a' };
 */
export interface StatementActionData {
  verb: StatementVerb;
  statementId: string;
}

/**
 * One running (or finished) clock, already worded for people.
 *
 * @example
 * const line: ClockLine = { text: 'Open by 14:00 today', standard: 'standard 2.1, 7 working hours', state: 'running' };
 */
export interface ClockLine {
  /** e.g. `Open by 14:00 today` or `Opened 10:32 today`. */
  text: string;
  /** e.g. `standard 2.1, 7 working hours`. */
  standard: string;
  state: 'running' | 'overdue' | 'met';
}

/**
 * Everything a statement card shows, already formatted: the card builder does no
 * date arithmetic and reads no store. A reference and initials only — never the
 * statement's text or the child's name.
 *
 * @example
 * const card = renderStatementCard(model); // model: StatementCardModel, built by the handler
 */
export interface StatementCardModel {
  statementId: string;
  /** The child's case reference, e.g. `CR-20417`. */
  reference: string;
  initials: string;
  /** Human label of the Mind Of My Own statement type, e.g. `My World`. */
  typeLabel: string;
  /** e.g. `Mon 23 Nov, 09:12`. */
  sentAt: string;
  assignedAt: string | null;
  status: StatementStatus;
  /** One short sentence for the current state, e.g. `Acknowledged by Sam Patel, 10:32 today`. */
  statusLine: string;
  /** Names of the people it is with (empty: with the participation team). */
  assigneeNames: string[];
  clocks: ClockLine[];
  /**
   * Whose view this is: `assignee` gets the actions; `observer` (a manager, the
   * participation team, anyone else) a read-only view; `former-assignee` a closed view
   * saying where it went.
   */
  viewer: 'assignee' | 'observer' | 'former-assignee';
  done: {
    opened: boolean;
    acknowledged: boolean;
    childTold: boolean;
    saved: { system: string; reference: string } | null;
  };
  /** A fresh signed PDF link for this viewer, after they pressed Download. */
  download: { url: string; validUntil: string } | null;
  /** A one-line notice above the actions, e.g. a refusal or `Saved. Thank you.` */
  notice: { text: string; tone: 'good' | 'warning' | 'attention' } | null;
  /**
   * The case the statement belongs to (domain/case-links.ts), worded: its reference and
   * the child's initials as the case system gives them, e.g. `C-10442 · AB` — nothing
   * else about the case. Null when the child has no case.
   */
  caseLink: string | null;
  /** Why Heard no longer holds the PDF (purged under the retention policy), or null while it does: then Download is gone. */
  pdfRemoved?: string | null;
  /** Case record systems offered for "Saved to case record". */
  caseRecordSystems: readonly string[];
  /** Hand-back reasons offered for "Not for me". */
  handBackReasons: readonly { value: string; title: string }[];
  /** Every clock the viewer holds on it is met: the card says so and no longer offers "Not for me". */
  complete?: boolean;
  /** Teams user ids (MRIs, `29:…`) whose clients refresh the card to their own view. */
  refreshUserIds: string[];
  /** A Safety Link statement's follow-up by the team manager; null on any other statement. */
  safetyLink: SafetyLinkSection | null;
}

/**
 * The Safety Link part of a statement card, worded for one viewer.
 *
 * @example
 * const s: SafetyLinkSection = { text: 'Follow up with Sam Worker: decide …', canRecord: true, recorded: null };
 */
export interface SafetyLinkSection {
  /** What is waiting, for this viewer (whose follow-up, with whom), or what happened. */
  text: string;
  /** This viewer may record the follow-up now: the form is shown. */
  canRecord: boolean;
  /** The recorded follow-up; `note` only for those working the case. */
  recorded: { decision: string; by: string; at: string; note: string | null } | null;
}
