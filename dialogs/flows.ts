import { z } from 'zod';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { AnswerActionData } from '../cards/answer-action-data';
import { renderAnswerCard } from '../cards/answer-card';
import { statementLine } from '../cards/answer-view';
import { renderConfirmCard } from '../cards/confirm-card';
import { civilDayName } from '../cards/local-time';
import { recordAbsence } from '../domain/absences';
import type { Person } from '../domain/person';
import { OPEN_STATUSES } from '../domain/statement';
import { civilDateOf, formatCivilDate } from '../standards';
import type { DialogDeps } from './dialog-deps';
import { findDates } from './dates';
import { firstName } from './help-answers';
import { dayNumber, localDate, localEpochDay } from './list-query';
import { normalise } from './normalise';
import { card, text, type ActionOutcome, type Reply } from './reply';
import { isAboutOwnWork, looksLikeName, type Understanding } from './understand';

/** Statements listed in a flow's preview. */
const MAX_PREVIEW = 8;
/** A half-finished flow is forgotten after this long (seconds). */
const FLOW_TTL = 30 * 60;
const CANCEL = /^\s*(cancel|stop|never ?mind|forget it|no thanks|abort|quit|exit|no,? cancel)\b/i;
const NO_END = /\b(for good|permanently|no end|indefinitely|open ended|until further notice|no end date)\b/i;
const NO_ONE = /^\s*(no ?one|nobody|none|no cover|not sure|n\/a|skip)\b/i;

/** A multi-turn flow in progress, kept in the store (the flows port) between messages. */
const FlowStateSchema = z.object({
  id: z.string(),
  flow: z.enum(['reassign', 'away']),
  /** The slot asked for last (what a bare answer fills), or `confirm`. */
  step: z.enum(['person', 'target', 'until', 'confirm']),
  personId: z.string().nullable(),
  /** Reassign: who the statements go to. Away: the cover (`none` when nobody covers). */
  targetId: z.string().nullable(),
  /** First day of an absence, local date. */
  from: z.string().nullable(),
  /** Last day, local date; `none` for a reassignment with no end. */
  until: z.string().nullable(),
  startedAt: z.number(),
});
type FlowState = z.infer<typeof FlowStateSchema>;

/** How a flow hands a message that is another question back to the conversation. */
export type AnswerQuestion = (actor: Person, u: Understanding) => Promise<Reply[]>;

/**
 * The reassign and away flows: ask for whatever is missing (whose, to whom, until when;
 * who is away, the last day, who covers), accept changes half way, reject bad or past
 * dates, drop themselves when another question is asked (handing it back to the
 * conversation), and end with a preview and Confirm / Cancel. Confirming moves the
 * statements through the statement service and records the cover as an absence. Who may
 * move or record for whom is domain/permissions.ts's answer.
 *
 * @example
 * const flows = new Flows(deps, (actor, u) => conversation.answer(actor, u));
 * const replies = await flows.start(priya, understanding);
 */
export class Flows {
  constructor(
    private readonly deps: DialogDeps,
    private readonly answerQuestion: AnswerQuestion,
  ) {}

  /** The flow the person has in progress (null: none, or it expired). */
  async current(actor: Person): Promise<FlowState | null> {
    const stored = await this.deps.store.flows.get(actor.id);
    if (!stored) return null;
    const parsed = FlowStateSchema.safeParse(stored.state);
    if (!parsed.success || this.deps.now() - stored.startedAt > FLOW_TTL) {
      await this.clear(actor);
      return null;
    }
    return parsed.data;
  }

