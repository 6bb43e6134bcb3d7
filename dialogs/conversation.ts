import { randomUUID } from 'crypto';
import { recordAbsence } from '../domain/absences';
import { Permissions } from '../domain/permissions';
import type { Obligation } from '../domain/obligation';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { Statement, StatementStatus } from '../domain/statement';
import type { StatementErrorCode, StatementService } from '../domain/statement-service';
import type { InstantWindow, WorkItem, Worklists } from '../domain/worklists';
import {
  civilDateOf,
  dueInstant,
  epochDayOf,
  explainDue,
  formatCivilDate,
  localClockTime,
  parseCivilDate,
  shortDayName,
  workingSecondsBetween,
  type Standard,
  type WorkingCalendar,
} from '../standards';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { renderAnswerCard } from '../cards/answer-card';
import { ANSWER_INPUTS, ANSWER_VERBS, type FollowUp, type ListQuery, type WorkItemAct, type WorkItemModel } from '../cards/answer-card-models';
import { renderConfirmCard } from '../cards/confirm-card';
import { ESCALATION_VARIANTS, renderEscalationCard, type EscalationVariant } from '../cards/escalation-card';
import { escalationCardData } from '../cards/escalation-view';
import { renderQueueCard } from '../cards/queue-card';
import { renderTeamCard } from '../cards/team-card';
import { renderTeamPersonCard } from '../cards/team-person-card';
import { renderWorklistCard } from '../cards/worklist-card';
import { whenText } from '../cards/local-time';
import { clockLine, standardText } from '../cards/statement-words';
import { findDates, mondayOf } from './dates';
import { normalise } from './normalise';
import { findStandard } from './standard-lookup';
import { isAboutOwnWork, looksLikeName, type Understander, type Understanding } from './understand';

/**
 * What Heard says back: a card, plain text, or a statement's own card (which the bot
 * renders and keeps up to date, with a fresh download link when asked).
 */
export type Reply =
  | { kind: 'card'; card: AdaptiveCardJson }
  | { kind: 'text'; text: string }
  | { kind: 'statement'; statementId: string; download: boolean };

/** What a card press does: the card that replaces the one pressed (or null), and anything sent after it. */
export interface ActionOutcome {
  replace: AdaptiveCardJson | null;
  send: Reply[];
}

export interface ConversationDeps {
  store: Store;
  service: StatementService;
  worklists: Worklists;
  understander: Understander;
  /** The standards of the enabled packs. */
  standards: Standard[];
  calendar: WorkingCalendar;
  now: () => number;
  newId?: (prefix: string) => string;
}

/** Items on one list card: Teams' 28 KB limit fits about fifteen with their buttons. */
const MAX_ITEMS = 12;
/** Statements listed in a flow's preview. */
const MAX_PREVIEW = 8;
/** A half-finished flow is forgotten after this long (seconds). */
const FLOW_TTL = 30 * 60;
const OPEN: StatementStatus[] = ['assigned', 'delivered', 'opened', 'acknowledged', 'child-told'];
const CANCEL = /^\s*(cancel|stop|never ?mind|forget it|no thanks|abort|quit|exit|no,? cancel)\b/i;
const NO_END = /\b(for good|permanently|no end|indefinitely|open ended|until further notice|no end date)\b/i;
const NO_ONE = /^\s*(no ?one|nobody|none|no cover|not sure|n\/a|skip)\b/i;

/** Answers that carry no statement or person data, so they may be given in a channel. */
const SHAREABLE: ReadonlySet<Understanding['intent']> = new Set(['when', 'standard', 'help', 'greeting', 'unknown']);

const EXAMPLES: FollowUp[] = [
  { title: "What's due this week?", text: "what's due this week" },
  { title: 'Anything overdue?', text: 'anything overdue?' },
  { title: 'Help', text: 'help' },
];

/** A multi-turn flow in progress, kept in the store between messages. */
interface FlowState {
  id: string;
  flow: 'reassign' | 'away';
  /** The slot asked for last (what a bare answer fills), or `confirm`. */
  step: 'person' | 'target' | 'until' | 'confirm';
  personId: string | null;
  /** Reassign: who the statements go to. Away: the cover (`none` when nobody covers). */
  targetId: string | null | 'none';
  /** First day of an absence, local date. */
  from: string | null;
  /** Last day, local date; `none` for a reassignment with no end. */
  until: string | null | 'none';
  startedAt: number;
}

/**
 * The conversation: answers what people ask in plain words with cards, and runs the
 * reassign and away flows (ask for what is missing, preview, confirm, do it through the
 * domain). Every answer is for the person asking, from their Teams identity; nothing a
 * card carries grants anything.
 *
 * @example
 * const replies = await conversation.message(sam, "what's due this week?");
 */
export class Conversation {
  private readonly newId: (prefix: string) => string;

  constructor(private readonly deps: ConversationDeps) {
    this.newId = deps.newId ?? ((prefix) => `${prefix}_${randomUUID()}`);
  }

  /**
   * Answers a typed message. Never returns nothing. In a team channel or group chat
   * (`shared`) only answers that carry no statement or person data are given there.
   */
  async message(actor: Person, text: string, where: 'personal' | 'shared' = 'personal'): Promise<Reply[]> {
    const now = this.deps.now();
    const u = await this.deps.understander.parse(text, now);
    if (where === 'shared' && !SHAREABLE.has(u.intent)) {
      return [{ kind: 'text', text: 'That is private, so I only answer it in our personal chat. Open Heard from the apps bar and ask me there.' }];
    }
    const flow = await this.loadFlow(actor, now);
    if (flow) return this.continueFlow(actor, flow, text, u);
    if (u.intent === 'help' && where === 'shared') return [card(this.helpCard(where))];
    return this.answer(actor, u);
  }

  /** Handles a press on an answer card. */
  async action(actor: Person, verb: string, data: Record<string, unknown>): Promise<ActionOutcome> {
    switch (verb) {
      case 'ask': {
        const text = typeof data.text === 'string' ? data.text : 'help';
        return { replace: null, send: await this.message(actor, text) };
      }
      case 'worklist.act':
        return this.worklistAct(actor, data);
      case 'team.person':
      case 'team.back':
        return this.teamPress(actor, verb, data);
      case 'queue.assign':
        return this.queueAssign(actor, data);
      case 'flow.confirm':
      case 'flow.cancel':
        return this.flowPress(actor, verb, data);
      case ANSWER_VERBS.nudgeShow:
        return this.nudgeShow(actor, data);
      case ANSWER_VERBS.escalationTake:
      case ANSWER_VERBS.escalationReassign:
        return this.escalationPress(actor, verb, data);
      default:
        return { replace: null, send: [{ kind: 'text', text: 'That button is from an older card. Ask me again and I will send a fresh one.' }] };
    }
  }

