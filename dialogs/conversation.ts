import { randomUUID } from 'crypto';
import { ANSWER_ACTION_DATA, type AnswerActionData } from '../cards/answer-action-data';
import { ANSWER_VERBS, type AnswerVerb } from '../cards/answer-card-models';
import { Broadcasts } from '../domain/broadcasts';
import { Handovers } from '../domain/handovers';
import { Permissions } from '../domain/permissions';
import type { Person } from '../domain/person';
import { AbsenceAnswers } from './absence-answers';
import { BroadcastAnswers } from './broadcast-answers';
import { CaseAnswers } from './case-answers';
import type { ConversationDeps, DialogDeps } from './dialog-deps';
import { CaseRecords } from './case-records';
import { EscalationAnswers } from './escalation-answers';
import { Flows } from './flows';
import { greeting, helpCard, notUnderstood } from './help-answers';
import { asksForDashboard, historyRequestOf, HistoryAnswers } from './history-answers';
import { listOf } from './list-query';
import { OwnLists } from './own-lists';
import { choicesOf, QueueAnswers } from './queue-answers';
import type { PersonChoice } from '../cards/answer-card-models';
import { card, text, type ActionOutcome, type Reply } from './reply';
import { statsAnswer } from './stats-answer';
import { TeamLists } from './team-lists';
import type { Understanding } from './understand';
import { WorkingTimeAnswers } from './working-time-answers';

export type { ActionOutcome, Reply } from './reply';
export type { ConversationDeps } from './dialog-deps';

/** The answer in a channel or group chat to a question whose answer is private. */
const PRIVATE_HERE = 'That is private, so I only answer it in our personal chat. Open Heard from the apps bar and ask me there.';

/** Answers that carry no statement or person data, so they may be given in a channel. */
const SHAREABLE: ReadonlySet<Understanding['intent']> = new Set(['when', 'standard', 'help', 'greeting', 'unknown']);

/** One handler per answer card verb, each given its data as the verb's zod schema reads it. */
type ActionHandlers = { [V in AnswerVerb]: (actor: Person, data: AnswerActionData<V>) => Promise<ActionOutcome> };

/**
 * The conversation: a small dispatcher. A typed message is understood and handed to the
 * answerer of its intent (own lists, team lists, the queue, working time and standards,
 * statistics, help) or to the flow in progress (reassign, away); a press on an answer
 * card is parsed by its verb's schema and handed to that verb's handler. Every answer is
 * for the person asking, from their Teams identity; nothing a card carries grants
 * anything (domain/permissions.ts decides).
 *
 * @example
 * const replies = await conversation.message(sam, "what's due this week?");
 */
export class Conversation {
  private readonly own: OwnLists;
  private readonly caseRecords: CaseRecords;
  private readonly team: TeamLists;
  private readonly queue: QueueAnswers;
  private readonly escalations: EscalationAnswers;
  private readonly workingTime: WorkingTimeAnswers;
  private readonly histories: HistoryAnswers;
  private readonly cases: CaseAnswers;
  private readonly flows: Flows;
  private readonly absences: AbsenceAnswers;
  private readonly broadcastAnswers: BroadcastAnswers;
  private readonly deps: DialogDeps;
  private readonly handlers: ActionHandlers;

  constructor(deps: ConversationDeps) {
    const newId = deps.newId ?? ((prefix: string) => `${prefix}_${randomUUID()}`);
    const broadcasts = new Broadcasts({ store: deps.store, now: deps.now });
    const handovers = new Handovers({ store: deps.store, service: deps.service, broadcasts, calendar: deps.calendar, now: deps.now, newId });
    this.deps = { ...deps, permissions: new Permissions(deps.store.directory), newId, broadcasts, handovers };
    this.own = new OwnLists(this.deps);
    this.caseRecords = new CaseRecords(this.deps, this.own);
    this.team = new TeamLists(this.deps, this.own);
    this.queue = new QueueAnswers(this.deps);
    this.escalations = new EscalationAnswers(this.deps);
    this.workingTime = new WorkingTimeAnswers(this.deps);
    this.histories = new HistoryAnswers(this.deps);
    this.cases = new CaseAnswers(this.deps);
    this.flows = new Flows(this.deps, (actor, u) => this.answer(actor, u));
    this.absences = new AbsenceAnswers(this.deps, this.flows);
    this.broadcastAnswers = new BroadcastAnswers(this.deps);
    this.handlers = {
      [ANSWER_VERBS.ask]: async (actor, data) => ({ replace: null, send: await this.message(actor, data.text) }),
      [ANSWER_VERBS.worklistAct]: (actor, data) => this.own.act(actor, data),
      [ANSWER_VERBS.caseRecord]: (actor, data) => this.caseRecords.record(actor, data),
      [ANSWER_VERBS.teamPerson]: (actor, data) => this.team.person(actor, data),
      [ANSWER_VERBS.teamBack]: (actor, data) => this.team.back(actor, data),
      [ANSWER_VERBS.queueAssign]: (actor, data) => this.queue.assign(actor, data),
      [ANSWER_VERBS.flowConfirm]: (actor, data) => this.flows.press(actor, true, data),
      [ANSWER_VERBS.flowCancel]: (actor, data) => this.flows.press(actor, false, data),
      [ANSWER_VERBS.nudgeShow]: (actor, data) => this.escalations.show(actor, data),
      [ANSWER_VERBS.escalationTake]: (actor, data) => this.escalations.reassign(actor, true, data),
      [ANSWER_VERBS.escalationReassign]: (actor, data) => this.escalations.reassign(actor, false, data),
      [ANSWER_VERBS.escalationFollowUp]: (actor, data) => this.escalations.followUp(actor, data),
      [ANSWER_VERBS.reassignOne]: async (actor, data) =>
        data.reassignPersonId ? { replace: null, send: await this.flows.startOne(actor, data.statementId, data.reassignPersonId) } : this.queue.reassignCard(actor, data.statementId),
      [ANSWER_VERBS.handBackUndo]: (actor, data) => this.queue.undo(actor, data),
      [ANSWER_VERBS.broadcastRead]: (actor, data) => this.broadcastAnswers.read(actor, data),
      [ANSWER_VERBS.broadcastReport]: (actor, data) => this.broadcastAnswers.report(actor, data),
      [ANSWER_VERBS.broadcastCancel]: (actor, data) => this.broadcastAnswers.cancel(actor, data),
      [ANSWER_VERBS.broadcastExport]: (actor, data) => this.broadcastAnswers.exportCsv(actor, data),
    };
  }