  async start(actor: Person, u: Understanding): Promise<Reply[]> {
    const flow: FlowState = {
      id: this.deps.newId('fl'),
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

  /** A message while a flow is in progress: an answer, a change, "cancel", or another question. */
  async continue(actor: Person, flow: FlowState, words: string, u: Understanding): Promise<Reply[]> {
    if (CANCEL.test(words)) {
      await this.clear(actor);
      return [text(flow.flow === 'away' ? 'OK, nothing recorded.' : 'OK, nothing moved.')];
    }
    const { calendar, now } = this.deps;
    const slots = this.deps.understander.slotsAs(u, words, now(), flow.flow);
    // "Friday" in answer to "what is the last day?" is the end, not a one-day absence.
    if (flow.step === 'until' && slots.from !== null && slots.from === slots.until) slots.from = null;
    // A short reply that fits the question asked ("next Friday", "Ali", "no one") is its answer, whatever else it could mean.
    const short = u.words.split(' ').length <= 4;
    const fits =
      flow.step === 'until'
        ? findDates(u.words, localEpochDay(calendar, now())).length > 0 || NO_END.test(words)
        : flow.step !== 'confirm' && (looksLikeName(u.words) || NO_ONE.test(words) || (await this.isSomeone(words)));
    const otherQuestion = !(short && fits) && !['reassign', 'away', 'unknown', 'greeting', 'when'].includes(u.intent) && slots.person === null && slots.target === null && slots.until === null;
    if (otherQuestion) {
      await this.clear(actor);
      const answer = await this.answerQuestion(actor, u);
      return [text(`I've dropped the ${flow.flow === 'away' ? 'absence' : 'reassignment'} we were setting up.`), ...answer];
    }
    const problems: string[] = [];
    const before = JSON.stringify(flow);
    await this.mergeSlots(flow, slots, problems, actor);
    const changed = JSON.stringify(flow) !== before;
    if (!changed && problems.length === 0) await this.answerStep(flow, words, problems, actor);
    return this.nextStep(actor, flow, problems);
  }

  /** Confirm or Cancel on the preview. */
  async press(actor: Person, confirm: boolean, data: AnswerActionData<'flow.confirm'> | AnswerActionData<'flow.cancel'>): Promise<ActionOutcome> {
    const { store, service, calendar } = this.deps;
    const now = this.deps.now();
    const flow = await this.current(actor);
    if (!flow || flow.id !== data.flowId) {
      return { replace: renderAnswerCard({ title: 'This has expired', tone: 'warning', lines: ['Nothing was changed. Ask me again to start over.'], facts: [], quote: null, followUps: [] }), send: [] };
    }
    await this.clear(actor);
    if (!confirm) {
      return { replace: renderAnswerCard({ title: 'Cancelled', tone: null, lines: ['Nothing was changed.'], facts: [], quote: null, followUps: [] }), send: [] };
    }
    const person = flow.personId ? await store.directory.getPerson(flow.personId) : null;
    if (!person || flow.step !== 'confirm') return { replace: null, send: [text('Something was missing, so nothing changed. Ask me again.')] };
    const lines: string[] = [];
    const targetId = flow.targetId && flow.targetId !== 'none' ? flow.targetId : null;
    const target = targetId ? await store.directory.getPerson(targetId) : null;
    if (flow.until && flow.until !== 'none' && (flow.flow === 'away' || targetId)) {
      const until = civilDayName(dayNumber(flow.until));
      const recorded = await recordAbsence(store, actor, { id: this.deps.newId('ab'), personId: person.id, from: flow.from ?? localDate(calendar, now), until: flow.until, coverId: targetId }, now, this.deps.newId('au'));
      lines.push(recorded.ok
        ? flow.flow === 'away' ? `Recorded: away until ${until}${target ? `, ${target.name} covering` : ''}.` : `Until ${until}, new statements for ${person.name} go to ${target?.name}.`
        : 'The absence could not be recorded: you may not act for them.');
    }
    const choice = 'choice' in data ? data.choice : 'confirm';
    if (targetId && (flow.flow === 'reassign' || choice === 'confirm-and-move')) {
      const open = await store.statements.list({ assigneeId: person.id, statuses: OPEN_STATUSES });
      let moved = 0;
      const refused: string[] = [];
      for (const s of open) {
        const result = await service.reassign(s.id, targetId, actor, 'message');
        if (result.ok) moved++;
        else refused.push(s.child.reference);
      }
      lines.push(`Moved ${moved} statement${moved === 1 ? '' : 's'} to ${target?.name}.`);
      if (refused.length > 0) lines.push(`Not moved (you may not move these): ${refused.join(', ')}.`);
    }
    return { replace: renderAnswerCard({ title: 'Done', tone: 'good', lines: lines.length > 0 ? lines : ['Nothing needed changing.'], facts: [], quote: null, followUps: [] }), send: [] };
  }

  private async save(actor: Person, flow: FlowState): Promise<void> {
    await this.deps.store.flows.save({ personId: actor.id, state: flow, startedAt: flow.startedAt });
  }

  private async clear(actor: Person): Promise<void> {
    await this.deps.store.flows.clear(actor.id);
  }

  /** Fills the flow from what a message said; problems (unknown names, bad dates) are collected. */
  private async mergeSlots(flow: FlowState, u: Pick<Understanding, 'person' | 'target' | 'from' | 'until'>, problems: string[], actor: Person): Promise<void> {
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
    const today = localEpochDay(this.deps.calendar, this.deps.now());
    const day = dayNumber(until);
    if (day < today) problems.push(`${civilDayName(day)} has passed: give a date from today on.`);
    else if (day > today + 366) problems.push('That is more than a year away: give a date within the next year.');
    else if (flow.from && day < dayNumber(flow.from)) problems.push(`The end (${civilDayName(day)}) is before the start (${civilDayName(dayNumber(flow.from))}).`);
    else flow.until = until;
  }

  /** Whether a reply is exactly someone's name in the directory. */
  private async isSomeone(words: string): Promise<boolean> {
    const problems: string[] = [];
    return (await this.findPerson(words.replace(/[^\p{L}\s'-]/gu, ' ').trim(), problems)) !== null;
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

  /** A bare answer to the question asked last ("Priya", "Friday", "no one"). */
  private async answerStep(flow: FlowState, words: string, problems: string[], actor: Person): Promise<void> {
    const plain = words.replace(/[^\p{L}\p{N}\s'/.-]/gu, ' ').replace(/\s+/g, ' ').trim();
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
      const dates = findDates(normalise(plain).text, localEpochDay(this.deps.calendar, this.deps.now()));
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
    const lead: Reply[] = problems.map(text);
    const person = flow.personId ? await this.deps.store.directory.getPerson(flow.personId) : null;
    if (person && !(await this.mayMove(actor, person, flow))) {
      await this.clear(actor);
      return [
        ...lead,
        text(flow.flow === 'away'
          ? `Only ${person.name}, their manager or the participation team can record their absence.`
          : actor.id === person.id
            ? 'Statements are moved by your team manager or the participation team. Tell me when you are away instead ("I\'m on leave until Friday, Ali covering"), or use "Not for me" on a statement\'s card.'
            : `Only ${person.name}'s manager or the participation team can move their statements.`),
      ];
    }
    const ask = async (step: FlowState['step'], question: string): Promise<Reply[]> => {
      flow.step = step;
      await this.save(actor, flow);
      return [...lead, text(question)];
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
    await this.save(actor, flow);
    return [...lead, card(await this.preview(actor, flow, person))];
  }

  private mayMove(actor: Person, person: Person, flow: FlowState): Promise<boolean> {
    return flow.flow === 'away' ? this.deps.permissions.mayRecordAbsenceFor(actor, person) : this.deps.permissions.mayMoveStatementsOf(actor, person);
  }

  private async preview(actor: Person, flow: FlowState, person: Person): Promise<AdaptiveCardJson> {
    const { store, calendar } = this.deps;
    const target = flow.targetId && flow.targetId !== 'none' ? await store.directory.getPerson(flow.targetId) : null;
    const open = await store.statements.list({ assigneeId: person.id, statuses: OPEN_STATUSES });
    const items = open.slice(0, MAX_PREVIEW).map(statementLine);
    const more = open.length > MAX_PREVIEW ? `and ${open.length - MAX_PREVIEW} more` : null;
    if (flow.flow === 'reassign') {
      const until = flow.until === 'none' || !flow.until ? null : civilDayName(dayNumber(flow.until));
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
    const from = flow.from ?? localDate(calendar, this.deps.now());
    const who = person.id === actor.id ? 'You are' : `${person.name} is`;
    const canMove = target !== null && open.length > 0 && (await this.deps.permissions.mayMoveStatementsOf(actor, person));
    return renderConfirmCard({
      flowId: flow.id,
      title: `${who} away ${civilDayName(dayNumber(from))} – ${civilDayName(dayNumber(flow.until as string))}`,
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
}
