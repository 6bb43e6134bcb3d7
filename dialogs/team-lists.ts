import { lowerFirst } from '../cards/sentence-case';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { AnswerActionData } from '../cards/answer-action-data';
import { UNALLOCATED_ROW, type ListQuery } from '../cards/answer-card-models';
import { dayGroups, listWords, teamRowModels, UNALLOCATED_NAME, workItemModel } from '../cards/answer-view';
import { renderTeamCard } from '../cards/team-card';
import { renderTeamPersonCard } from '../cards/team-person-card';
import { seesWholeService } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { WorkItem } from '../domain/worklists';
import type { DialogDeps } from './dialog-deps';
import { listOf, windowOf } from './list-query';
import { itemsOf, MAX_ITEMS, type OwnLists } from './own-lists';
import { colleagueNamed } from './people';
import { card, text, type ActionOutcome, type Reply } from './reply';
import type { Understanding } from './understand';

/**
 * "What's due for my team?", "who is overdue?" (and "across the service"): one row per
 * person the asker may see the lists of (domain/permissions.ts), a drill-down into one
 * person's items, and back. Anyone who manages nobody gets their own list, with a note —
 * never other people's data.
 *
 * @example
 * const replies = await new TeamLists(deps, ownLists).answer(priya, understanding);
 */
export class TeamLists {
  constructor(
    private readonly deps: DialogDeps,
    private readonly own: OwnLists,
  ) {}

  async answer(actor: Person, u: Understanding): Promise<Reply[]> {
    const list = listOf(u);
    if (u.person !== null) return [await this.forPerson(actor, u.person, list)];
    const serviceWide = u.scope === 'all' && seesWholeService(actor);
    const people = await this.peopleOf(actor, serviceWide);
    if (people.length === 0) {
      const note = u.scope === 'all'
        ? 'Lists for the whole service are for the head of service and the participation team, so here is your own.'
        : 'Team lists are for team managers, and nobody reports to you in the directory, so here is your own.';
      return [card(await this.own.card(actor, list, note))];
    }
    return [card(await this.card(actor, people, list, serviceWide))];
  }

  /** "Back" from a drill-down: the team summary again (the service's, for those who see it and manage nobody). */
  async back(actor: Person, data: AnswerActionData<'team.back'>): Promise<ActionOutcome> {
    const serviceWide = seesWholeService(actor) && (await this.deps.permissions.managedBy(actor.id)).length === 0;
    const people = await this.peopleOf(actor, serviceWide);
    if (people.length === 0) return { replace: await this.own.card(actor, data.list, 'Team lists are for team managers, so here is your own.'), send: [] };
    return { replace: await this.card(actor, people, data.list, serviceWide), send: [] };
  }

  /** One person's items, read-only, for someone who may see their list; or the team's case work nobody holds. */
  async person(actor: Person, data: AnswerActionData<'team.person'>): Promise<ActionOutcome> {
    const { list } = data;
    if (data.personId === UNALLOCATED_ROW) return this.unallocated(actor, list);
    const person = data.personId ? await this.deps.store.directory.getPerson(data.personId) : null;
    if (!person || !(await this.deps.permissions.maySeeListOf(actor, person))) return NOT_YOURS;
    return { replace: await this.personCard(actor, person, list), send: [] };
  }

  /** "What's overdue for Ali?", "show me Sam's statements": that person's list, to someone who may see it; a polite refusal to anyone else. */
  private async forPerson(actor: Person, name: string, list: ListQuery): Promise<Reply> {
    const found = await colleagueNamed(this.deps.permissions, this.deps.store.directory, actor, name);
    if (found.person === null) return text(found.refusal);
    if (found.person.id === actor.id) return card(await this.own.card(actor, list, null));
    return card(await this.personCard(actor, found.person, list));
  }

