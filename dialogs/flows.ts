import type { AdaptiveCardJson } from '../cards/adaptive-card';
import type { AnswerActionData } from '../cards/answer-action-data';
import { renderAnswerCard } from '../cards/answer-card';
import { statementLine } from '../cards/answer-view';
import { renderConfirmCard } from '../cards/confirm-card';
import { backOnDay, civilDayName, civilWeekday, whenText } from '../cards/local-time';
import { moveRefusalText } from '../cards/refusal-words';
import { recordAbsence, withdrawAbsence } from '../domain/absences';
import type { HandoverPlan } from '../domain/handovers';
import { lineManagerOf } from '../domain/line-manager';
import type { Obligation } from '../domain/obligation';
import { mayAssignFromQueue, maySeeQueue } from '../domain/permissions';
import type { Absence, Person } from '../domain/person';
import { OPEN_STATUSES, type Statement } from '../domain/statement';
import { civilDateOf, formatCivilDate } from '../standards';
import { BroadcastFlow } from './broadcast-flow';
import type { DialogDeps } from './dialog-deps';
import { findDates } from './dates';
import { FlowStateSchema, type FlowState } from './flow-state';
import { firstName } from './help-answers';
import { dayNumber, localDate, localEpochDay } from './list-query';
import { normalise } from './normalise';
import { findPerson } from './people';
import { card, text, type ActionOutcome, type Reply } from './reply';
import { isAboutOwnWork, looksLikeName, type Understanding } from './understand';