  // ---- answers --------------------------------------------------------------------------

  private async answer(actor: Person, u: Understanding): Promise<Reply[]> {
    switch (u.intent) {
      case 'due':
      case 'overdue':
      case 'unopened':
        return [{ kind: 'card', card: await this.worklistCard(actor, listOf(u), null) }];
      case 'team-due':
      case 'team-overdue':
        return this.teamAnswer(actor, u);
      case 'unassigned':
        return this.queueAnswer(actor);
      case 'when':
        return [this.whenAnswer(u)];
      case 'standard':
        return [this.standardAnswer(u)];
      case 'stats':
        return [await this.statsAnswer(actor, u)];
      case 'reassign':
      case 'away':
        return this.startFlow(actor, u);
      case 'help':
        return [card(this.helpCard('personal'))];
      case 'greeting':
        return [card(renderAnswerCard({ title: `Hello ${firstName(actor)}`, tone: null, lines: ['Ask me what is due, what is overdue, or anything in "help".'], facts: [], quote: null, followUps: EXAMPLES }))];
      case 'unknown':
        return [card(renderAnswerCard({
          title: "Sorry, I didn't understand that",
          tone: null,
          lines: [
            'I can tell you what is due or overdue, show your team or the unassigned queue, move statements, record leave and work out working days.',
            'Try: "what\'s due this week?", "anything overdue?", "I\'m on leave until Friday, Ali covering", "when is 10 working days before 12 March?"',
          ],
          facts: [],
          quote: null,
          followUps: EXAMPLES,
        }))];
    }
  }

  /** Help; in a channel only what can be answered there (statements are private). */
  private helpCard(where: 'personal' | 'shared'): AdaptiveCardJson {
    if (where === 'shared') {
      return renderAnswerCard({
        title: 'What Heard does',
        tone: null,
        lines: [
          'Statements, lists and leave are private: ask about them in your personal chat with Heard.',
          'Here I can answer, for example:',
        ],
        facts: [
          { title: 'Dates', value: '"when is 10 working days before 12 March?", "7 working hours from now"' },
          { title: 'Standards', value: '"how long do I have to open a statement?", "what does standard 3.1 say?"' },
        ],
        quote: null,
        followUps: [],
      });
    }
    return renderAnswerCard({
      title: 'What Heard does',
      tone: null,
      lines: [
        'Statements sent to you through Mind Of My Own arrive in this chat as cards, with the clock of each practice standard.',
        'Ask in your own words, for example:',
      ],
      facts: [
        { title: 'Your work', value: '"what\'s due this week?", "anything overdue?", "which statements haven\'t I opened?"' },
        { title: 'Managers', value: '"what\'s due for my team?", "who is overdue?", "move Sam\'s statements to Priya until Friday"' },
        { title: 'Participation', value: '"what\'s in the queue?"' },
        { title: 'Leave', value: '"I\'m on a/l next week, Ali covering", "Sam is off sick until Wednesday"' },
        { title: 'Dates', value: '"when is 10 working days before 12 March?", "7 working hours from now"' },
        { title: 'Standards', value: '"how long do I have to open a statement?", "what does standard 3.1 say?"' },
        { title: 'Cards', value: '"my statements" sends a fresh card for each of your open statements' },
        { title: 'Reminders', value: 'I remind you at half and three quarters of the time allowed and when it is due; "morning digest on" adds a list of what is due each working morning' },
      ],
      quote: null,
      followUps: EXAMPLES.slice(0, 2),
    });
  }

  /** A worker's list; `note` explains why they got their own list instead of what they asked. */
  private async worklistCard(actor: Person, list: ListQuery, note: string | null, notice: string | null = null): Promise<AdaptiveCardJson> {
    const items = await this.itemsOf(actor.id, list);
    const now = this.deps.now();
    const shown = items.slice(0, MAX_ITEMS);
    const words = listWords(list, this.deps.calendar, now);
    return renderWorklistCard({
      title: words.title,
      subtitle: items.length === 0 ? null : `${items.length} item${items.length === 1 ? '' : 's'}, soonest first`,
      note: notice ? { text: notice, tone: 'good' } : note ? { text: note, tone: 'warning' } : null,
      empty: items.length === 0 ? words.empty : null,
      groups: this.groupByDay(shown.map((item) => this.itemModel(item, true))),
      more: items.length > shown.length ? `and ${items.length - shown.length} more after these` : null,
      list,
      followUps: followUpsAfter(list.kind),
    });
  }

  private async itemsOf(personId: string, list: ListQuery): Promise<WorkItem[]> {
    if (list.kind === 'overdue') return this.deps.worklists.overdue(personId);
    if (list.kind === 'unopened') return (await this.deps.worklists.unopened(personId)).flatMap((u) => (u.next ? [u.next] : []));
    return this.deps.worklists.due(personId, this.windowOf(list));
  }

  private windowOf(list: ListQuery): InstantWindow {
    const cal = this.deps.calendar;
    const today = civilDay(cal, this.deps.now());
    const from = list.from ? dayNumber(list.from) : today;
    const to = list.to ? dayNumber(list.to) : today + 6;
    return { from: cal.midnight[cal.indexOfEpochDay(from)], to: cal.midnight[cal.indexOfEpochDay(to + 1)] };
  }

  private itemModel(item: WorkItem, withActions: boolean): WorkItemModel & { day: number } {
    const { obligation, statement, standard } = item;
    const now = this.deps.now();
    const line = clockLine(obligation, standard, this.deps.calendar, now);
    const actions: { title: string; act: WorkItemAct }[] = [];
    if (withActions) {
      if ((statement.status === 'assigned' || statement.status === 'delivered') && statement.pdf && statement.pdf.purgedAt === null) {
        actions.push({ title: 'Download', act: 'download' });
      } else if (statement.status === 'opened') {
        actions.push({ title: 'Acknowledge', act: 'acknowledge' });
      }
      actions.push({ title: 'Show card', act: 'show' });
    }
    return {
      statementId: statement.id,
      reference: statement.child.reference,
      initials: statement.child.initials,
      typeLabel: typeLabel(statement.type),
      deadline: line.text,
      state: line.state === 'overdue' ? 'overdue' : 'running',
      standard: `${standard.id} · ${standard.title}`,
      actions,
      day: this.deps.calendar.dayOf(obligation.due),
    };
  }

