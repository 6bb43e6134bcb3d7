import type { CardTone } from './adaptive-card';

/**
 * The Action.Execute verbs of the conversation's answer cards (the same strings ride in
 * Action.Submit data). Templates and handlers both take them from here.
 *
 * Every action's data grants nothing: the handler re-checks who pressed it from the
 * Teams identity, and re-reads the store.
 *
 * @example
 * app.adaptiveCards.actionExecute(ANSWER_VERBS.worklistAct, onWorklistAct);
 */
export const ANSWER_VERBS = {
  /** `{ statementId, act, list }`: do `act` on one statement of a worker's list, then show the list again. */
  worklistAct: 'worklist.act',
  /** `{ personId, list }`: a manager's drill-down into one person's items. */
  teamPerson: 'team.person',
  /** `{ list }`: back from a drill-down to the team summary. */
  teamBack: 'team.back',
  /** `{ }` plus the inputs `queueStatementId` and `queuePersonId`: assign from the queue. */
  queueAssign: 'queue.assign',
  /** `{ flowId, choice }`: confirm a multi-turn flow's preview (`choice` picks between variants). */
  flowConfirm: 'flow.confirm',
  /** `{ flowId }`: drop a flow. */
  flowCancel: 'flow.cancel',
  /** `{ text }`: a suggested follow-up, handled exactly as if the person had typed `text`. */
  ask: 'ask',
  /**
   * `{ obligationId, list }`: record from Teams what meets an open case obligation (that
   * Mind Of My Own was introduced, …), then show the list again. Only someone who may
   * record on the case (domain/permissions.ts) records anything.
   */
  caseRecord: 'case.record',
  /**
   * `{ statementId }`: "Show statement" on a nudge: posts the statement's own card below
   * and leaves the nudge as it is. For the assignee, whoever covers for them, their
   * manager and the participation team.
   */
  nudgeShow: 'nudge.show',
  /** `{ statementId, obligationId, variant }`: "Reassign to me" on an escalation card. */
  escalationTake: 'escalation.take',
  /**
   * `{ statementId, obligationId, variant }` plus the input `escalationPersonId`:
   * "Reassign to…" on an escalation card.
   */
  escalationReassign: 'escalation.reassign',
  /**
   * `{ statementId, obligationId, variant }` plus the inputs of `FOLLOW_UP_INPUTS`: the
   * Safety Link follow-up recorded from the duty manager's escalation card.
   */
  escalationFollowUp: 'escalation.followUp',
  /** `{ statementId }` plus the input `reassignPersonId`: "Reassign…" one statement (from a list or the queue): shows the preview. */
  reassignOne: 'reassign.one',
  /** `{ statementId }`: give a handed-back statement back to whoever handed it back, while it waits. */
  handBackUndo: 'handback.undo',
  /** `{ broadcastId }`: "I've read this" on a notice, for the person pressing it. */
  broadcastRead: 'broadcast.read',
  /** `{ broadcastId }`: show a broadcast's delivery report as it is now (the report card's Refresh). */
  broadcastReport: 'broadcast.report',
  /** `{ broadcastId }`: stop sending a broadcast in flight. */
  broadcastCancel: 'broadcast.cancel',
  /** `{ broadcastId }`: a fresh link to the delivery report as CSV. */
  broadcastExport: 'broadcast.export',
} as const;

/** @example const verb: AnswerVerb = 'worklist.act'; */
export type AnswerVerb = (typeof ANSWER_VERBS)[keyof typeof ANSWER_VERBS];

/** Ids of the answer cards' inputs. */
export const ANSWER_INPUTS = {
  queueStatementId: 'queueStatementId',
  queuePersonId: 'queuePersonId',
  /** Who an escalated statement goes to ("Reassign to…"). */
  escalationPersonId: 'escalationPersonId',
  /** Who one statement goes to ("Reassign…" from a list). */
  reassignPersonId: 'reassignPersonId',
} as const;

