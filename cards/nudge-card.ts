import type { Obligation } from '../domain/obligation';
import type { Person } from '../domain/person';
import type { Statement } from '../domain/statement';
import type { Standard, WorkingCalendar } from '../standards';
import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS } from './answer-card-models';
import nudgeCardJson from './nudge-card.json';
import { clockLine, sourceText } from './statement-words';

const nudgeTemplate = compileCardTemplate(nudgeCardJson);

/** What "Open the queue" asks: the participation queue (`unassigned` intent). */
export const QUEUE_QUESTION = 'unassigned';

/**
 * Which nudge: a `reminder` part-way through the time allowed, the `due` instant itself,
 * or an `immediate` standard (Safety Link) that must be acted on straight away.
 *
 * @example const kind: NudgeKind = 'reminder';
 */
export type NudgeKind = 'reminder' | 'due' | 'immediate';

/**
 * A nudge to the person who must act, worded by the scheduler. Carries the child's
 * reference only (never a name, never the statement's content).
 *
 * @example
 * const data: NudgeCardData = {
 *   kind: 'reminder', percent: 50, statementId: 'st_1', reference: 'C-1001',
 *   standardId: 'momo.2.1', standardTitle: 'Recipient downloads or views the statement',
 *   deadline: 'Open by 14:00 Mon 23 Nov', coveringFor: null, teamHeld: false,
 * };
 */
export interface NudgeCardData {
  kind: NudgeKind;
  /** For a reminder: how much of the time allowed has gone, in percent (50, 75); `null` otherwise. */
  percent: number | null;
  statementId: string;
  /** The child's reference, e.g. `C-1001`. */
  reference: string;
  /** Where the standard comes from: `Mind Of My Own practice standards, 2.1`. */
  standardSource: string;
  standardTitle: string;
  /** The exact local deadline, e.g. `Open by 14:00 Mon 23 Nov`. */
  deadline: string;
  /** When sent to someone covering: the name of the person who is away; else `null`. */
  coveringFor: string | null;
  /** The participation team's queue holds it (nobody has it yet): offer "Open the queue". */
  teamHeld: boolean;
}

/** What a reminder is about, as the scheduler has it. */
export interface Reminder {
  /** `reminder`: a share of the time has gone; `due`: due now; `immediate`: an immediate standard started. */
  kind: NudgeKind;
  percent: number | null;
  obligation: Obligation;
  statement: Statement;
  standard: Standard;
  /** The person away whose work this is, when the recipient stands in for them. */
  forPerson: Person | null;
  /** The obligation is held by a team (the participation team's queue). */
  teamHeld: boolean;
}

/**
 * What a reminder's card shows, worded at the moment it is sent (`Open by 17:00 today`).
 *
 * @example
 * renderNudgeCard(reminderCardData({ kind: 'reminder', percent: 50, obligation, statement, standard, forPerson: null, teamHeld: false }, cal, now));
 */
export function reminderCardData(reminder: Reminder, cal: WorkingCalendar, now: number): NudgeCardData {
  return {
    kind: reminder.kind,
    percent: reminder.percent,
    statementId: reminder.statement.id,
    reference: reminder.statement.child.reference,
    standardSource: sourceText(reminder.standard),
    standardTitle: reminder.standard.title,
    deadline: clockLine(reminder.obligation, reminder.standard, cal, now).text,
    coveringFor: reminder.forPerson?.name ?? null,
    teamHeld: reminder.teamHeld,
  };
}

/** What `nudge-card.json` binds to: the words and colour decided here, the verbs from `ANSWER_VERBS`. */
interface NudgeTemplateData {
  title: string;
  colour: string;
  lead: string;
  hasCovering: boolean;
  covering: string | null;
  facts: { title: string; value: string }[];
  statementId: string;
  /** `positive` makes "Show statement" the obvious button when it cannot wait. */
  showStyle: 'positive' | null;
  teamHeld: boolean;
  queueText: string;
  verbs: typeof ANSWER_VERBS;
}