  private groupByDay(items: (WorkItemModel & { day: number })[]): { day: string; items: WorkItemModel[] }[] {
    const cal = this.deps.calendar;
    const today = cal.dayOf(this.deps.now());
    const groups: { day: string; items: WorkItemModel[] }[] = [];
    let current = Number.NaN;
    for (const { day, ...item } of items) {
      if (day !== current) {
        const name = shortDayName(cal.epochDay(day));
        groups.push({ day: day === today ? `Today, ${name}` : day === today + 1 ? `Tomorrow, ${name}` : day < today ? `${name} (past)` : name, items: [] });
        current = day;
      }
      groups[groups.length - 1].items.push(item);
    }
    return groups;
  }

  private async teamAnswer(actor: Person, u: Understanding): Promise<Reply[]> {
    const list = listOf(u);
    const serviceWide = u.scope === 'all' && actor.roles.some((r) => r === 'head-of-service' || r === 'participation' || r === 'admin');
    const people = await this.peopleOf(actor, serviceWide);
    if (people.length === 0) {
      const note = u.scope === 'all'
        ? 'Lists for the whole service are for the head of service and the participation team, so here is your own.'
        : 'Team lists are for team managers, and nobody reports to you in the directory, so here is your own.';
      return [card(await this.worklistCard(actor, list, note))];
    }
    return [card(await this.teamCard(actor, people, list, serviceWide))];
  }

  /** Everyone but the asker for a service-wide list, else the people they manage. */
  private async peopleOf(actor: Person, serviceWide: boolean): Promise<Person[]> {
    return serviceWide ? (await this.deps.store.directory.listPeople()).filter((p) => p.id !== actor.id) : this.deps.worklists.teamOf(actor.id);
  }

  private async teamCard(actor: Person, people: Person[], list: ListQuery, serviceWide: boolean): Promise<AdaptiveCardJson> {
    const kind = list.kind === 'overdue' ? 'overdue' : 'due';
    const rows = await this.deps.worklists.teamSummary(people, kind, kind === 'due' ? this.windowOf(list) : null);
    const now = this.deps.now();
    const words = listWords(list, this.deps.calendar, now);
    const busy = rows.filter((r) => r.count > 0);
    const team = actor.teamId ? await this.deps.store.directory.getTeam(actor.teamId) : null;
    return renderTeamCard({
      title: `${serviceWide ? 'Service' : 'Team'} ${words.title.charAt(0).toLowerCase()}${words.title.slice(1)}`,
      subtitle: `${serviceWide ? 'Every team' : team?.name ?? 'Your team'} · ${people.length} ${people.length === 1 ? 'person' : 'people'}`,
      note: null,
      empty: busy.length === 0 ? words.teamEmpty : null,
      rows: busy.map((r) => ({
        personId: r.person.id,
        name: r.person.name,
        count: r.count,
        overdue: r.overdue,
        oldest: r.first ? `${r.first.statement.child.reference} ${r.first.statement.child.initials} · ${clockLine(r.first.obligation, r.first.standard, this.deps.calendar, now).text}` : null,
        state: r.overdue > 0 ? 'overdue' : 'running',
      })),
      list,
      followUps: kind === 'due' ? [{ title: "Who's overdue?", text: "what's overdue in my team" }] : [{ title: 'Due this week', text: "what's due for my team this week" }],
    });
  }

  private async teamPress(actor: Person, verb: string, data: Record<string, unknown>): Promise<ActionOutcome> {
    const list = listFromData(data.list);
    if (verb === 'team.back') {
      const serviceWide = actor.roles.some((r) => r === 'head-of-service' || r === 'participation' || r === 'admin') && (await this.deps.worklists.teamOf(actor.id)).length === 0;
      const people = await this.peopleOf(actor, serviceWide);
      if (people.length === 0) return { replace: await this.worklistCard(actor, list, 'Team lists are for team managers, so here is your own.'), send: [] };
      return { replace: await this.teamCard(actor, people, list, serviceWide), send: [] };
    }
    const personId = typeof data.personId === 'string' ? data.personId : '';
    const person = await this.deps.store.directory.getPerson(personId);
    const allowed = person && (actor.roles.some((r) => r === 'head-of-service' || r === 'participation' || r === 'admin') || (await this.deps.worklists.teamOf(actor.id)).some((p) => p.id === person.id));
    if (!person || !allowed) {
      return { replace: null, send: [{ kind: 'text', text: "You can only see the lists of people you manage. Ask me \"what's due for my team\" for a fresh card." }] };
    }
    const items = await this.itemsOf(person.id, list);
    const shown = items.slice(0, MAX_ITEMS);
    const words = listWords(list, this.deps.calendar, this.deps.now());
    return {
      replace: renderTeamPersonCard({
        title: `${person.name}: ${words.title.charAt(0).toLowerCase()}${words.title.slice(1)}`,
        subtitle: items.length === 0 ? null : `${items.length} item${items.length === 1 ? '' : 's'}, soonest first`,
        empty: items.length === 0 ? words.empty.replace(/^Nothing/, 'Nothing for them') : null,
        groups: this.groupByDay(shown.map((item) => this.itemModel(item, false))),
        more: items.length > shown.length ? `and ${items.length - shown.length} more after these` : null,
        list,
      }),
      send: [],
    };
  }

  private async worklistAct(actor: Person, data: Record<string, unknown>): Promise<ActionOutcome> {
    const list = listFromData(data.list);
    const statementId = typeof data.statementId === 'string' ? data.statementId : '';
    const statement = await this.deps.store.statements.get(statementId);
    if (!statement || !statement.assigneeIds.includes(actor.id)) {
      return { replace: await this.worklistCard(actor, list, 'That statement is no longer yours, so I have refreshed your list.'), send: [] };
    }
    if (data.act === 'acknowledge') {
      const result = await this.deps.service.acknowledge(statementId, actor, 'card');
      const notice = result.ok ? `Acknowledged ${statement.child.reference}. Thank you.` : 'Nothing changed: it could not be acknowledged now.';
      return { replace: await this.worklistCard(actor, list, null, notice), send: [] };
    }
    if (data.act === 'download' || data.act === 'show') {
      return { replace: await this.worklistCard(actor, list, null), send: [{ kind: 'statement', statementId, download: data.act === 'download' }] };
    }
    return { replace: await this.worklistCard(actor, list, null), send: [] };
  }

  private async queueAnswer(actor: Person): Promise<Reply[]> {
    if (!actor.roles.some((r) => r === 'participation' || r === 'admin' || r === 'manager' || r === 'head-of-service')) {
      return [card(renderAnswerCard({
        title: 'The queue is for the participation team',
        tone: null,
        lines: ['Statements that nobody has yet are assigned by the participation team. Your own work is one question away.'],
        facts: [],
        quote: null,
        followUps: EXAMPLES.slice(0, 2),
      }))];
    }
    return [card(await this.queueCard(actor, null))];
  }