/**
 * The dataset of the people picker: an `Input.ChoiceSet` whose `choices.data` is a
 * `Data.Query` of this dataset is answered, as the person types, by the bot's
 * `application/search` invoke with the people who may take the statement.
 *
 * @example PEOPLE_DATASET; // 'heard.people'
 */
export const PEOPLE_DATASET = 'heard.people';

/** A choice of a person in a picker. @example const c: PersonChoice = { title: 'Sam Patel · Riverside', value: 'p_sam' }; */
export interface PersonChoice {
  title: string;
  value: string;
}

/**
 * Which list a card shows, carried in its actions so a press can show the same list again.
 * Dates are local `YYYY-MM-DD`; `null` when the list has no date range (overdue, unopened).
 *
 * @example
 * const list: ListQuery = { kind: 'due', from: '2026-11-23', to: '2026-11-29' };
 */
export interface ListQuery {
  kind: 'due' | 'overdue' | 'unopened';
  from: string | null;
  to: string | null;
}

/** A suggested next question, shown as a button that asks it. @example { title: "What's overdue?", text: 'overdue' } */
export interface FollowUp {
  title: string;
  text: string;
}

/** What a button on a work item does: `download` sends a fresh link, `acknowledge` records it, `show` posts the statement's own card. */
export type WorkItemAct = 'download' | 'acknowledge' | 'show';

/**
 * The `personId` of a team summary's row for the case work nobody in the directory holds
 * (a role allocated to nobody, or to someone Heard does not know): its drill-down lists it.
 *
 * @example UNALLOCATED_ROW; // 'unallocated'
 */
export const UNALLOCATED_ROW = 'unallocated';

/**
 * One open clock — on a statement, a child's case or a member of staff — worded for people.
 *
 * @example
 * const item: WorkItemModel = {
 *   statementId: 'st_1', obligationId: 'ob_1', reference: 'CR-20417', initials: 'J.B.', typeLabel: 'My World',
 *   deadline: 'Open by 14:00 today', state: 'running',
 *   standard: 'momo.2.1 · Recipient downloads or views the statement',
 *   actions: [{ title: 'Download', act: 'download' }, { title: 'Show card', act: 'show' }], record: null,
 * };
 */
export interface WorkItemModel {
  /** The statement it runs on; empty for a case's or a member of staff's. */
  statementId: string;
  obligationId: string;
  /** A statement's or case's reference; a member of staff's name. */
  reference: string;
  /** The child's initials; empty for a member of staff. */
  initials: string;
  /** A statement's type as workers know it, `Case` or `Staff`. */
  typeLabel: string;
  /** The exact local deadline, e.g. `Open by 14:00 today`, `Tell the child by 17:00 Fri 27 Nov`. */
  deadline: string;
  state: 'running' | 'overdue';
  /** The standard's id and title, e.g. `momo.2.1 · Recipient downloads or views the statement`. */
  standard: string;
  /** At most two: the next thing a worker would do, and showing the full card. */
  actions: { title: string; act: WorkItemAct }[];
  /** For a case item a worker may record from Teams: the button's title (`Introduced Mind Of My Own`); else null. */
  record: string | null;
}

/**
 * A worker's list (due / overdue / unopened), grouped by local day.
 *
 * @example
 * renderWorklistCard({ title: 'Due this week', subtitle: '2 items, soonest first', note: null, empty: null,
 *   groups: [{ day: 'Today, Mon 23 Nov', items: [item] }], more: null,
 *   list: { kind: 'due', from: '2026-11-23', to: '2026-11-29' }, followUps: [] });
 */
export interface WorklistCardModel {
  title: string;
  subtitle: string | null;
  /** e.g. "Team lists are for team managers, so here is your own." */
  note: { text: string; tone: CardTone } | null;
  /** Shown instead of groups when there is nothing, e.g. "Nothing due this week. Enjoy it." */
  empty: string | null;
  groups: { day: string; items: WorkItemModel[] }[];
  /** e.g. "and 6 more after these" when the list was cut to keep the card small. */
  more: string | null;
  list: ListQuery;
  followUps: FollowUp[];
}