/** Fractions people say rather than read as a number. */
const FRACTION_WORDS = new Map<number, string>([
  [25, 'A quarter'],
  [33, 'A third'],
  [50, 'Half'],
  [67, 'Two thirds'],
  [75, 'Three quarters'],
]);

/**
 * How far through the time allowed a reminder is, in words: `Half the time allowed has
 * gone`, `Three quarters of the time allowed has gone`, `90% of the time allowed has gone`.
 *
 * @example
 * progressPhrase(75); // 'Three quarters of the time allowed has gone'
 */
export function progressPhrase(percent: number): string {
  const p = Math.min(99, Math.max(1, Math.round(Number.isFinite(percent) ? percent : 50)));
  const fraction = FRACTION_WORDS.get(p);
  if (fraction === 'Half') return 'Half the time allowed has gone';
  return `${fraction ?? `${p}%`} of the time allowed has gone`;
}

/**
 * Renders a nudge to the person who must act:
 *
 * - `reminder`: the progress as the title (`Half the time allowed has gone`, amber from
 *   75%), "A reminder about statement C-1001.";
 * - `due`: "Due now" in amber, "The deadline for statement C-1001 is now.";
 * - `immediate` (Safety Link and other immediate standards): "Act now" in red, "Statement
 *   C-1001 needs action straight away.", and "Show statement" as the positive button.
 *
 * Sent to someone covering, a bold line says `For Sam Patel, who is away.` Then the facts
 * (statement reference, standard id and title, the exact deadline) and the buttons:
 * "Show statement" sends `{ verb: 'nudge.show', statementId }` (the statement's card is
 * posted below; the nudge stays), and for a statement in the participation team's queue
 * "Open the queue" sends `{ verb: 'ask', text: 'unassigned' }`. Neither carries inputs nor
 * grants anything. About 2 KB.
 *
 * @example
 * const card = renderNudgeCard({
 *   kind: 'immediate', percent: null, statementId: 'st_1', reference: 'C-1001',
 *   standardId: 'yjs.safety-link.1', standardTitle: 'Case manager follows up the Safety Link',
 *   deadline: 'Follow up now (sent 10:02 Mon 23 Nov)', coveringFor: 'Sam Patel', teamHeld: false,
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderNudgeCard(data: NudgeCardData): AdaptiveCardJson {
  return expandCardTemplate(nudgeTemplate, nudgeTemplateData(data));
}

function nudgeTemplateData(data: NudgeCardData): NudgeTemplateData {
  const words = kindWords(data);
  return {
    title: words.title,
    colour: words.colour,
    lead: words.lead,
    hasCovering: data.coveringFor !== null,
    covering: data.coveringFor === null ? null : `For ${data.coveringFor}, who is away.`,
    facts: [
      { title: 'Statement', value: data.reference },
      { title: 'Standard', value: `${data.standardTitle} · ${data.standardSource}` },
      { title: 'Deadline', value: data.deadline },
    ],
    statementId: data.statementId,
    showStyle: data.kind === 'immediate' ? 'positive' : null,
    teamHeld: data.teamHeld,
    queueText: QUEUE_QUESTION,
    verbs: ANSWER_VERBS,
  };
}

function kindWords(data: NudgeCardData): { title: string; colour: string; lead: string } {
  switch (data.kind) {
    case 'immediate':
      return { title: 'Act now', colour: TONE_COLOURS.attention, lead: `Statement ${data.reference} needs action straight away.` };
    case 'due':
      return { title: 'Due now', colour: TONE_COLOURS.warning, lead: `The deadline for statement ${data.reference} is now.` };
    case 'reminder': {
      const percent = data.percent ?? 50;
      return {
        title: progressPhrase(percent),
        colour: percent >= 75 ? TONE_COLOURS.warning : 'Default',
        lead: `A reminder about statement ${data.reference}.`,
      };
    }
  }
}