  private async queueCard(actor: Person, notice: string | null): Promise<AdaptiveCardJson> {
    const entries = await this.deps.worklists.queue();
    const now = this.deps.now();
    const byId = new Map(this.deps.standards.map((s) => [s.id, s]));
    const shown = entries.slice(0, 30);
    const people = actor.roles.some((r) => r === 'participation' || r === 'admin')
      ? (await this.deps.store.directory.listPeople()).filter((p) => p.roles.includes('worker') || p.roles.includes('manager'))
      : [];
    const items = await Promise.all(shown.map(async (e) => {
      const standard = e.clock ? byId.get(e.clock.standardId) : undefined;
      const line = e.clock && standard ? clockLine(e.clock, standard, this.deps.calendar, now) : null;
      const undeliveredTo = await Promise.all(e.undelivered.map(async (d) => (await this.deps.store.directory.getPerson(d.personId))?.name ?? 'someone'));
      return {
        statementId: e.statement.id,
        reference: e.statement.child.reference,
        initials: e.statement.child.initials,
        typeLabel: typeLabel(e.statement.type),
        clock: line && standard ? `${line.text} · ${standard.id}, ${standardText(standard).replace(/^standard [^,]+, /, '')}` : 'No clock running',
        state: line?.state === 'overdue' ? ('overdue' as const) : ('running' as const),
        problem: undeliveredTo.length > 0 ? `Card not delivered to ${undeliveredTo.join(', ')}` : null,
      };
    }));
    return renderQueueCard({
      title: 'Unassigned statements',
      subtitle: notice ?? (entries.length === 0 ? null : `${entries.length} waiting, oldest first`),
      empty: entries.length === 0 ? 'The queue is empty: every statement has someone. 🎉' : null,
      items,
      more: entries.length > shown.length ? `and ${entries.length - shown.length} more after these` : null,
      assignees: people.map((p) => ({ title: p.name, value: p.id })),
      followUps: [],
    });
  }

  private async queueAssign(actor: Person, data: Record<string, unknown>): Promise<ActionOutcome> {
    const statementId = typeof data.queueStatementId === 'string' ? data.queueStatementId : '';
    const personId = typeof data.queuePersonId === 'string' ? data.queuePersonId : '';
    if (!statementId || !personId) return { replace: await this.queueCard(actor, 'Choose a statement and a person, then press Assign.'), send: [] };
    const statement = await this.deps.store.statements.get(statementId);
    const result = statement?.assigneeIds.length ? await this.deps.service.reassign(statementId, personId, actor, 'card') : await this.deps.service.assign(statementId, personId, actor, 'card');
    const person = await this.deps.store.directory.getPerson(personId);
    const notice = result.ok
      ? `${statement?.child.reference ?? 'The statement'} is now with ${person?.name ?? 'them'}.`
      : result.code === 'NOT_ALLOWED' ? 'Only the participation team can assign from the queue.' : 'That statement could not be assigned: it may have been assigned already.';
    return { replace: await this.queueCard(actor, notice), send: [] };
  }

  // ---- nudges and escalations -------------------------------------------------------------

  /** "Show statement" on a nudge: the statement's own card below, the nudge left as it is. */
  private async nudgeShow(actor: Person, data: Record<string, unknown>): Promise<ActionOutcome> {
    const statementId = typeof data.statementId === 'string' ? data.statementId : '';
    const statement = statementId ? await this.deps.store.statements.get(statementId) : null;
    if (!statement || !(await this.maySee(actor, statement))) {
      return { replace: null, send: [{ kind: 'text', text: 'That statement is no longer with you or anyone you manage or cover for, so I can\'t show it. Type "my statements" for your own.' }] };
    }
    return { replace: null, send: [{ kind: 'statement', statementId: statement.id, download: false }] };
  }

  /**
   * Who a nudge may show a statement to: its assignees, whoever covers for one of them
   * today, their managers, the participation team and administrators (product.md: the
   * nudge goes to the cover while someone is away, and team-held items to the team).
   */
  private async maySee(actor: Person, statement: Statement): Promise<boolean> {
    if (statement.assigneeIds.includes(actor.id)) return true;
    if (actor.roles.some((r) => r === 'participation' || r === 'admin')) return true;
    if (statement.assigneeIds.length === 0) return false;
    if ((await this.deps.worklists.teamOf(actor.id)).some((p) => statement.assigneeIds.includes(p.id))) return true;
    const today = formatCivilDate(civilDateOf(civilDay(this.deps.calendar, this.deps.now())));
    for (const id of statement.assigneeIds) {
      if ((await this.deps.store.directory.listAbsences(id, today)).some((a) => a.coverId === actor.id)) return true;
    }
    return false;
  }

  /**
   * "Reassign to me" / "Reassign to…" on an escalation card. The card names the statement
   * and the missed clock; who may move it is the statement service's decision, from the
   * Teams identity of whoever pressed. The card comes back from the store with the outcome.
   */
  private async escalationPress(actor: Person, verb: string, data: Record<string, unknown>): Promise<ActionOutcome> {
    const statementId = typeof data.statementId === 'string' ? data.statementId : '';
    const obligationId = typeof data.obligationId === 'string' ? data.obligationId : '';
    const variant = ESCALATION_VARIANTS.find((v) => v === data.variant) ?? 'manager';
    const statement = statementId ? await this.deps.store.statements.get(statementId) : null;
    const obligation = obligationId ? await this.deps.store.obligations.get(obligationId) : null;
    if (!statement || !obligation || obligation.statementId !== statement.id) {
      return { replace: null, send: [{ kind: 'text', text: "I can't find that statement any more, so nothing changed. Ask the participation team about it." }] };
    }
    const chosen = data[ANSWER_INPUTS.escalationPersonId];
    const targetId = verb === ANSWER_VERBS.escalationTake ? actor.id : typeof chosen === 'string' ? chosen.trim() : '';
    const target = !targetId ? null : targetId === actor.id ? actor : await this.deps.store.directory.getPerson(targetId);
    const who = target?.id === actor.id ? 'you' : target?.name ?? 'them';
    let outcome: string;
    if (!targetId) {
      outcome = 'Choose who it should go to, then press Reassign.';
    } else if (statement.assigneeIds.length === 1 && statement.assigneeIds[0] === targetId) {
      // Nothing would change, so there is nothing to authorise.
      outcome = `It is with ${who} already, so nothing changed.`;
    } else {
      const result = await this.deps.service.reassign(statement.id, targetId, actor, 'card');
      if (result.ok) outcome = result.changed ? `Now with ${who}.` : `It is with ${who} already, so nothing changed.`;
      else outcome = await this.escalationRefusal(result.code, statement, actor);
    }
    // Someone with no part in the statement is told the outcome, not shown the card.
    if (!(await this.maySee(actor, (await this.deps.store.statements.get(statement.id)) ?? statement))) {
      return { replace: null, send: [{ kind: 'text', text: outcome }] };
    }
    return { replace: await this.escalationCard(actor, statement.id, obligation, variant, outcome), send: [] };
  }

