import { renderAnswerCard } from '../cards/answer-card';
import { backOnDay, civilDayName } from '../cards/local-time';
import { currentAndComing, whoIsAway } from '../domain/absences';
import { seesWholeService } from '../domain/permissions';
import type { Absence, Person } from '../domain/person';
import type { DialogDeps } from './dialog-deps';
import type { Flows } from './flows';
import { dayNumber, localDate, localEpochDay } from './list-query';
import { colleagueNamed, findPerson } from './people';
import { card, text, type Reply } from './reply';
import type { Understanding } from './understand';
import { civilDateOf, formatCivilDate } from '../standards';

/** How far ahead "who's off?" looks: today and the next two weeks. */
const AHEAD_DAYS = 13;

/**
 * Absences people can see and change: "who's off?" for a manager (their team; the service
 * for the head of service and the participation team), "am I down as on leave?", and
 * "cancel my leave" / "I'm back", which preview the change (flows.ts) before making it.
 *
 * @example
 * const replies = await new AbsenceAnswers(deps, flows).answer(priya, understanding);
 */
export class AbsenceAnswers {
  constructor(
    private readonly deps: DialogDeps,
    private readonly flows: Flows,
  ) {}

  async answer(actor: Person, u: Understanding): Promise<Reply[]> {
    switch (u.absence) {
      case 'who':
        return u.person !== null ? this.isAway(actor, u.person) : this.who(actor);
      case 'mine':
        return this.mine(actor);
      case 'cancel':
      case 'back':
        return this.withdraw(actor, u);
      default:
        return this.flows.start(actor, u);
    }
  }

  private async who(actor: Person): Promise<Reply[]> {
    const { store, calendar } = this.deps;
    const today = localDate(calendar, this.deps.now());
    const last = formatCivilDate(civilDateOf(localEpochDay(calendar, this.deps.now()) + AHEAD_DAYS));
    const away = await whoIsAway(store, actor, today, last);
    if (away === null) {
      return [card(renderAnswerCard({
        title: 'Team absences are for managers',
        tone: null,
        lines: ['You can see your own: ask "am I down as on leave?". Your manager sees who in the team is away.'],
        facts: [],
        quote: null,
        followUps: [{ title: 'My leave', text: 'am I down as on leave?' }],
      }))];
    }
    const now = away.filter((a) => a.absence.from <= today);
    const coming = away.filter((a) => a.absence.from > today);
    const line = (a: { person: Person; absence: Absence; cover: Person | null }) =>
      `${a.person.name}: ${this.span(a.absence, today)}${a.cover ? `, ${a.cover.name} covering` : ', no cover (new statements go to their line manager)'}`;
    return [card(renderAnswerCard({
      title: away.length === 0 ? 'Nobody is away' : `${now.length} away today${coming.length > 0 ? `, ${coming.length} more in the next two weeks` : ''}`,
      tone: null,
      lines: away.length === 0 ? [`Nobody ${seesWholeService(actor) ? 'in the service' : 'you manage'} is recorded as away today or in the next two weeks.`] : [...now.map(line), ...(coming.length > 0 ? ['Coming up:', ...coming.map(line)] : [])],
      facts: [],
      quote: null,
      followUps: [{ title: "Team's due list", text: "what's due for my team this week" }],
    }))];
  }

  /** "Is Hana away?", "when is Ali back?": one colleague's absences, to someone who may see their work. */
  private async isAway(actor: Person, name: string): Promise<Reply[]> {
    const found = await colleagueNamed(this.deps.permissions, this.deps.store.directory, actor, name);
    if (found.person === null) return [text(found.refusal)];
    if (found.person.id === actor.id) return this.mine(actor);
    const person = found.person;
    const { store, calendar } = this.deps;
    const today = localDate(calendar, this.deps.now());
    const absences = await currentAndComing(store, person.id, today);
    const covers = await Promise.all(absences.map(async (a) => (a.coverId ? (await store.directory.getPerson(a.coverId))?.name ?? null : null)));
    return [card(renderAnswerCard({
      title: absences.length === 0 ? `${person.name} is not down as away` : absences.some((a) => a.from <= today) ? `${person.name} is away` : `${person.name} has leave coming up`,
      tone: null,
      lines: absences.length === 0
        ? ['No leave or absence is recorded for them from today on.']
        : absences.map((a, i) => `${person.name} is ${this.span(a, today)}${covers[i] ? `, ${covers[i]} covering` : ', no cover (new statements go to their line manager)'}.`),
      facts: [],
      quote: null,
      followUps: [{ title: "Who's off?", text: "who's off?" }],
    }))];
  }

  private async mine(actor: Person): Promise<Reply[]> {
    const { store, calendar } = this.deps;
    const today = localDate(calendar, this.deps.now());
    const absences = await currentAndComing(store, actor.id, today);
    const covers = await Promise.all(absences.map(async (a) => (a.coverId ? (await store.directory.getPerson(a.coverId))?.name ?? null : null)));
    return [card(renderAnswerCard({
      title: absences.length === 0 ? 'You are not down as away' : absences.some((a) => a.from <= today) ? 'You are down as away' : 'You have leave coming up',
      tone: null,
      lines:
        absences.length === 0
          ? ['No leave or absence is recorded for you from today on. Tell me when you are away: "I\'m on leave until Friday, Ali covering".']
          : absences.map((a, i) => `${this.span(a, today)}${covers[i] ? `, ${covers[i]} covering` : ', no cover'}.`),
      facts: [],
      quote: null,
      followUps: absences.length === 0 ? [] : [{ title: 'Cancel my leave', text: 'cancel my leave' }],
    }))];
  }

  /** "cancel my leave", "cancel Sam's leave", "I'm back": the preview of what changes. */
  private async withdraw(actor: Person, u: Understanding): Promise<Reply[]> {
    const { store, calendar } = this.deps;
    const today = localDate(calendar, this.deps.now());
    const problems: string[] = [];
    const person = u.person ? await findPerson(store.directory, u.person, problems) : actor;
    if (!person) return problems.map(text);
    const absences = await currentAndComing(store, person.id, today);
    const self = person.id === actor.id;
    const chosen = u.absence === 'back' ? absences.filter((a) => a.from <= today) : this.chosen(absences, u);
    if (chosen.length === 0) {
      return [text(u.absence === 'back'
        ? `${self ? 'You are' : `${person.name} is`} not down as away today, so there is nothing to end. ${absences.length > 0 ? `(Coming up: ${this.span(absences[0], today)}.)` : ''}`.trim()
        : `${self ? 'You have' : `${person.name} has`} no leave recorded from today on, so there is nothing to cancel.`)];
    }
    return this.flows.startWithdraw(actor, person, chosen, u.absence === 'back');
  }

  /** The absences a "cancel" names by date ("cancel my leave next week"), else all to come. */
  private chosen(absences: Absence[], u: Understanding): Absence[] {
    if (!u.range) return absences;
    const { from, to } = u.range;
    const overlapping = absences.filter((a) => a.from <= to && a.until >= from);
    return overlapping.length > 0 ? overlapping : absences;
  }

  private span(a: Absence, today: string): string {
    const until = civilDayName(dayNumber(a.until));
    const back = backOnDay(this.deps.calendar, a.until);
    return a.from <= today ? `away until ${until} (back ${back})` : `away ${civilDayName(dayNumber(a.from))} – ${until} (back ${back})`;
  }
}
