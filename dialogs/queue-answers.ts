import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { AnswerActionData } from '../cards/answer-action-data';
import { renderAnswerCard } from '../cards/answer-card';
import type { PersonChoice, QueueCardModel } from '../cards/answer-card-models';
import { queueItemModel } from '../cards/answer-view';
import { civilDayName } from '../cards/local-time';
import { renderQueueCard } from '../cards/queue-card';
import { moveRefusalText, refusalText } from '../cards/refusal-words';
import { renderReassignCard } from '../cards/reassign-card';
import { mayAssignFromQueue, maySeeQueue } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { Statement } from '../domain/statement';
import type { DialogDeps } from './dialog-deps';
import { dayNumber, localDate } from './list-query';
import { card, EXAMPLES, text, type ActionOutcome, type Reply } from './reply';

/** Queue entries on one card. */
const MAX_QUEUE_ITEMS = 30;
/** People offered without typing in a picker (clients without dynamic type-ahead); typing searches everyone. */
export const MAX_STATIC_PEOPLE = 40;

/**
 * "What's in the queue?": the participation team's unassigned statements, oldest first,
 * with the clock running on each (momo 1.1, or 1.1 again from a hand-back, with who
 * handed it back and why), and the cards that could not be delivered; the form that
 * assigns them with a people picker of everyone who may take a statement; a warning before
 * assigning to someone away; "Give back" for a hand-back; and "Reassign…" one statement.
 *
 * @example
 * const replies = await new QueueAnswers(deps).answer(pat);
 */
export class QueueAnswers {
  private readonly byId: Map<string, DialogDeps['standards'][number]>;

  constructor(private readonly deps: DialogDeps) {
    this.byId = new Map(deps.standards.map((s) => [s.id, s]));
  }

  async answer(actor: Person): Promise<Reply[]> {
    if (!maySeeQueue(actor)) {
      return [card(renderAnswerCard({
        title: 'The queue is for the participation team',
        tone: null,
        lines: ['Statements that nobody has yet are assigned by the participation team. Your own work is one question away.'],
        facts: [],
        quote: null,
        followUps: EXAMPLES.slice(0, 2),
      }))];
    }
    return [card(await this.card(actor, null))];
  }

  /**
   * "Assign" on the queue card: the statement service decides, from the Teams identity of
   * whoever pressed. Someone away is warned about first (`confirmAway` goes on); two
   * officers at once — the second is told who has it.
   */
  async assign(actor: Person, data: AnswerActionData<'queue.assign'>): Promise<ActionOutcome> {
    const { queueStatementId: statementId, queuePersonId: personId } = data;
    if (!statementId || !personId) return { replace: await this.card(actor, 'Choose a statement and a person, then press Assign.'), send: [] };
    const { store, service } = this.deps;
    const statement = await store.statements.get(statementId);
    const person = await store.directory.getPerson(personId);
    if (!statement || !person) return { replace: await this.card(actor, refusalText(statement ? 'UNKNOWN_PERSON' : 'STATEMENT_NOT_FOUND')), send: [] };
    if (!data.confirmAway) {
      const warning = await this.awayWarning(statement, person);
      if (warning) return { replace: await this.card(actor, null, warning), send: [] };
    }
    const result = statement.assigneeIds.length > 0 ? await service.reassign(statementId, personId, actor, 'card') : await service.assign(statementId, personId, actor, 'card');
    let notice: string;
    if (result.ok) notice = `${statement.child.reference} is now with ${person.name}.`;
    else if (result.code === 'ALREADY_ASSIGNED') notice = await this.alreadyAssigned(statement, result.holderIds ?? []);
    else if (result.code === 'NOT_ALLOWED') notice = 'Only the participation team can assign from the queue.';
    else notice = 'That statement could not be assigned: it may have been assigned already.';
    return { replace: await this.card(actor, notice), send: [] };
  }

  /** "Give back to Sam": the hand-back undone, while the statement still waits. */
  async undo(actor: Person, data: AnswerActionData<'handback.undo'>): Promise<ActionOutcome> {
    const statement = data.statementId ? await this.deps.store.statements.get(data.statementId) : null;
    if (!statement) return { replace: null, send: [text(refusalText('STATEMENT_NOT_FOUND'))] };
    const result = await this.deps.service.undoHandBack(statement.id, actor, 'card');
    const names = result.ok ? await this.namesOf(result.statement.assigneeIds) : [];
    const notice = result.ok
      ? `${statement.child.reference} is back with ${names.join(' and ')}, with the deadlines it had.`
      : result.code === 'NOT_HANDED_BACK' ? await this.alreadyAssigned(statement, result.holderIds ?? []) : refusalText(result.code);
    if (!maySeeQueue(actor)) return { replace: null, send: [text(notice)] };
    return { replace: await this.card(actor, notice), send: [] };
  }

  /**
   * "Reassign…" on one statement (a list, the queue): with nobody chosen yet, the people
   * picker; with someone chosen, the preview (flows.ts), warning if they are away.
   */
  async reassignCard(actor: Person, statementId: string, notice: string | null = null): Promise<ActionOutcome> {
    const { store, calendar } = this.deps;
    const statement = statementId ? await store.statements.get(statementId) : null;
    const today = localDate(calendar, this.deps.now());
    const visible = statement && (statement.status === 'queued' ? mayAssignFromQueue(actor) : await this.deps.permissions.maySeeStatement(actor, statement, today));
    if (!statement || !visible) return { replace: null, send: [text(refusalText('STATEMENT_NOT_FOUND'))] };
    const people = await this.peopleFor(actor, statement);
    if (people.length === 0) return { replace: null, send: [text(moveRefusalText('NOT_ALLOWED', { holders: await this.namesOf(statement.assigneeIds), youHoldIt: statement.assigneeIds.includes(actor.id) }))] };
    const holders = await this.namesOf(statement.assigneeIds);
    return {
      replace: null,
      send: [card(renderReassignCard({
        statementId: statement.id,
        title: `Reassign ${statement.child.reference} · ${statement.child.initials}`,
        lines: [holders.length > 0 ? `It is with ${holders.join(' and ')}.` : 'It is waiting in the queue.', 'Who should it go to? Type a name or choose one.'],
        people,
        notice,
      }))],
    };
  }