  private async escalationRefusal(code: StatementErrorCode, statement: Statement, actor: Person): Promise<string> {
    switch (code) {
      case 'NOT_ALLOWED': {
        if (statement.assigneeIds.length === 0) return 'Only the participation team can assign it from the queue, so nothing changed.';
        if (statement.assigneeIds.includes(actor.id)) return 'It is with you: you can pass it to someone you manage; anyone else only your manager or the participation team can move it to. Nothing changed.';
        const names = await this.namesOf(statement.assigneeIds);
        return `Only ${names.join(' and ')}'s manager or the participation team can move it, so nothing changed.`;
      }
      case 'UNKNOWN_PERSON':
        return "I can't find that person in Heard's directory, so nothing changed.";
      case 'NOT_ASSIGNABLE':
        return 'This statement follows the duty procedure and is never assigned, so nothing changed.';
      case 'STATEMENT_NOT_FOUND':
        return "I can't find that statement any more, so nothing changed.";
      default:
        return 'It could not be moved just now, so nothing changed.';
    }
  }

  /** The escalation card as it stands now, for the person who pressed it. */
  private async escalationCard(actor: Person, statementId: string, missed: Obligation, variant: EscalationVariant, outcome: string | null): Promise<AdaptiveCardJson> {
    const statement = (await this.deps.store.statements.get(statementId)) as Statement;
    return renderEscalationCard(await escalationCardData(this.deps, actor, statement, missed, variant, outcome, null));
  }

  /** Names of people by id, `you` for the actor. */
  private async namesOf(ids: string[], actor: Person | null = null): Promise<string[]> {
    return Promise.all(ids.map(async (id) => (id === actor?.id ? 'you' : (await this.deps.store.directory.getPerson(id))?.name ?? 'someone no longer in the directory')));
  }

  private whenAnswer(u: Understanding): Reply {
    const cal = this.deps.calendar;
    const now = this.deps.now();
    if (!u.when) {
      return card(renderAnswerCard({
        title: 'Working-time questions',
        tone: null,
        lines: ['Ask me like this: "when is 10 working days before 12 March?", "what is 7 working hours from now?" or "15 working days after Monday".'],
        facts: [],
        quote: null,
        followUps: [],
      }));
    }
    const q = u.when;
    const anchor = q.anchor === null ? now : cal.midnight[cal.indexOfEpochDay(dayNumber(q.anchor))] + (q.anchorMinutes ?? 0) * 60;
    const rule = { clock: q.clock, amount: q.amount, direction: q.direction, modifier: null } as const;
    try {
      const due = dueInstant(rule, anchor, cal);
      const dueDay = cal.dayOf(due);
      const from = q.anchor === null ? `now (${whenText(cal, now, now)})` : shortDayName(dayNumber(q.anchor)) + (q.anchorMinutes !== null ? ` ${localClockTime(cal, anchor)}` : '');
      const worked = q.clock === 'working-hours' || q.clock === 'working-days' ? hoursWorked(workingSecondsBetween(cal, Math.min(anchor, due), Math.max(anchor, due))) : null;
      return card(renderAnswerCard({
        title: `${q.amount} ${unitWords(q)} ${q.direction} ${from}`,
        tone: null,
        lines: [`${shortDayName(cal.epochDay(dueDay))} ${civilDateOf(cal.epochDay(dueDay)).year}, ${localClockTime(cal, due)}`],
        facts: [
          { title: 'How', value: explainDue(rule, anchor, cal) },
          ...(worked ? [{ title: 'Working time', value: worked }] : []),
          { title: 'Calendar', value: 'Monday to Friday 09:00–17:00, England and Wales bank holidays' },
        ],
        quote: null,
        followUps: [],
      }));
    } catch (e) {
      return { kind: 'text', text: `I can't work that out: ${e instanceof Error ? e.message : String(e)}. Try a date within the next few years.` };
    }
  }

  private standardAnswer(u: Understanding): Reply {
    const found = findStandard(this.deps.standards, u.standardRef, u.words);
    if (!found) {
      return card(renderAnswerCard({
        title: "I couldn't tell which standard you mean",
        tone: null,
        lines: ['Name it by number ("standard 2.1") or by what it is about ("how long do I have to open a statement?").'],
        facts: [],
        quote: null,
        followUps: [{ title: 'Opening a statement', text: 'how long do I have to open a statement?' }],
      }));
    }
    const s = found;
    return card(renderAnswerCard({
      title: `${s.id}: ${s.title}`,
      tone: null,
      lines: [`Timescale: ${standardText(s).replace(/^standard [^,]+, /, '')}${s.direction === 'before' ? ' before the event' : ''}.`],
      facts: [
        { title: 'Who', value: s.owner.replace(/-/g, ' ') },
        ...(s.interpretation ? [{ title: 'Read as', value: s.interpretation }] : []),
      ],
      quote: { text: s.source.quote, source: `${s.source.document}, section ${s.source.section} (${s.source.ref})` },
      followUps: [],
    }));
  }

  private async statsAnswer(actor: Person, u: Understanding): Promise<Reply> {
    const cal = this.deps.calendar;
    const now = this.deps.now();
    const today = civilDay(cal, now);
    const date = civilDateOf(today);
    const from = u.range ? dayNumber(u.range.from) : epochDayOf({ year: date.year, month: date.month, day: 1 });
    const to = u.range ? dayNumber(u.range.to) : today;
    const window = { from: cal.midnight[cal.indexOfEpochDay(from)], to: cal.midnight[cal.indexOfEpochDay(to + 1)] };
    let scopeIds: string[] | null = null;
    let scopeName = 'the service';
    if (u.scope === 'me') {
      scopeIds = [actor.id];
      scopeName = 'you';
    } else if (u.scope === 'team') {
      const team = await this.deps.worklists.teamOf(actor.id);
      scopeIds = team.length > 0 ? team.map((p) => p.id) : [actor.id];
      scopeName = team.length > 0 ? 'your team' : 'you';
    }
    const statements: Statement[] = scopeIds === null
      ? await this.deps.store.statements.list({})
      : (await Promise.all(scopeIds.map((id) => this.deps.store.statements.list({ assigneeId: id })))).flat();
    const inRange = [...new Map(statements.filter((s) => s.sentAt >= window.from && s.sentAt < window.to).map((s) => [s.id, s])).values()];
    let opened = 0;
    let openedOnTime = 0;
    let overdueNow = 0;
    for (const s of inRange) {
      for (const o of await this.deps.store.obligations.listForStatement(s.id)) {
        if (o.standardId === 'momo.2.1' && o.status === 'met') {
          opened++;
          if ((o.completedAt ?? Infinity) <= o.due) openedOnTime++;
        }
        if (o.status === 'open' && now > o.due) overdueNow++;
      }
    }
    const period = `${shortDayName(from)}–${shortDayName(to)}`;
    return card(renderAnswerCard({
      title: `Statements for ${scopeName}, ${period}`,
      tone: null,
      lines: inRange.length === 0 ? ['No statements were sent in that time.'] : [],
      facts: [
        { title: 'Received', value: String(inRange.length) },
        { title: 'Still open', value: String(inRange.filter((s) => OPEN.includes(s.status) || s.status === 'queued').length) },
        { title: 'Opened within standard 2.1', value: opened === 0 ? '–' : `${openedOnTime} of ${opened} (${Math.round((100 * openedOnTime) / opened)}%)` },
        { title: 'Clocks overdue now', value: String(overdueNow) },
      ],
      quote: null,
      followUps: [],
    }));
  }