  /** One person's items, read-only, with Reassign… on their statements for whoever may move them. */
  private async personCard(actor: Person, person: Person, list: ListQuery): Promise<AdaptiveCardJson> {
    const words = listWords(list, this.deps.calendar, this.deps.now());
    const reassign = await this.deps.permissions.mayMoveStatementsOf(actor, person);
    return this.drillDown(`${person.name}: ${lowerFirst(words.title)}`, await itemsOf(this.deps, person.id, list), list, words.empty.replace(/^Nothing/, 'Nothing for them'), reassign);
  }

  /** The drill-down of the "Not allocated" row: the case work of the asker's team that nobody in the directory holds, recomputed from who they are. */
  private async unallocated(actor: Person, list: ListQuery): Promise<ActionOutcome> {
    const serviceWide = seesWholeService(actor) && (await this.deps.permissions.managedBy(actor.id)).length === 0;
    const people = await this.peopleOf(actor, serviceWide);
    if (people.length === 0) return NOT_YOURS;
    const { calendar, now } = this.deps;
    const items = await this.deps.worklists.unallocated([actor, ...people], list.kind === 'overdue' ? null : windowOf(list, calendar, now()));
    const words = listWords(list, calendar, now());
    return { replace: this.drillDown(`${UNALLOCATED_NAME}: ${lowerFirst(words.title)}`, items, list, words.empty.replace(/^Nothing/, 'Nothing unallocated'), false), send: [] };
  }

  /** A read-only list of work items; `reassign` offers Reassign… on its statements. */
  private drillDown(title: string, items: WorkItem[], list: ListQuery, empty: string, reassign: boolean): AdaptiveCardJson {
    const { calendar, now } = this.deps;
    const shown = items.slice(0, MAX_ITEMS);
    return renderTeamPersonCard({
      title,
      subtitle: items.length === 0 ? null : items.length === 1 ? '1 item' : `${items.length} items, soonest first`,
      empty: items.length === 0 ? empty : null,
      groups: dayGroups(shown.map((item) => workItemModel(item, false, calendar, now())), calendar, now()),
      more: items.length > shown.length ? `and ${items.length - shown.length} more after these` : null,
      list,
      reassign,
    });
  }

  /** Everyone but the asker for a service-wide list, else the people they manage. */
  private async peopleOf(actor: Person, serviceWide: boolean): Promise<Person[]> {
    if (!serviceWide) return this.deps.permissions.managedBy(actor.id);
    return (await this.deps.store.directory.listPeople()).filter((p) => p.id !== actor.id);
  }

  private async card(actor: Person, people: Person[], list: ListQuery, serviceWide: boolean): Promise<AdaptiveCardJson> {
    const { calendar, now } = this.deps;
    const kind = list.kind === 'overdue' ? 'overdue' : 'due';
    const window = kind === 'due' ? windowOf(list, calendar, now()) : null;
    const [rows, unallocated] = await Promise.all([
      this.deps.worklists.teamSummary(people, kind, window),
      // The cases of the team: those the asker or anyone they manage holds a role on.
      this.deps.worklists.unallocatedRow([actor, ...people], kind, window),
    ]);
    const words = listWords(list, calendar, now());
    const busy = rows.filter((r) => r.count > 0);
    const team = actor.teamId ? await this.deps.store.directory.getTeam(actor.teamId) : null;
    return renderTeamCard({
      title: `${serviceWide ? 'Service' : 'Team'} ${lowerFirst(words.title)}`,
      subtitle: `${serviceWide ? 'Every team' : team?.name ?? 'Your team'} · ${people.length} ${people.length === 1 ? 'person' : 'people'}`,
      note: null,
      empty: busy.length === 0 && unallocated.count === 0 ? (serviceWide ? words.teamEmpty.replace('in the team', 'in the service') : words.teamEmpty) : null,
      rows: teamRowModels(busy, unallocated, calendar, now()),
      list,
      followUps: kind === 'due' ? [{ title: "Who's overdue?", text: "what's overdue in my team" }] : [{ title: 'Due this week', text: "what's due for my team this week" }],
    });
  }
}

const NOT_YOURS: ActionOutcome = {
  replace: null,
  send: [{ kind: 'text', text: "You can only see the lists of people you manage. Ask me \"what's due for my team\" for a fresh card." }],
};