/** Items listed in a flow's preview. */
const MAX_PREVIEW = 8;
/** A half-finished flow is forgotten after this long (seconds). */
const FLOW_TTL = 30 * 60;
const CANCEL = /^\s*(cancel|stop|never ?mind|forget it|no thanks|abort|quit|exit|no,? cancel)\b/i;
const NO_END = /\b(for good|permanently|no end|indefinitely|open ended|until further notice|no end date)\b/i;
const NO_ONE = /^\s*(no ?one|nobody|none|no cover|not sure|n\/a|skip)\b/i;
/** A message that asks something (rather than answering the question the flow asked). */
const ASKS = /^\s*(what|whats|what's|which|who|whose|when|how|is|are|am|do|does|did|can|could|any|anything|show|list|tell me|give me)\b|\?\s*$/i;
/** Intents that answer a question of their own: typed during a flow, they are answered, not taken as its answer. */
const QUESTIONS: ReadonlySet<Understanding['intent']> = new Set(['due', 'overdue', 'unopened', 'team-due', 'team-overdue', 'unassigned', 'when', 'standard', 'stats', 'help', 'delivery-report']);

export type { FlowState };

/** How a flow hands a message that is another question back to the conversation. */
export type AnswerQuestion = (actor: Person, u: Understanding) => Promise<Reply[]>;

/**
 * The multi-turn flows, kept in the store between messages (the flows port): moving one
 * person's work to someone else (a handover, optionally until a date), moving one
 * statement, recording an absence, withdrawing one ("cancel my leave", "I'm back") and a
 * notice (broadcast-flow.ts). Each asks for whatever is missing, accepts changes half
 * way, rejects bad or past dates, answers another question typed half way (and keeps the
 * flow, saying what it still needs), and ends with a preview of exactly what will change
 * and who will be told, then Confirm / Cancel. Who may do what is domain/permissions.ts's
 * answer; each confirmation is one audited operation under an idempotency key made from
 * the preview, so pressing twice changes nothing twice.
 *
 * @example
 * const flows = new Flows(deps, (actor, u) => conversation.answer(actor, u));
 * const replies = await flows.start(priya, understanding);
 */
export class Flows {
  private readonly broadcast: BroadcastFlow;

  constructor(
    private readonly deps: DialogDeps,
    private readonly answerQuestion: AnswerQuestion,
  ) {
    this.broadcast = new BroadcastFlow(deps, (actor, flow) => this.save(actor, flow));
  }

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

  /** A new flow from a message: reassign (a person's work, or one statement), away, or a notice. */
  async start(actor: Person, u: Understanding): Promise<Reply[]> {
    const flow = this.newFlow(u.intent === 'away' ? 'away' : u.intent === 'broadcast' ? 'broadcast' : u.statementRef ? 'reassign-one' : 'reassign', u.from);
    if (flow.flow === 'broadcast') return this.broadcast.start(actor, flow, u);
    const problems: string[] = [];
    if (flow.flow === 'reassign-one') {
      const statements = await this.statementsByRef(actor, u.statementRef ?? '');
      if (statements.length === 0) return [text(`I can't find an open statement ${u.statementRef} that you can move. Check the reference on its card, or ask "what's in the queue?".`)];
      flow.statementIds = statements.map((s) => s.id);
    } else if (u.person === null && (flow.flow === 'away' || isAboutOwnWork(u.words))) {
      flow.personId = actor.id;
    }
    await this.mergeSlots(flow, u, problems, actor);
    return this.nextStep(actor, flow, problems);
  }

  /** "Reassign…" one statement from a card, with the person chosen: the preview. */
  async startOne(actor: Person, statementId: string, toId: string): Promise<Reply[]> {
    const flow = this.newFlow('reassign-one', null);
    flow.statementIds = [statementId];
    flow.targetId = toId || null;
    return this.nextStep(actor, flow, []);
  }

  /** "Cancel my leave" or "I'm back": the absences to withdraw, previewed. */
  async startWithdraw(actor: Person, person: Person, absences: Absence[], back: boolean): Promise<Reply[]> {
    const flow = this.newFlow('withdraw', null);
    flow.personId = person.id;
    flow.absenceIds = absences.map((a) => a.id);
    flow.back = back;
    return this.nextStep(actor, flow, []);
  }

  /** A message while a flow is in progress: an answer, a change, "cancel", or another question. */
  async continue(actor: Person, flow: FlowState, words: string, u: Understanding): Promise<Reply[]> {
    if (CANCEL.test(words)) {
      await this.clear(actor);
      return [text(flow.flow === 'away' ? 'OK, nothing recorded.' : flow.flow === 'broadcast' ? 'OK, nothing sent.' : 'OK, nothing changed.')];
    }
    // A notice's text is whatever is typed, questions included.
    const typingNotice = flow.flow === 'broadcast' && flow.step === 'text';
    if (!typingNotice && (await this.asksSomethingElse(flow, words, u))) {
      // Answered, not swallowed: the flow stays, and says what it still needs.
      const answer = await this.answerQuestion(actor, u);
      return [...answer, text(`${this.pending(flow)} (Or say "cancel".)`)];
    }
    if (flow.flow === 'broadcast') return this.broadcast.continue(actor, flow, words, u);
    const { now } = this.deps;
    const slots = this.deps.understander.slotsAs(u, words, now(), flow.flow === 'away' ? 'away' : 'reassign');
    // "Friday" in answer to "what is the last day?" is the end, not a one-day absence.
    if (flow.step === 'until' && slots.from !== null && slots.from === slots.until) slots.from = null;
    const otherFlow = !['reassign', 'away', 'unknown', 'greeting'].includes(u.intent) && slots.person === null && slots.target === null && slots.until === null;
    if (otherFlow && !(await this.fitsStep(flow, words, u))) {
      await this.clear(actor);
      const answer = await this.answerQuestion(actor, u);
      return [text(`I've dropped the ${flow.flow === 'away' ? 'absence' : 'reassignment'} we were setting up.`), ...answer];
    }
    const problems: string[] = [];
    const before = JSON.stringify(flow);
    if (/\b(including|inclusive)\b/i.test(words) && flow.untilReading === 'back-on' && flow.until) {
      // "including Monday": the day named is a day away too.
      flow.until = formatCivilDate(civilDateOf(dayNumber(flow.until) + 1));
      flow.untilReading = 'last-day';
      slots.until = null;
      slots.from = null;
    }
    await this.mergeSlots(flow, slots, problems, actor);
    const changed = JSON.stringify(flow) !== before;
    if (!changed && problems.length === 0) await this.answerStep(flow, words, problems, actor);
    return this.nextStep(actor, flow, problems);
  }

  /** Confirm or Cancel on the preview. */
  async press(actor: Person, confirm: boolean, data: AnswerActionData<'flow.confirm'> | AnswerActionData<'flow.cancel'>): Promise<ActionOutcome> {
    const flow = await this.current(actor);
    if (!flow || flow.id !== data.flowId) {
      return { replace: answerCard('This has expired', ['Nothing was changed. Ask me again to start over.'], 'warning'), send: [] };
    }
    if (!confirm) {
      await this.clear(actor);
      return { replace: answerCard('Cancelled', ['Nothing was changed.']), send: [] };
    }
    const choice = 'choice' in data ? data.choice : 'confirm';
    if (flow.flow === 'broadcast') return this.broadcast.press(actor, flow, choice, () => this.clear(actor));
    await this.clear(actor);
    if (flow.step !== 'confirm') return { replace: null, send: [text('Something was missing, so nothing changed. Ask me again.')] };
    if (flow.flow === 'withdraw') return this.confirmWithdraw(actor, flow, choice);
    if (flow.flow === 'reassign-one') return this.confirmOne(actor, flow);
    const { store } = this.deps;
    const person = flow.personId ? await store.directory.getPerson(flow.personId) : null;
    if (!person) return { replace: null, send: [text('Something was missing, so nothing changed. Ask me again.')] };
    const lines: string[] = [];
    const targetId = flow.targetId && flow.targetId !== 'none' ? flow.targetId : null;
    const target = targetId ? await store.directory.getPerson(targetId) : null;
    const until = flow.until && flow.until !== 'none' ? flow.until : null;
    if (until && (flow.flow === 'away' || targetId)) {
      const now = this.deps.now();
      const recorded = await recordAbsence(store, actor, { id: `ab_${flow.id}`, personId: person.id, from: flow.from ?? localDate(this.deps.calendar, now), until, coverId: targetId }, now, `au_${flow.id}_absence`);
      const last = civilDayName(dayNumber(until));
      lines.push(recorded.ok
        ? flow.flow === 'away' ? `Recorded: away until ${last}${target ? `, ${target.name} covering` : ''}.` : `Until ${last}, new statements for ${person.name} go to ${target?.name}.`
        : 'The absence could not be recorded: you may not act for them.');
    }
    if (target && (flow.flow === 'reassign' || choice === 'confirm-and-move')) lines.push(...(await this.handOver(actor, flow, person, target, until)));
    return { replace: answerCard('Done', lines.length > 0 ? lines : ['Nothing needed changing.'], 'good'), send: [] };
  }

  /** Moves what the preview showed of `person`'s work to `target`, under the preview's key; what to say. */
  private async handOver(actor: Person, flow: FlowState, person: Person, target: Person, until: string | null): Promise<string[]> {
    const { store, handovers } = this.deps;
    const statements = (await Promise.all(flow.statementIds.map((id) => store.statements.get(id)))).filter((s): s is Statement => s !== null);
    const obligations = (await Promise.all(flow.obligationIds.map((id) => store.obligations.get(id)))).filter((o): o is Obligation => o !== null);
    if (statements.length + obligations.length === 0) return [];
    const done = await handovers.confirm(actor, `ho_${flow.id}`, { from: person, to: target, until, statements, obligations, toAbsence: null });
    if (!done.ok) return ['Nothing was moved: you may not move their work.'];
    const moved = done.handover.moved ?? { statementIds: [], obligationIds: [] };
    this.deps.broadcastQueued?.(`bc_${done.handover.id}`);
    const lines = [`Moved ${moved.statementIds.length} statement${moved.statementIds.length === 1 ? '' : 's'} to ${target.name}.`];
    if (moved.obligationIds.length > 0) lines.push(`And ${moved.obligationIds.length} other deadline${moved.obligationIds.length === 1 ? '' : 's'}, each keeping its date.`);
    const missed = statements.length - moved.statementIds.length + obligations.length - moved.obligationIds.length;
    if (missed > 0) lines.push(`${missed} had been done or moved by someone else meanwhile, so ${missed === 1 ? 'it stays' : 'they stay'} where ${missed === 1 ? 'it is' : 'they are'}.`);
    if (until) lines.push(`What is still open on ${civilDayName(dayNumber(until) + 1)} goes back to ${person.name}.`);
    lines.push('Everyone it affects is being told in their chat; your delivery report follows.');
    return lines;
  }

  private async confirmOne(actor: Person, flow: FlowState): Promise<ActionOutcome> {
    const { store, service, handovers } = this.deps;
    const target = flow.targetId ? await store.directory.getPerson(flow.targetId) : null;
    const statements = (await Promise.all(flow.statementIds.map((id) => store.statements.get(id)))).filter((s): s is Statement => s !== null);
    if (!target || statements.length === 0) return { replace: null, send: [text('Something was missing, so nothing changed. Ask me again.')] };
    const queued = statements.filter((s) => s.assigneeIds.length === 0);
    const held = statements.filter((s) => s.assigneeIds.length > 0);
    const lines: string[] = [];
    for (const s of queued) {
      const result = await service.assign(s.id, target.id, actor, 'message');
      if (result.ok) lines.push(`${s.child.reference} ${s.child.initials} is now with ${target.name}.`);
      else lines.push(`${s.child.reference}: ${moveRefusalText(result.code, { holders: await this.namesOf(result.holderIds ?? []), youHoldIt: false })}`);
    }
    if (held.length > 0) {
      const plan = await handovers.planStatements(actor, held, target.id);
      if (!plan.ok) lines.push(plan.code === 'NOT_ALLOWED' ? moveRefusalText('NOT_ALLOWED', { holders: await this.namesOf(held[0].assigneeIds), youHoldIt: held[0].assigneeIds.includes(actor.id) }) : 'Nothing was moved.');
      else {
        const done = await handovers.confirm(actor, `ho_${flow.id}`, plan);
        if (!done.ok) lines.push('Nothing was moved: you may not move it.');
        else {
          const moved = new Set(done.handover.moved?.statementIds ?? []);
          for (const s of held) lines.push(moved.has(s.id) ? `${s.child.reference} ${s.child.initials} is now with ${target.name}.` : `${s.child.reference} ${s.child.initials} was done or moved by someone else meanwhile, so it stays where it is.`);
          if (moved.size > 0) {
            this.deps.broadcastQueued?.(`bc_${done.handover.id}`);
            lines.push(`${plan.from.name}, ${target.name} and their managers are being told in their chats.`);
          }
        }
      }
    }
    return { replace: answerCard('Done', lines, 'good'), send: [] };
  }

  private async confirmWithdraw(actor: Person, flow: FlowState, choice: string): Promise<ActionOutcome> {
    const { store, calendar, handovers } = this.deps;
    const now = this.deps.now();
    const today = localDate(calendar, now);
    const person = flow.personId ? await store.directory.getPerson(flow.personId) : null;
    if (!person) return { replace: null, send: [text('Something was missing, so nothing changed. Ask me again.')] };
    const lines: string[] = [];
    for (const [i, id] of flow.absenceIds.entries()) {
      const done = await withdrawAbsence(store, actor, { id, personId: person.id }, today, now, `au_${flow.id}_${i}`);
      if (!done.ok) lines.push(done.code === 'NOT_ALLOWED' ? `Only ${person.name}, their manager or the participation team can change their leave.` : 'That leave was already changed, so nothing more was needed.');
      else if (done.outcome === 'removed') lines.push(`Removed: away ${civilDayName(dayNumber(done.absence.from))} – ${civilDayName(dayNumber(done.absence.until))}.`);
      else lines.push(`Ended: ${person.id === actor.id ? 'you are' : `${person.name} is`} back from today (the leave now ends ${civilDayName(dayNumber(done.absence.until))}).`);
    }
    if (choice === 'move-back-now') {
      for (const h of await handovers.activeFrom(person.id)) {
        const back = await handovers.moveBackNow(actor, h.id);
        if (back.ok) {
          this.deps.broadcastQueued?.(`bc_${h.id}_back`);
          const n = back.back.statementIds.length;
          lines.push(`${n} statement${n === 1 ? '' : 's'} ${(await store.directory.getPerson(h.toId))?.name ?? 'the cover'} held went back to ${person.id === actor.id ? 'you' : person.name}.`);
        }
      }
    }
    return { replace: answerCard('Done', lines.length > 0 ? lines : ['Nothing needed changing.'], 'good'), send: [] };
  }

  private newFlow(kind: FlowState['flow'], from: string | null): FlowState {
    return FlowStateSchema.parse({ id: this.deps.newId('fl'), flow: kind, step: 'person', personId: null, targetId: null, from, until: null, startedAt: this.deps.now() });
  }

  private async save(actor: Person, flow: FlowState): Promise<void> {
    await this.deps.store.flows.save({ personId: actor.id, state: flow, startedAt: flow.startedAt });
  }

  private async clear(actor: Person): Promise<void> {
    await this.deps.store.flows.clear(actor.id);
  }

  /** Whether a message typed during a flow is a question of its own (answered, the flow kept) rather than its answer. */
  private async asksSomethingElse(flow: FlowState, words: string, u: Understanding): Promise<boolean> {
    if (u.intent === 'away' && u.absence !== 'record' && u.absence !== null) return true;
    if (!QUESTIONS.has(u.intent) || !ASKS.test(words)) return false;
    // A short answer that fits ("next Friday?", "Ali?") is still the answer.
    return !(u.words.split(' ').length <= 2 && (await this.fitsStep(flow, words, u)));
  }

  /** Whether a reply fits the question asked last: a date for "until when?", a name for "who?". */
  private async fitsStep(flow: FlowState, words: string, u: Understanding): Promise<boolean> {
    if (u.words.split(' ').length > 4) return false;
    if (flow.step === 'until') return findDates(u.words, localEpochDay(this.deps.calendar, this.deps.now())).length > 0 || NO_END.test(words);
    if (flow.step === 'person' || flow.step === 'target') return looksLikeName(u.words) || NO_ONE.test(words) || (await this.isSomeone(words));
    return false;
  }

  /** What the flow still needs, as its question. */
  private pending(flow: FlowState): string {
    const what = flow.flow === 'away' ? 'the absence' : flow.flow === 'broadcast' ? 'the notice' : flow.flow === 'withdraw' ? 'the change to your leave' : 'the reassignment';
    const step: Record<FlowState['step'], string> = {
      person: flow.flow === 'away' ? 'who is away' : 'whose statements to move',
      target: flow.flow === 'away' ? 'who is covering' : 'who they go to',
      until: 'the last day',
      confirm: 'you to confirm the preview above',
      audience: 'who it is for',
      text: 'what it says',
      'confirm-all': 'you to confirm the preview above',
    };
    return `I'm still setting up ${what}: I need ${step[flow.step]}.`;
  }

  /** Fills the flow from what a message said; problems (unknown names, bad dates) are collected. */
  private async mergeSlots(flow: FlowState, u: Pick<Understanding, 'person' | 'target' | 'from' | 'until' | 'untilReading'>, problems: string[], actor: Person): Promise<void> {
    if (u.person && flow.flow !== 'reassign-one') {
      const found = await findPerson(this.deps.store.directory, u.person, problems);
      if (found) flow.personId = found.id;
    }
    if (u.target) {
      if (/^(me|myself)$/i.test(u.target)) flow.targetId = actor.id;
      else {
        const found = await findPerson(this.deps.store.directory, u.target, problems);
        if (found) flow.targetId = found.id;
      }
    }
    if (u.from) flow.from = u.from;
    if (u.until) this.setUntil(flow, u.untilReading === 'back-on' ? formatCivilDate(civilDateOf(dayNumber(u.until) - 1)) : u.until, u.untilReading, problems);
  }

  /** The last day; `reading` says how it was said, for the preview. */
  private setUntil(flow: FlowState, until: string, reading: FlowState['untilReading'], problems: string[]): void {
    const today = localEpochDay(this.deps.calendar, this.deps.now());
    const day = dayNumber(until);
    const said = reading === 'back-on' ? day + 1 : day;
    if (said < today) problems.push(`${civilDayName(said)} has passed: give a date from today on.`);
    else if (day > today + 366) problems.push('That is more than a year away: give a date within the next year.');
    else if (flow.from && day < dayNumber(flow.from)) problems.push(reading === 'back-on' ? `Back on ${civilDayName(said)} is before the start (${civilDayName(dayNumber(flow.from))}).` : `The end (${civilDayName(day)}) is before the start (${civilDayName(dayNumber(flow.from))}).`);
    else {
      flow.until = until;
      flow.untilReading = reading;
    }
  }

  /** Whether a reply is exactly someone's name in the directory. */
  private async isSomeone(words: string): Promise<boolean> {
    return (await findPerson(this.deps.store.directory, words.replace(/[^\p{L}\s'-]/gu, ' ').trim(), [])) !== null;
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
      const found = await findPerson(this.deps.store.directory, name, problems);
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
      // Asked for the last day, a date is the last day; "until Monday" or "back Monday" is the day they are back.
      const backOn = last.prefix === 'until' || last.prefix === 'back';
      this.setUntil(flow, formatCivilDate(civilDateOf(backOn ? last.to - 1 : last.to)), backOn ? 'back-on' : 'last-day', problems);
      return;
    }
    problems.push('Press one of the buttons on the card above, or say "cancel". You can also change it: "to Ali instead", "until Monday".');
  }

  private async nextStep(actor: Person, flow: FlowState, problems: string[]): Promise<Reply[]> {
    const lead: Reply[] = problems.map(text);
    const { store } = this.deps;
    const person = flow.personId ? await store.directory.getPerson(flow.personId) : null;
    if (person && flow.flow !== 'reassign-one' && !(await this.mayAct(actor, person, flow))) {
      await this.clear(actor);
      return [
        ...lead,
        text(flow.flow === 'away' || flow.flow === 'withdraw'
          ? `Only ${person.name}, their manager or the participation team can ${flow.flow === 'away' ? 'record' : 'change'} their absence.`
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
    } else if (flow.flow === 'reassign-one') {
      if (!flow.targetId || flow.targetId === 'none') return ask('target', 'Who should it go to?');
    } else if (flow.flow === 'away') {
      if (!person) return ask('person', 'Who is away? Say "me" or their name.');
      if (!flow.until || flow.until === 'none') return ask('until', `What is the last day ${person.id === actor.id ? 'you are' : `${person.name} is`} away? (e.g. "Friday" or "4 December")`);
      if (!flow.targetId) return ask('target', `Who is covering? Say a name, or "no one" (new statements then go to ${person.id === actor.id ? 'your' : 'their'} line manager).`);
    }
    flow.step = 'confirm';
    const preview = await this.preview(actor, flow, person);
    await this.save(actor, flow);
    return [...lead, ...preview];
  }

  private mayAct(actor: Person, person: Person, flow: FlowState): Promise<boolean> {
    return flow.flow === 'away' || flow.flow === 'withdraw' ? this.deps.permissions.mayRecordAbsenceFor(actor, person) : this.deps.permissions.mayMoveStatementsOf(actor, person);
  }

  /** The preview, recording in the flow exactly what it shows (that is what moves on Confirm). */
  private async preview(actor: Person, flow: FlowState, person: Person | null): Promise<Reply[]> {
    if (flow.flow === 'reassign-one') return this.previewOne(actor, flow);
    if (flow.flow === 'withdraw') return [card(await this.previewWithdraw(actor, flow, person as Person))];
    const { store, calendar, handovers } = this.deps;
    const who = person as Person;
    const target = flow.targetId && flow.targetId !== 'none' ? await store.directory.getPerson(flow.targetId) : null;
    const until = flow.until && flow.until !== 'none' ? flow.until : null;
    const plan = target ? await handovers.plan(actor, who.id, target.id, until) : null;
    const statements = plan?.ok ? plan.statements : await store.statements.list({ assigneeId: who.id, statuses: OPEN_STATUSES });
    const obligations = plan?.ok ? plan.obligations : [];
    flow.statementIds = statements.map((s) => s.id);
    flow.obligationIds = obligations.map((o) => o.id);
    const items = [...statements.map((s) => statementLine(s)), ...obligations.map((o) => this.obligationLine(o))];
    const shown = items.slice(0, MAX_PREVIEW);
    const more = items.length > MAX_PREVIEW ? `and ${items.length - MAX_PREVIEW} more` : null;
    const warning = plan?.ok ? this.awayWarning(plan) : null;
    const reading = this.readingLine(flow);
    if (flow.flow === 'reassign') {
      const whatMoves = this.whatMoves(statements.length, obligations.length);
      return [card(renderConfirmCard({
        flowId: flow.id,
        title: `Move ${whatMoves} from ${who.name} to ${target?.name ?? '?'}?`,
        lines: [
          statements.length + obligations.length === 0 ? `${who.name} has no open statements or deadlines now.` : `${target?.name ?? 'The new holder'} gets each statement's card and its clocks; other deadlines keep their dates.`,
          until ? `Until ${civilDayName(dayNumber(until))}: new statements for ${who.name} go to ${target?.name} too, and what is still open on ${civilDayName(dayNumber(until) + 1)} goes back to ${who.name}.` : 'For good: new statements still go to them as usual.',
          ...(reading ? [reading] : []),
          ...(plan?.ok && statements.length + obligations.length > 0 ? [await this.toldLine(actor, plan)] : []),
        ],
        items: shown,
        more,
        warning,
        choices: [{ title: statements.length + obligations.length > 0 ? 'Move them' : 'Record the cover', choice: 'confirm' }],
        cancelTitle: 'Cancel',
      }))];
    }
    const from = flow.from ?? localDate(calendar, this.deps.now());
    const self = who.id === actor.id;
    const canMove = target !== null && items.length > 0 && plan?.ok === true;
    return [card(renderConfirmCard({
      flowId: flow.id,
      title: `${self ? 'You are' : `${who.name} is`} away ${civilDayName(dayNumber(from))} – ${civilDayName(dayNumber(flow.until as string))}`,
      lines: [
        `Back on ${backOnDay(calendar, flow.until as string)}.${reading ? ` ${reading}` : ''}`,
        target ? `Cover: ${target.name}. New statements go to ${target.name} while ${self ? 'you are' : 'they are'} away.` : 'No cover: new statements go to the line manager while away.',
        items.length > 0
          ? `${self ? 'You have' : `${who.name} has`} ${this.whatMoves(statements.length, obligations.length)}${canMove ? '' : `; a manager or the participation team can move ${items.length === 1 ? 'it' : 'them'}`}.`
          : 'No open statements to hand over.',
        ...(canMove && plan?.ok ? [await this.toldLine(actor, plan)] : []),
      ],
      items: canMove ? shown : [],
      more: canMove ? more : null,
      warning,
      choices: [
        { title: 'Record it', choice: 'confirm' },
        ...(canMove ? [{ title: `Record it and move ${items.length === 1 ? 'it' : `all ${items.length}`} to ${firstName(target as Person)}`, choice: 'confirm-and-move' }] : []),
      ],
      cancelTitle: 'Cancel',
    }))];
  }

  private async previewOne(actor: Person, flow: FlowState): Promise<Reply[]> {
    const { store, handovers, calendar } = this.deps;
    const target = flow.targetId ? await store.directory.getPerson(flow.targetId) : null;
    const statements = (await Promise.all(flow.statementIds.map((id) => store.statements.get(id)))).filter((s): s is Statement => s !== null && (s.status === 'queued' || OPEN_STATUSES.includes(s.status)));
    if (!target || statements.length === 0) {
      await this.clear(actor);
      return [text('That statement is no longer open, so there is nothing to move.')];
    }
    const queued = statements.filter((s) => s.assigneeIds.length === 0);
    if (queued.length > 0 && !mayAssignFromQueue(actor)) {
      await this.clear(actor);
      return [text(moveRefusalText('NOT_ALLOWED', { holders: [], youHoldIt: false }))];
    }
    const held = statements.filter((s) => s.assigneeIds.length > 0);
    const plan = held.length > 0 ? await handovers.planStatements(actor, held, target.id) : null;
    if (plan && !plan.ok) {
      await this.clear(actor);
      if (plan.code === 'SAME_PERSON') return [text(`It is with ${target.name} already, so nothing needs moving.`)];
      return [text(moveRefusalText('NOT_ALLOWED', { holders: await this.namesOf(held[0].assigneeIds), youHoldIt: held[0].assigneeIds.includes(actor.id) }))];
    }
    const holders = await this.namesOf([...new Set(held.flatMap((s) => s.assigneeIds))]);
    const absence = plan?.ok ? plan.toAbsence : await this.absenceToday(target);
    const warning = absence ? await this.awayText(target, absence) : null;
    const ref = `${statements[0].child.reference} ${statements[0].child.initials}`;
    const several = statements.length > 1;
    return [card(renderConfirmCard({
      flowId: flow.id,
      title: held.length > 0 ? `Move ${several ? `${statements.length} statements of ${statements[0].child.reference}` : ref} ${holders.length > 0 ? `from ${holders.join(' and ')} ` : ''}to ${target.name}?` : `Assign ${several ? `${statements.length} statements of ${statements[0].child.reference}` : ref} to ${target.name}?`,
      lines: [
        `${target.name} gets ${several ? 'each' : 'its'} card and ${several ? 'their' : 'its'} clocks.`,
        ...(plan?.ok ? [await this.toldLine(actor, plan)] : []),
        ...(queued.length > 0 ? [`${queued.length === 1 ? 'It is' : `${queued.length} are`} waiting in the queue; assigning meets momo 1.1's clock.`] : []),
      ],
      items: statements.slice(0, MAX_PREVIEW).map((s) => `${statementLine(s)} · sent ${whenText(calendar, s.sentAt, this.deps.now())}`),
      more: statements.length > MAX_PREVIEW ? `and ${statements.length - MAX_PREVIEW} more` : null,
      warning,
      choices: [{ title: held.length > 0 ? 'Move it' : 'Assign it', choice: 'confirm' }],
      cancelTitle: 'Cancel',
    }))];
  }

  private async previewWithdraw(actor: Person, flow: FlowState, person: Person): Promise<AdaptiveCardJson> {
    const { store, handovers, calendar } = this.deps;
    const today = localDate(calendar, this.deps.now());
    const absences = (await store.directory.listAbsences(person.id)).filter((a) => flow.absenceIds.includes(a.id));
    const active = await handovers.activeFrom(person.id);
    const self = person.id === actor.id;
    const lines = absences.map((a) =>
      a.from < today
        ? `Away ${civilDayName(dayNumber(a.from))} – ${civilDayName(dayNumber(a.until))}: ends now, ${self ? 'you are' : `${person.name} is`} back from today.`
        : `Away ${civilDayName(dayNumber(a.from))} – ${civilDayName(dayNumber(a.until))}: removed.`,
    );
    const held = active.reduce((n, h) => n + (h.moved?.statementIds.length ?? 0), 0);
    if (active.length > 0) lines.push(`${held} statement${held === 1 ? '' : 's'} moved while ${self ? 'you are' : 'they are'} away ${held === 1 ? 'comes' : 'come'} back on the day planned, or now if you choose.`);
    return renderConfirmCard({
      flowId: flow.id,
      title: flow.back ? `Welcome back${self ? `, ${firstName(person)}` : ''}: end ${self ? 'your' : `${person.name}'s`} leave today?` : `Cancel ${self ? 'your' : `${person.name}'s`} leave?`,
      lines,
      items: [],
      more: null,
      warning: null,
      choices: [
        { title: flow.back ? 'End it today' : 'Cancel the leave', choice: 'confirm' },
        ...(active.length > 0 ? [{ title: `${flow.back ? 'End it' : 'Cancel it'} and take the work back now`, choice: 'move-back-now' }] : []),
      ],
      cancelTitle: 'Keep it',
    });
  }

  /** "Ali Worker, Sam Worker and Priya Shah are told in their chats". */
  private async toldLine(actor: Person, plan: HandoverPlan): Promise<string> {
    const managers: string[] = [];
    for (const p of [plan.from, plan.to]) {
      const manager = await lineManagerOf(this.deps.store.directory, p);
      if (manager && manager.id !== actor.id && manager.id !== plan.from.id && manager.id !== plan.to.id && !managers.includes(manager.name)) managers.push(manager.name);
    }
    return `Told in their chats: ${plan.to.name} (what is now theirs, and the cards), ${plan.from.name} (what moved)${managers.length > 0 ? `, ${managers.join(' and ')} (a summary)` : ''}. You get a delivery report.`;
  }

  private awayWarning(plan: HandoverPlan): string | null {
    return plan.toAbsence ? this.awayTextSync(plan.to, plan.toAbsence) : null;
  }

  private async awayText(person: Person, absence: Absence): Promise<string> {
    const cover = absence.coverId ? await this.deps.store.directory.getPerson(absence.coverId) : null;
    return `${this.awayTextSync(person, absence)}${cover ? ` ${cover.name} is covering for them.` : ''}`;
  }

  private awayTextSync(person: Person, absence: Absence): string {
    const today = localDate(this.deps.calendar, this.deps.now());
    return absence.from <= today
      ? `${person.name} is away until ${civilDayName(dayNumber(absence.until))}: check before moving work to them.`
      : `${person.name} is away from ${civilDayName(dayNumber(absence.from))} to ${civilDayName(dayNumber(absence.until))}: check before moving work to them.`;
  }

  private async absenceToday(person: Person): Promise<Absence | null> {
    const today = localDate(this.deps.calendar, this.deps.now());
    return (await this.deps.store.directory.listAbsences(person.id, today))[0] ?? null;
  }

  /** How "until" was read, when it was read as "back on". */
  private readingLine(flow: FlowState): string | null {
    if (flow.untilReading !== 'back-on' || !flow.until || flow.until === 'none') return null;
    const back = civilDayName(dayNumber(flow.until) + 1);
    const weekday = civilWeekday(dayNumber(flow.until) + 1);
    return `"Until ${weekday}" read as back on ${back}, so the last day away is ${civilDayName(dayNumber(flow.until))}; if ${weekday} is a day away too, say "including ${weekday}".`;
  }

  private whatMoves(statements: number, obligations: number): string {
    const s = `${statements} open statement${statements === 1 ? '' : 's'}`;
    return obligations > 0 ? `${s} and ${obligations} other deadline${obligations === 1 ? '' : 's'}` : s;
  }

  private obligationLine(o: Obligation): string {
    const standard = this.deps.standards.find((s) => s.id === o.standardId);
    return `${standard ? standard.title : o.standardId} · due ${whenText(this.deps.calendar, o.due, this.deps.now())}`;
  }

  /** Open or queued statements with this reference that `actor` may see, oldest first. */
  private async statementsByRef(actor: Person, reference: string): Promise<Statement[]> {
    const { store, calendar } = this.deps;
    const today = localDate(calendar, this.deps.now());
    const all = await store.statements.list({ statuses: ['queued', ...OPEN_STATUSES] });
    const matching = all.filter((s) => s.child.reference.toUpperCase() === reference.toUpperCase());
    const visible: Statement[] = [];
    for (const s of matching) if (s.status === 'queued' ? maySeeQueue(actor) : await this.deps.permissions.maySeeStatement(actor, s, today)) visible.push(s);
    return visible;
  }

  private namesOf(ids: string[]): Promise<string[]> {
    return Promise.all(ids.map(async (id) => (await this.deps.store.directory.getPerson(id))?.name ?? 'someone no longer in the directory'));
  }
}

function answerCard(title: string, lines: string[], tone: 'good' | 'warning' | null = null): AdaptiveCardJson {
  return renderAnswerCard({ title, tone, lines, facts: [], quote: null, followUps: [] });
}