  // ---- flows ----------------------------------------------------------------------------

  private flowKey(actor: Person): string {
    return `conversation-flow:${actor.id}`;
  }

  private async loadFlow(actor: Person, now: number): Promise<FlowState | null> {
    const value = (await this.deps.store.settings.get(this.flowKey(actor))) as FlowState | null;
    if (!value || typeof value !== 'object' || !('flow' in value)) return null;
    if (now - value.startedAt > FLOW_TTL) {
      await this.clearFlow(actor);
      return null;
    }
    return value;
  }

  private async saveFlow(actor: Person, flow: FlowState): Promise<void> {
    await this.deps.store.settings.set(this.flowKey(actor), flow);
  }

  private async clearFlow(actor: Person): Promise<void> {
    await this.deps.store.settings.set(this.flowKey(actor), null);
  }

  private async startFlow(actor: Person, u: Understanding): Promise<Reply[]> {
    const flow: FlowState = {
      id: this.newId('fl'),
      flow: u.intent === 'away' ? 'away' : 'reassign',
      step: 'person',
      personId: null,
      targetId: null,
      from: u.from,
      until: null,
      startedAt: this.deps.now(),
    };
    const problems: string[] = [];
    if (u.person === null && (flow.flow === 'away' || isAboutOwnWork(u.words))) flow.personId = actor.id;
    await this.mergeSlots(flow, u, problems, actor);
    return this.nextStep(actor, flow, problems);
  }

  /** Fills the flow from what a message said; problems (unknown names, bad dates) are collected. */
  private async mergeSlots(flow: FlowState, u: Understanding, problems: string[], actor: Person): Promise<void> {
    if (u.person) {
      const found = await this.findPerson(u.person, problems);
      if (found) flow.personId = found.id;
    }
    if (u.target) {
      if (/^(me|myself)$/i.test(u.target)) flow.targetId = actor.id;
      else {
        const found = await this.findPerson(u.target, problems);
        if (found) flow.targetId = found.id;
      }
    }
    if (u.from) flow.from = u.from;
    if (u.until) this.setUntil(flow, u.until, problems);
  }

  private setUntil(flow: FlowState, until: string, problems: string[]): void {
    const today = civilDay(this.deps.calendar, this.deps.now());
    const day = dayNumber(until);
    if (day < today) problems.push(`${shortDayName(day)} has passed: give a date from today on.`);
    else if (day > today + 366) problems.push('That is more than a year away: give a date within the next year.');
    else if (flow.from && day < dayNumber(flow.from)) problems.push(`The end (${shortDayName(day)}) is before the start (${shortDayName(dayNumber(flow.from))}).`);
    else flow.until = until;
  }