/**
 * A manager's team summary: one row per person, most urgent first.
 *
 * @example
 * renderTeamCard({ title: 'Team due this week', subtitle: 'Riverside children in care team · 4 people', note: null, empty: null,
 *   rows: [{ personId: 'p_sam', name: 'Sam Patel', count: 3, overdue: 1, oldest: 'CR-20417 J.B. · Open by 14:00 yesterday', state: 'overdue' }],
 *   list: { kind: 'due', from: '2026-11-23', to: '2026-11-29' }, followUps: [] });
 */
export interface TeamCardModel {
  title: string;
  subtitle: string | null;
  note: { text: string; tone: CardTone } | null;
  empty: string | null;
  rows: {
    personId: string;
    name: string;
    /** Items in the list (due in the range, or overdue). */
    count: number;
    /** Of those, how many are overdue now. */
    overdue: number;
    /** The most urgent item, worded, e.g. `CR-20417 J.B. · Open by 14:00 yesterday`. */
    oldest: string | null;
    state: 'running' | 'overdue';
  }[];
  list: ListQuery;
  followUps: FollowUp[];
}

/**
 * A drill-down: one person's items as their manager sees them (read-only) with a way back.
 * Reuses the worklist's item shape with no actions.
 */
export interface TeamPersonCardModel {
  title: string;
  subtitle: string | null;
  empty: string | null;
  groups: { day: string; items: WorkItemModel[] }[];
  more: string | null;
  list: ListQuery;
  /** Whether the viewer may move this person's work: each item then offers "Reassign…". */
  reassign: boolean;
}

/**
 * The participation queue: statements with nobody yet, each with standard 1.1's clock,
 * and statements whose card could not be delivered; one form assigns any of them.
 *
 * @example
 * renderQueueCard({ title: 'Unassigned statements', subtitle: '2 waiting', empty: null,
 *   items: [{ statementId: 'st_1', reference: 'CR-20417', initials: 'J.B.', typeLabel: 'My World',
 *     clock: 'Assign by 15:00 today · momo.1.1, 5 working hours', state: 'running', problem: null, handedBack: null, undo: null }],
 *   more: null, assignees: [{ title: 'Sam Patel', value: 'p_sam' }], awayWarning: null, followUps: [] });
 */
export interface QueueCardModel {
  title: string;
  subtitle: string | null;
  empty: string | null;
  items: {
    statementId: string;
    reference: string;
    initials: string;
    typeLabel: string;
    clock: string;
    state: 'running' | 'overdue';
    /** Why it needs the team although it has an assignee, e.g. `Card not delivered to Sam Patel`. */
    problem: string | null;
    /** A handed-back statement: who handed it back and why, e.g. `Handed back by Sam Patel at 10:40: not my case`. */
    handedBack: string | null;
    /** "Give back to Sam" for a handed-back one (null: nothing to undo). */
    undo: { title: string } | null;
  }[];
  more: string | null;
  /** People who can be chosen in the assign form without typing (empty: no form); typing searches everyone who may take it. */
  assignees: PersonChoice[];
  /** A warning above the form: the person chosen is away (and the buttons to go on), or null. */
  awayWarning: { text: string; statementId: string; personId: string; coverId: string | null; coverTitle: string | null } | null;
  followUps: FollowUp[];
}

/**
 * A plain answer: "when" arithmetic, a standard's timescale and source sentence, help,
 * a greeting, stats, or "I didn't understand" with examples.
 *
 * @example
 * renderAnswerCard({ title: '10 working days before Fri 12 Mar 2027', tone: null,
 *   lines: ['Fri 26 Feb 2027, by close of business (17:00)'],
 *   facts: [{ title: 'How', value: '10 working days before the event on Fri 12 Mar: Fri 26 Feb' }],
 *   quote: null, followUps: [{ title: "What's due this week?", text: "what's due this week" }] });
 */
