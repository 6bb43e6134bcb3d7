import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { AnswerActionData } from '../cards/answer-action-data';
import type { FollowUp, ListQuery } from '../cards/answer-card-models';
import { dayGroups, listWords, workItemModel } from '../cards/answer-view';
import { renderWorklistCard } from '../cards/worklist-card';
import type { Person } from '../domain/person';
import { holdsStatement } from '../domain/permissions';
import type { WorkItem } from '../domain/worklists';
import type { DialogDeps } from './dialog-deps';
import { windowOf } from './list-query';
import type { ActionOutcome } from './reply';

/** Items on one list card: Teams' 28 KB limit fits about fifteen with their buttons. */
export const MAX_ITEMS = 12;

/**
 * A person's open items in a list, soonest (or most overdue) first: one per statement.
 *
 * @example
 * await itemsOf(deps, 'p_sam', { kind: 'overdue', from: null, to: null });
 */
export async function itemsOf(deps: DialogDeps, personId: string, list: ListQuery): Promise<WorkItem[]> {
  if (list.kind === 'overdue') return onePerStatement(await deps.worklists.overdue(personId));
  if (list.kind === 'unopened') return (await deps.worklists.unopened(personId)).flatMap((u) => (u.next ? [u.next] : []));
  return onePerStatement(await deps.worklists.due(personId, windowOf(list, deps.calendar, deps.now())));
}

/**
 * One item per statement, its first clock in the list's order: a statement is one thing to
 * do next, not one row per standard. Case and staff deadlines are each their own item.
 */
function onePerStatement(items: WorkItem[]): WorkItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (item.subject !== 'statement') return true;
    if (seen.has(item.statement.id)) return false;
    seen.add(item.statement.id);
    return true;
  });
}

/** "3 statements, soonest first" when the list is only statements; "5 items, …" once case or staff work is among them. */
function countLine(items: WorkItem[]): string | null {
  if (items.length === 0) return null;
  const noun = items.every((item) => item.subject === 'statement') ? 'statement' : 'item';
  return items.length === 1 ? `1 ${noun}` : `${items.length} ${noun}s, soonest first`;
}

/**
 * "What's due this week?", "anything overdue?", "which haven't I opened?": the asker's
 * own items by local day, each with its next action; and the presses on that list
 * (Download, Acknowledge, Show card), which show the list again.
 *
 * @example
 * const card = await new OwnLists(deps).card(sam, { kind: 'due', from: null, to: null }, null);
 */
export class OwnLists {
  constructor(private readonly deps: DialogDeps) {}

  /** A worker's list; `note` explains why they got their own list instead of what they asked, `notice` what a press did. */
  async card(actor: Person, list: ListQuery, note: string | null, notice: string | null = null): Promise<AdaptiveCardJson> {
    const { calendar, now } = this.deps;
    const items = await itemsOf(this.deps, actor.id, list);
    const shown = items.slice(0, MAX_ITEMS);
    const words = listWords(list, calendar, now());
    return renderWorklistCard({
      title: words.title,
      subtitle: countLine(items),
      note: notice ? { text: notice, tone: 'good' } : note ? { text: note, tone: 'warning' } : null,
      empty: items.length === 0 ? words.empty : null,
      groups: dayGroups(shown.map((item) => workItemModel(item, true, calendar, now())), calendar, now()),
      more: items.length > shown.length ? `and ${items.length - shown.length} more after these` : null,
      list,
      followUps: followUpsAfter(list.kind, words.title === 'Due next week'),
    });
  }

  /** A press on one item of the asker's own list: only their own statements, from their Teams identity. */
  async act(actor: Person, data: AnswerActionData<'worklist.act'>): Promise<ActionOutcome> {
    const { list, statementId } = data;
    const statement = statementId ? await this.deps.store.statements.get(statementId) : null;
    if (!statement || !holdsStatement(actor, statement)) {
      return { replace: await this.card(actor, list, 'That statement is no longer yours, so I have refreshed your list.'), send: [] };
    }
    if (data.act === 'acknowledge') {
      const result = await this.deps.service.acknowledge(statementId, actor, 'card');
      const notice = result.ok ? `Acknowledged ${statement.child.reference}. Thank you.` : 'Nothing changed: it could not be acknowledged now.';
      return { replace: await this.card(actor, list, null, notice), send: [] };
    }
    if (data.act === 'download' || data.act === 'show') {
      return { replace: await this.card(actor, list, null), send: [{ kind: 'statement', statementId, download: data.act === 'download' }] };
    }
    return { replace: await this.card(actor, list, null), send: [] };
  }
}

/** The next questions a list offers: never the one it answers ("Due next week" offers this week instead). */
function followUpsAfter(kind: ListQuery['kind'], nextWeek: boolean): FollowUp[] {
  if (kind === 'overdue') return [{ title: 'Due this week', text: "what's due this week" }, { title: 'Not opened', text: "which statements haven't I opened" }];
  if (kind === 'unopened') return [{ title: 'Overdue', text: 'anything overdue?' }, { title: 'Due this week', text: "what's due this week" }];
  return [{ title: 'Overdue', text: 'anything overdue?' }, nextWeek ? { title: 'This week', text: "what's due this week" } : { title: 'Next week', text: "what's due next week" }];
}