  /** The people offered without typing: everyone who may take it, by name, at most {@link MAX_STATIC_PEOPLE}. */
  async peopleFor(actor: Person, statement: Statement | null): Promise<PersonChoice[]> {
    const people = (await this.deps.permissions.assignableBy(actor)).filter((p) => !statement || !statement.assigneeIds.includes(p.id));
    return (await choicesOf(this.deps, people)).slice(0, MAX_STATIC_PEOPLE);
  }

  private async card(actor: Person, notice: string | null, awayWarning: QueueCardModel['awayWarning'] = null): Promise<AdaptiveCardJson> {
    const { store, calendar, now } = this.deps;
    const entries = await this.deps.worklists.queue();
    const shown = entries.slice(0, MAX_QUEUE_ITEMS);
    const assigns = mayAssignFromQueue(actor);
    const people = assigns ? await this.peopleFor(actor, null) : [];
    const items = await Promise.all(shown.map(async (e) => {
      const undeliveredTo = await Promise.all(e.undelivered.map(async (d) => (await store.directory.getPerson(d.personId))?.name ?? 'someone'));
      const handedBackBy = e.handedBack ? (await store.directory.getPerson(e.handedBack.byId))?.name ?? null : null;
      const item = queueItemModel(e, e.clock ? this.byId.get(e.clock.standardId) : undefined, undeliveredTo, handedBackBy, calendar, now());
      return assigns || e.handedBack?.byId === actor.id ? item : { ...item, undo: null };
    }));
    return renderQueueCard({
      title: 'Unassigned statements',
      subtitle: notice ?? (entries.length === 0 ? null : `${entries.length} waiting, oldest first`),
      empty: entries.length === 0 ? 'The queue is empty: every statement has someone. 🎉' : null,
      items,
      more: entries.length > shown.length ? `and ${entries.length - shown.length} more after these` : null,
      assignees: people,
      awayWarning,
      followUps: [],
    });
  }

  /** "Ali Hassan is away until Fri 27 Nov (Sam Patel covering): assign to them anyway?" — null when they are in. */
  private async awayWarning(statement: Statement, person: Person): Promise<QueueCardModel['awayWarning']> {
    const { store, calendar } = this.deps;
    const today = localDate(calendar, this.deps.now());
    const [absence] = await store.directory.listAbsences(person.id, today);
    if (!absence) return null;
    const cover = absence.coverId ? await store.directory.getPerson(absence.coverId) : null;
    return {
      text: `${person.name} is away until ${civilDayName(dayNumber(absence.until))}${cover ? `, ${cover.name} covering` : ''}. Assign ${statement.child.reference} to them anyway${cover ? `, or to ${cover.name}` : ''}?`,
      statementId: statement.id,
      personId: person.id,
      coverId: cover?.id ?? null,
      coverTitle: cover ? `Assign to ${cover.name}` : null,
    };
  }

  /** "Jo Green assigned CR-Q to Ali Hassan a moment ago, so nothing changed." */
  private async alreadyAssigned(statement: Statement, holderIds: string[]): Promise<string> {
    const audit = await this.deps.store.audit.listForStatement(statement.id);
    const last = [...audit].reverse().find((e) => e.action === 'statement-assigned' || e.action === 'statement-reassigned' || e.action === 'statement-hand-back-undone');
    const by = last?.actor.kind === 'person' ? (await this.deps.store.directory.getPerson(last.actor.id))?.name ?? null : null;
    const holders = await this.namesOf(holderIds);
    return `${by ?? 'Someone'} assigned ${statement.child.reference} to ${holders.join(' and ') || 'someone'} a moment ago, so nothing changed.`;
  }

  private namesOf(ids: string[]): Promise<string[]> {
    return Promise.all(ids.map(async (id) => (await this.deps.store.directory.getPerson(id))?.name ?? 'someone no longer in the directory'));
  }
}

/**
 * People as picker choices: `Sam Patel · Riverside children in care`, or their role for
 * someone in no team (`Hana Lewis · head of service`).
 *
 * @example
 * await choicesOf(deps, [sam]); // [{ title: 'Sam Patel · Riverside children in care', value: 'p_sam' }]
 */
export async function choicesOf(deps: Pick<DialogDeps, 'store'>, people: Person[]): Promise<PersonChoice[]> {
  const teams = new Map((await deps.store.directory.listTeams()).map((t) => [t.id, t.name]));
  return people.map((p) => ({ title: `${p.name} · ${(p.teamId && teams.get(p.teamId)) || ROLE_TITLES[p.roles[0]] || 'no team'}`, value: p.id }));
}

const ROLE_TITLES: Readonly<Record<string, string>> = {
  worker: 'worker',
  manager: 'manager',
  participation: 'participation team',
  'complaints-officer': 'complaints officer',
  'head-of-service': 'head of service',
  'duty-manager': 'duty manager',
  admin: 'administrator',
};