  /**
   * Answers a typed message. Never returns nothing. In a team channel or group chat
   * (`shared`) only answers that carry no statement or person data are given there.
   */
  async message(actor: Person, words: string, where: 'personal' | 'shared' = 'personal'): Promise<Reply[]> {
    // A history and the dashboard are asked for by their own words (a reference, "dashboard"), before understanding.
    const reference = historyRequestOf(words);
    if (reference !== null || asksForDashboard(words)) {
      if (where === 'shared') return [text(PRIVATE_HERE)];
      return [reference !== null ? await this.histories.history(actor, reference) : this.histories.dashboard(actor)];
    }
    const u = await this.deps.understander.parse(words, this.deps.now());
    if (where === 'shared' && !SHAREABLE.has(u.intent)) {
      return [text(PRIVATE_HERE)];
    }
    const flow = await this.flows.current(actor);
    if (flow) return this.flows.continue(actor, flow, words, u);
    if (u.intent === 'help' && where === 'shared') return [card(helpCard(where))];
    return this.answer(actor, u);
  }

  /**
   * The people picker's type-ahead (`application/search` on `PEOPLE_DATASET`): everyone
   * `actor` may give a statement to whose name matches what they typed, at most `count`.
   *
   * @example
   * await conversation.searchPeople(jo, 'han', 15); // [{ title: 'Hana Lewis · head of service', value: 'p_hana' }]
   */
  async searchPeople(actor: Person, typed: string, count: number): Promise<PersonChoice[]> {
    const words = typed.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    const people = (await this.deps.permissions.assignableBy(actor)).filter((p) => {
      const names = p.name.toLowerCase().split(/\s+/);
      return words.every((w) => names.some((n) => n.startsWith(w)));
    });
    return (await choicesOf(this.deps, people)).slice(0, Math.max(0, Math.min(count, 50)));
  }

  /** Handles a press on an answer card: the verb's data parsed by its schema, then its handler. */
  async action(actor: Person, verb: string, data: unknown): Promise<ActionOutcome> {
    if (!isAnswerVerb(verb)) return { replace: null, send: [text('That button is from an older card. Ask me again and I will send a fresh one.')] };
    return this.handle(actor, verb, data);
  }

  private handle<V extends AnswerVerb>(actor: Person, verb: V, data: unknown): Promise<ActionOutcome> {
    const handler = this.handlers[verb] as (actor: Person, data: AnswerActionData<V>) => Promise<ActionOutcome>;
    return handler(actor, ANSWER_ACTION_DATA[verb].parse(data) as AnswerActionData<V>);
  }

  /** The answer to a question, by its intent. */
  private async answer(actor: Person, u: Understanding): Promise<Reply[]> {
    switch (u.intent) {
      case 'due':
      case 'overdue':
        if (CaseAnswers.asks(u)) return [await this.cases.answer(actor, u)];
        return [card(await this.own.card(actor, listOf(u), null))];
      case 'unopened':
        if (u.person !== null) return this.team.answer(actor, u);
        return [card(await this.own.card(actor, listOf(u), null))];
      case 'team-due':
      case 'team-overdue':
        return this.team.answer(actor, u);
      case 'unassigned':
        return this.queue.answer(actor);
      case 'when':
        return [this.workingTime.when(u)];
      case 'standard':
        return [this.workingTime.standard(u)];
      case 'stats':
        return [await statsAnswer(this.deps, actor, u)];
      case 'reassign':
        return this.flows.start(actor, u);
      case 'away':
        return this.absences.answer(actor, u);
      case 'broadcast':
        return this.flows.start(actor, u);
      case 'delivery-report':
        return this.broadcastAnswers.answer(actor, u);
      case 'history':
        return [u.case !== null ? await this.histories.history(actor, u.case) : this.histories.whichOne()];
      case 'help':
        return [card(helpCard('personal', actor))];
      case 'greeting':
        return [greeting(actor)];
      case 'unknown':
        return [notUnderstood()];
    }
  }
}

const VERBS: ReadonlySet<string> = new Set(Object.values(ANSWER_VERBS));

function isAnswerVerb(verb: string): verb is AnswerVerb {
  return VERBS.has(verb);
}
