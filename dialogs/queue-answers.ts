import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { AnswerActionData } from '../cards/answer-action-data';
import { renderAnswerCard } from '../cards/answer-card';
import { queueItemModel } from '../cards/answer-view';
import { renderQueueCard } from '../cards/queue-card';
import { mayAssignFromQueue, maySeeQueue } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { DialogDeps } from './dialog-deps';
import { card, EXAMPLES, type ActionOutcome, type Reply } from './reply';

/** Queue entries on one card. */
const MAX_QUEUE_ITEMS = 30;

/**
 * "What's in the queue?": the participation team's unassigned statements with standard
 * 1.1's clock and the cards that could not be delivered, and the form that assigns them
 * (for those who may assign from the queue).
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

  /** "Assign" on the queue card: the statement service decides, from the Teams identity of whoever pressed. */
  async assign(actor: Person, data: AnswerActionData<'queue.assign'>): Promise<ActionOutcome> {
    const { queueStatementId: statementId, queuePersonId: personId } = data;
    if (!statementId || !personId) return { replace: await this.card(actor, 'Choose a statement and a person, then press Assign.'), send: [] };
    const { store, service } = this.deps;
    const statement = await store.statements.get(statementId);
    const result = statement?.assigneeIds.length ? await service.reassign(statementId, personId, actor, 'card') : await service.assign(statementId, personId, actor, 'card');
    const person = await store.directory.getPerson(personId);
    const notice = result.ok
      ? `${statement?.child.reference ?? 'The statement'} is now with ${person?.name ?? 'them'}.`
      : result.code === 'NOT_ALLOWED' ? 'Only the participation team can assign from the queue.' : 'That statement could not be assigned: it may have been assigned already.';
    return { replace: await this.card(actor, notice), send: [] };
  }

  private async card(actor: Person, notice: string | null): Promise<AdaptiveCardJson> {
    const { store, calendar, now } = this.deps;
    const entries = await this.deps.worklists.queue();
    const shown = entries.slice(0, MAX_QUEUE_ITEMS);
    const people = mayAssignFromQueue(actor) ? await this.deps.permissions.assignableBy(actor) : [];
    const items = await Promise.all(shown.map(async (e) => {
      const undeliveredTo = await Promise.all(e.undelivered.map(async (d) => (await store.directory.getPerson(d.personId))?.name ?? 'someone'));
      return queueItemModel(e, e.clock ? this.byId.get(e.clock.standardId) : undefined, undeliveredTo, calendar, now());
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
}