  /** Whether a reply is exactly someone's name in the directory. */
  private async isSomeone(text: string): Promise<boolean> {
    const problems: string[] = [];
    return (await this.findPerson(text.replace(/[^\p{L}\s'-]/gu, ' ').trim(), problems)) !== null;
  }

  private async findPerson(name: string, problems: string[]): Promise<Person | null> {
    const wanted = name.toLowerCase().replace(/\s+/g, ' ').trim();
    const people = await this.deps.store.directory.listPeople();
    const full = people.filter((p) => p.name.toLowerCase() === wanted);
    const matches = full.length > 0 ? full : people.filter((p) => p.name.toLowerCase().split(' ').includes(wanted) || p.name.toLowerCase().startsWith(`${wanted} `));
    if (matches.length === 1) return matches[0];
    if (matches.length === 0) problems.push(`I can't find "${name}" in the directory.`);
    else problems.push(`More than one person is called "${name}": ${matches.map((p) => p.name).join(', ')}. Say the full name.`);
    return null;
  }

  private async continueFlow(actor: Person, flow: FlowState, text: string, u: Understanding): Promise<Reply[]> {
    if (CANCEL.test(text)) {
      await this.clearFlow(actor);
      return [{ kind: 'text', text: flow.flow === 'away' ? 'OK, nothing recorded.' : 'OK, nothing moved.' }];
    }
    const slots = this.deps.understander.slotsAs(u, text, this.deps.now(), flow.flow);
    // "Friday" in answer to "what is the last day?" is the end, not a one-day absence.
    if (flow.step === 'until' && slots.from !== null && slots.from === slots.until) slots.from = null;
    // A short reply that fits the question asked ("next Friday", "Ali", "no one") is its answer, whatever else it could mean.
    const short = u.words.split(' ').length <= 4;
    const fits =
      flow.step === 'until'
        ? findDates(u.words, civilDay(this.deps.calendar, this.deps.now())).length > 0 || NO_END.test(text)
        : flow.step !== 'confirm' && (looksLikeName(u.words) || NO_ONE.test(text) || (await this.isSomeone(text)));
    const otherQuestion = !(short && fits) && !['reassign', 'away', 'unknown', 'greeting', 'when'].includes(u.intent) && slots.person === null && slots.target === null && slots.until === null;
    if (otherQuestion) {
      await this.clearFlow(actor);
      const answer = await this.answer(actor, u);
      return [{ kind: 'text', text: `I've dropped the ${flow.flow === 'away' ? 'absence' : 'reassignment'} we were setting up.` }, ...answer];
    }
    const problems: string[] = [];
    const before = JSON.stringify(flow);
    await this.mergeSlots(flow, slots, problems, actor);
    const changed = JSON.stringify(flow) !== before;
    if (!changed && problems.length === 0) await this.answerStep(flow, text, problems, actor);
    return this.nextStep(actor, flow, problems);
  }

  /** A bare answer to the question asked last ("Priya", "Friday", "no one"). */
  private async answerStep(flow: FlowState, text: string, problems: string[], actor: Person): Promise<void> {
    const plain = text.replace(/[^\p{L}\p{N}\s'/.-]/gu, ' ').replace(/\s+/g, ' ').trim();
    if (flow.step === 'person' || flow.step === 'target') {
      if (flow.step === 'target' && flow.flow === 'away' && NO_ONE.test(plain)) {
        flow.targetId = 'none';
        return;
      }
      if (/^(me|myself|mine|my own|i am)$/i.test(plain)) {
        if (flow.step === 'person') flow.personId = actor.id;
        else flow.targetId = actor.id;
        return;
      }
      const name = plain.replace(/^(to|it'?s|its|for|with|cover is|cover)\s+/i, '').replace(/'s$/i, '');
      const found = await this.findPerson(name, problems);
      if (found) {
        if (flow.step === 'person') flow.personId = found.id;
        else flow.targetId = found.id;
      }
      return;
    }
    if (flow.step === 'until') {
      if (flow.flow === 'reassign' && NO_END.test(plain)) {
        flow.until = 'none';
        return;
      }
      const now = this.deps.now();
      const dates = findDates(normalise(plain).text, civilDay(this.deps.calendar, now));
      if (dates.length === 0) {
        problems.push(`I couldn't read a date in "${plain}". Try "Friday", "4 December" or "4/12".`);
        return;
      }
      const last = dates[dates.length - 1];
      if (dates.length > 1 || last.kind === 'period') flow.from = flow.flow === 'away' ? formatCivilDate(civilDateOf(dates[0].from)) : flow.from;
      this.setUntil(flow, formatCivilDate(civilDateOf(last.to)), problems);
      return;
    }
    problems.push('Press one of the buttons on the card above, or say "cancel". You can also change it: "to Ali instead", "until Monday".');
  }

  private async nextStep(actor: Person, flow: FlowState, problems: string[]): Promise<Reply[]> {
    const lead: Reply[] = problems.map((text) => ({ kind: 'text', text }));
    const person = flow.personId ? await this.deps.store.directory.getPerson(flow.personId) : null;
    if (person && !(await this.mayMove(actor, person, flow))) {
      await this.clearFlow(actor);
      return [
        ...lead,
        {
          kind: 'text',
          text: flow.flow === 'away'
            ? `Only ${person.name}, their manager or the participation team can record their absence.`
            : actor.id === person.id
              ? 'Statements are moved by your team manager or the participation team. Tell me when you are away instead ("I\'m on leave until Friday, Ali covering"), or use "Not for me" on a statement\'s card.'
              : `Only ${person.name}'s manager or the participation team can move their statements.`,
        },
      ];
    }
    const ask = async (step: FlowState['step'], question: string): Promise<Reply[]> => {
      flow.step = step;
      await this.saveFlow(actor, flow);
      return [...lead, { kind: 'text', text: question }];
    };
    if (flow.flow === 'reassign') {
      if (!person) return ask('person', "Whose statements should I move? Give me the person's name.");
      if (!flow.targetId || flow.targetId === 'none') return ask('target', `Who should ${person.name}'s statements go to?`);
      if (flow.targetId === person.id) {
        flow.targetId = null;
        return ask('target', `They are already ${person.name}'s. Who should they go to instead?`);
      }
      if (!flow.until) return ask('until', 'Until when? Say a date (the last day, e.g. "Friday" or "4 December"), or "for good".');
    } else {
      if (!person) return ask('person', 'Who is away? Say "me" or their name.');
      if (!flow.until || flow.until === 'none') return ask('until', `What is the last day ${person.id === actor.id ? 'you are' : `${person.name} is`} away? (e.g. "Friday" or "4 December")`);
      if (!flow.targetId) return ask('target', `Who is covering? Say a name, or "no one" (new statements then go to ${person.id === actor.id ? 'your' : 'their'} line manager).`);
    }
    flow.step = 'confirm';
    await this.saveFlow(actor, flow);
    return [...lead, card(await this.preview(actor, flow, person))];
  }

  private async mayMove(actor: Person, person: Person, flow: FlowState): Promise<boolean> {
    if (flow.flow === 'away') return new Permissions(this.deps.store.directory).mayRecordAbsenceFor(actor, person);
    if (actor.roles.includes('participation') || actor.roles.includes('admin')) return true;
    return (await this.deps.worklists.teamOf(actor.id)).some((p) => p.id === person.id);
  }

  private async preview(actor: Person, flow: FlowState, person: Person): Promise<AdaptiveCardJson> {
    const target = flow.targetId && flow.targetId !== 'none' ? await this.deps.store.directory.getPerson(flow.targetId) : null;
    const open = await this.deps.store.statements.list({ assigneeId: person.id, statuses: OPEN });
    const items = open.slice(0, MAX_PREVIEW).map((s) => `${s.child.reference} ${s.child.initials} · ${typeLabel(s.type)}`);
    const more = open.length > MAX_PREVIEW ? `and ${open.length - MAX_PREVIEW} more` : null;
    if (flow.flow === 'reassign') {
      const until = flow.until === 'none' || !flow.until ? null : shortDayName(dayNumber(flow.until));
      return renderConfirmCard({
        flowId: flow.id,
        title: `Move ${open.length} open statement${open.length === 1 ? '' : 's'} from ${person.name} to ${target?.name ?? '?'}?`,
        lines: [
          open.length === 0 ? `${person.name} has no open statements now.` : `Their clocks move with them; ${target?.name ?? 'the new worker'} gets each card.`,
          until ? `Until ${until}, new statements for ${person.name} go to ${target?.name} too. The moved ones stay with ${target?.name}.` : 'For good: new statements still go to them as usual.',
        ],
        items,
        more,
        choices: [{ title: open.length > 0 ? 'Move them' : 'Record the cover', choice: 'confirm' }],
        cancelTitle: 'Cancel',
      });
    }
    const from = flow.from ?? formatCivilDate(civilDateOf(civilDay(this.deps.calendar, this.deps.now())));
    const who = person.id === actor.id ? 'You are' : `${person.name} is`;
    const canMove = target !== null && open.length > 0 && (actor.roles.includes('participation') || actor.roles.includes('admin') || (await this.deps.worklists.teamOf(actor.id)).some((p) => p.id === person.id));
    return renderConfirmCard({
      flowId: flow.id,
      title: `${who} away ${shortDayName(dayNumber(from))} – ${shortDayName(dayNumber(flow.until as string))}`,
      lines: [
        target ? `Cover: ${target.name}. New statements go to ${target.name} while ${person.id === actor.id ? 'you are' : 'they are'} away.` : 'No cover: new statements go to the line manager while away.',
        open.length > 0 ? `${person.id === actor.id ? 'You have' : `${person.name} has`} ${open.length} open statement${open.length === 1 ? '' : 's'}${canMove ? '' : '; a manager or the participation team can move them'}.` : 'No open statements to hand over.',
      ],
      items: canMove ? items : [],
      more: canMove ? more : null,
      choices: [
        { title: 'Record it', choice: 'confirm' },
        ...(canMove ? [{ title: `Record it and move ${open.length === 1 ? 'it' : `all ${open.length}`} to ${firstName(target as Person)}`, choice: 'confirm-and-move' }] : []),
      ],
      cancelTitle: 'Cancel',
    });
  }

  private async flowPress(actor: Person, verb: string, data: Record<string, unknown>): Promise<ActionOutcome> {
    const now = this.deps.now();
    const flow = await this.loadFlow(actor, now);
    if (!flow || flow.id !== data.flowId) {
      return { replace: renderAnswerCard({ title: 'This has expired', tone: 'warning', lines: ['Nothing was changed. Ask me again to start over.'], facts: [], quote: null, followUps: [] }), send: [] };
    }
    await this.clearFlow(actor);
    if (verb === 'flow.cancel') {
      return { replace: renderAnswerCard({ title: 'Cancelled', tone: null, lines: ['Nothing was changed.'], facts: [], quote: null, followUps: [] }), send: [] };
    }
    const person = flow.personId ? await this.deps.store.directory.getPerson(flow.personId) : null;
    if (!person || flow.step !== 'confirm') return { replace: null, send: [{ kind: 'text', text: 'Something was missing, so nothing changed. Ask me again.' }] };
    const lines: string[] = [];
    const targetId = flow.targetId && flow.targetId !== 'none' ? flow.targetId : null;
    const target = targetId ? await this.deps.store.directory.getPerson(targetId) : null;
    const today = formatCivilDate(civilDateOf(civilDay(this.deps.calendar, now)));
    if (flow.until && flow.until !== 'none' && (flow.flow === 'away' || targetId)) {
      const recorded = await recordAbsence(this.deps.store, actor, { id: this.newId('ab'), personId: person.id, from: flow.from ?? today, until: flow.until, coverId: targetId }, now, this.newId('au'));
      lines.push(recorded.ok
        ? flow.flow === 'away' ? `Recorded: away until ${shortDayName(dayNumber(flow.until))}${target ? `, ${target.name} covering` : ''}.` : `Until ${shortDayName(dayNumber(flow.until))}, new statements for ${person.name} go to ${target?.name}.`
        : 'The absence could not be recorded: you may not act for them.');
    }
    if (targetId && (flow.flow === 'reassign' || data.choice === 'confirm-and-move')) {
      const open = await this.deps.store.statements.list({ assigneeId: person.id, statuses: OPEN });
      let moved = 0;
      const refused: string[] = [];
      for (const s of open) {
        const result = await this.deps.service.reassign(s.id, targetId, actor, 'message');
        if (result.ok) moved++;
        else refused.push(s.child.reference);
      }
      lines.push(`Moved ${moved} statement${moved === 1 ? '' : 's'} to ${target?.name}.`);
      if (refused.length > 0) lines.push(`Not moved (you may not move these): ${refused.join(', ')}.`);
    }
    return { replace: renderAnswerCard({ title: 'Done', tone: 'good', lines: lines.length > 0 ? lines : ['Nothing needed changing.'], facts: [], quote: null, followUps: [] }), send: [] };
  }
}

// ---- small helpers ------------------------------------------------------------------------

function card(c: AdaptiveCardJson): Reply {
  return { kind: 'card', card: c };
}

function firstName(p: Person): string {
  return p.name.split(' ')[0];
}

function civilDay(cal: WorkingCalendar, t: number): number {
  return cal.epochDay(cal.dayOf(t));
}

function dayNumber(iso: string): number {
  const d = parseCivilDate(iso);
  if (!d) throw new RangeError(`not a date: ${iso}`);
  return epochDayOf(d);
}

function typeLabel(type: string): string {
  return type.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

function listOf(u: Understanding): ListQuery {
  const kind = u.intent === 'overdue' || u.intent === 'team-overdue' ? 'overdue' : u.intent === 'unopened' ? 'unopened' : 'due';
  return { kind, from: kind === 'due' ? u.range?.from ?? null : null, to: kind === 'due' ? u.range?.to ?? null : null };
}

function listFromData(value: unknown): ListQuery {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const kind = v.kind === 'overdue' || v.kind === 'unopened' ? v.kind : 'due';
  const date = (x: unknown) => (typeof x === 'string' && parseCivilDate(x) ? x : null);
  return { kind, from: date(v.from), to: date(v.to) };
}

/** Titles and kind "nothing" words of a list. */
function listWords(list: ListQuery, cal: WorkingCalendar, now: number): { title: string; empty: string; teamEmpty: string } {
  if (list.kind === 'overdue') return { title: 'Overdue', empty: 'Nothing overdue. Well done.', teamEmpty: 'Nobody in the team has anything overdue.' };
  if (list.kind === 'unopened') return { title: 'Not opened yet', empty: 'You have opened every statement sent to you.', teamEmpty: 'Nothing unopened.' };
  const today = civilDay(cal, now);
  const from = list.from ? dayNumber(list.from) : today;
  const to = list.to ? dayNumber(list.to) : today + 6;
  const monday = mondayOf(today);
  let when: string;
  if (!list.from) when = 'in the next 7 days';
  else if (from === to) when = from === today ? 'today' : from === today + 1 ? 'tomorrow' : `on ${shortDayName(from)}`;
  else if (from === monday && to === monday + 6) when = 'this week';
  else if (from === monday + 7 && to === monday + 13) when = 'next week';
  else when = `${shortDayName(from)} – ${shortDayName(to)}`;
  return { title: `Due ${when}`, empty: `Nothing due ${when}.`, teamEmpty: `Nothing due ${when} for anyone in the team.` };
}

function followUpsAfter(kind: ListQuery['kind']): FollowUp[] {
  if (kind === 'overdue') return [{ title: 'Due this week', text: "what's due this week" }, { title: 'Not opened', text: "which statements haven't I opened" }];
  if (kind === 'unopened') return [{ title: 'Overdue', text: 'anything overdue?' }, { title: 'Due this week', text: "what's due this week" }];
  return [{ title: 'Overdue', text: 'anything overdue?' }, { title: 'Next week', text: "what's due next week" }];
}

function unitWords(q: NonNullable<Understanding['when']>): string {
  const names: Record<string, string> = { 'working-days': 'working day', 'working-hours': 'working hour', 'calendar-days': 'day', hours: 'hour', weeks: 'week', months: 'month' };
  return `${names[q.clock]}${q.amount === 1 ? '' : 's'}`;
}

function hoursWorked(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return m === 0 ? `${h} working hours` : `${h} h ${m} min of working time`;
}