export interface AnswerCardModel {
  title: string;
  tone: CardTone | null;
  lines: string[];
  facts: { title: string; value: string }[];
  /** A standard's verbatim source sentence and where it comes from. */
  quote: { text: string; source: string } | null;
  followUps: FollowUp[];
}

/**
 * The preview of a multi-turn flow (reassign, away) before anything changes.
 *
 * @example
 * renderConfirmCard({ flowId: 'fl_1', title: 'Move 3 statements from Sam Patel to Priya Shah?',
 *   lines: ['Until Fri 27 Nov: new statements for Sam go to Priya too.'],
 *   items: ['CR-20417 J.B. · Open by 14:00 today'], more: null,
 *   choices: [{ title: 'Move them', choice: 'confirm' }], cancelTitle: 'Cancel' });
 */
export interface ConfirmCardModel {
  flowId: string;
  title: string;
  lines: string[];
  /** What will move, worded. */
  items: string[];
  more: string | null;
  /** Something to read before confirming (the person it goes to is away; it goes to many people), or null. */
  warning: string | null;
  /** One or two confirm buttons (e.g. "Record it" / "Record it and move my 3 open statements"). */
  choices: { title: string; choice: string }[];
  cancelTitle: string;
}

/**
 * A notice as its recipient sees it, with "I've read this" until they press it.
 *
 * @example
 * renderNoticeCard({ broadcastId: 'bc_1', title: 'Office closed on Friday', body: 'The office is closed on Friday.',
 *   from: 'From Jo Green, participation team · Mon 23 Nov', read: null });
 */
export interface NoticeCardModel {
  broadcastId: string;
  title: string;
  body: string;
  from: string;
  /** e.g. `You read this at 10:32 today`; null until read. */
  read: string | null;
}

/**
 * The delivery report of a broadcast, in the officer's chat, updated in place.
 *
 * @example
 * renderDeliveryReportCard({ broadcastId: 'bc_1', title: 'Delivery report · Office closed on Friday', status: 'Sending: 1,234 of 2,000 so far',
 *   tone: null, facts: [{ title: 'Delivered', value: '1,230' }], notReached: ['Ali Hassan: Heard is not installed'], moreNotReached: null,
 *   sending: true, canExport: true });
 */
export interface DeliveryReportCardModel {
  broadcastId: string;
  title: string;
  /** Where it stands, e.g. `Sending: 1,234 of 2,000 so far`, `Finished 10:42 today`, `Cancelled by Jo Green at 10:40`. */
  status: string;
  tone: CardTone | null;
  /** The counts: delivered, read, retrying, failed, not installed… */
  facts: { title: string; value: string }[];
  /** Each person not reached and why, by name, so they can be contacted another way. */
  notReached: string[];
  moreNotReached: string | null;
  /** Still sending: the card offers Cancel. */
  sending: boolean;
  canExport: boolean;
}

/**
 * A link to open: a report as CSV.
 *
 * @example
 * renderLinkCard({ title: 'Delivery report as CSV', lines: ['The link works until 10:47 today.'], url: 'https://…', linkTitle: 'Download CSV' });
 */
export interface LinkCardModel {
  title: string;
  lines: string[];
  url: string;
  linkTitle: string;
}

/**
 * "Reassign…" one statement: who it is with, and a people picker.
 *
 * @example
 * renderReassignCard({ statementId: 'st_1', title: 'Reassign CR-20430 · AB', lines: ['With Ali Hassan.'], people: [{ title: 'Sam Patel', value: 'p_sam' }], notice: null });
 */
export interface ReassignCardModel {
  statementId: string;
  title: string;
  lines: string[];
  /** Choices without typing; typing searches everyone who may take it. */
  people: PersonChoice[];
  notice: string | null;
}
