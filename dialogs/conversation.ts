import { randomUUID } from 'crypto';
import { ANSWER_ACTION_DATA, type AnswerActionData } from '../cards/answer-action-data';
import { ANSWER_VERBS, type AnswerVerb } from '../cards/answer-card-models';
import { Permissions } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { ConversationDeps, DialogDeps } from './dialog-deps';
import { CaseRecords } from './case-records';
import { EscalationAnswers } from './escalation-answers';
import { Flows } from './flows';
import { greeting, helpCard, notUnderstood } from './help-answers';
import { listOf } from './list-query';
import { OwnLists } from './own-lists';
import { QueueAnswers } from './queue-answers';
import { card, text, type ActionOutcome, type Reply } from './reply';
import { statsAnswer } from './stats-answer';
import { TeamLists } from './team-lists';
import type { Understanding } from './understand';
import { WorkingTimeAnswers } from './working-time-answers';

export type { ActionOutcome, Reply } from './reply';
export type { ConversationDeps } from './dialog-deps';

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
  private readonly flows: Flows;
  private readonly deps: DialogDeps;
  private readonly handlers: ActionHandlers;

  constructor(deps: ConversationDeps) {
    this.deps = { ...deps, permissions: new Permissions(deps.store.directory), newId: deps.newId ?? ((prefix) => `${prefix}_${randomUUID()}`) };
    this.own = new OwnLists(this.deps);
    this.caseRecords = new CaseRecords(this.deps, this.own);
    this.team = new TeamLists(this.deps, this.own);
    this.queue = new QueueAnswers(this.deps);
    this.escalations = new EscalationAnswers(this.deps);
    this.workingTime = new WorkingTimeAnswers(this.deps);
    this.flows = new Flows(this.deps, (actor, u) => this.answer(actor, u));
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
    };
  }

  /**
   * Answers a typed message. Never returns nothing. In a team channel or group chat
   * (`shared`) only answers that carry no statement or person data are given there.
   */
  async message(actor: Person, words: string, where: 'personal' | 'shared' = 'personal'): Promise<Reply[]> {
    const u = await this.deps.understander.parse(words, this.deps.now());
    if (where === 'shared' && !SHAREABLE.has(u.intent)) {
      return [text('That is private, so I only answer it in our personal chat. Open Heard from the apps bar and ask me there.')];
    }
    const flow = await this.flows.current(actor);
    if (flow) return this.flows.continue(actor, flow, words, u);
    if (u.intent === 'help' && where === 'shared') return [card(helpCard(where))];
    return this.answer(actor, u);
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
      case 'unopened':
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
      case 'away':
        return this.flows.start(actor, u);
      case 'help':
        return [card(helpCard('personal'))];
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
