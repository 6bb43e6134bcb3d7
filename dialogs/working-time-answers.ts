import { capitalise } from '../cards/sentence-case';
import { calendarWords } from '../cards/admin-view';
import { renderAnswerCard } from '../cards/answer-card';
import { calendarDayName, civilDayName, clockTime, whenText } from '../cards/local-time';
import { ownerText, packTimescaleText, sourceText, timescaleText } from '../cards/statement-words';
import { civilDateOf, dueInstant, explainDue } from '../standards';
import type { DialogDeps } from './dialog-deps';
import { dayNumber } from './list-query';
import { card, type Reply } from './reply';
import { findStandard } from './standard-lookup';
import type { Understanding } from './understand';

/**
 * Questions anyone may ask anywhere, since they carry no statement or person: working-time
 * arithmetic on the council's calendar ("when is 10 working days before 12 March?") and
 * what a standard says, with its verbatim source sentence.
 *
 * @example
 * new WorkingTimeAnswers(deps).when(understanding);
 */
export class WorkingTimeAnswers {
  constructor(private readonly deps: DialogDeps) {}

  /** The engine's arithmetic and its explanation. */
  when(u: Understanding): Reply {
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
      const from = q.anchor === null ? `now (${whenText(cal, now, now)})` : civilDayName(dayNumber(q.anchor)) + (q.anchorMinutes !== null ? ` ${clockTime(cal, anchor)}` : '');
      // No separate "working time" figure: for 10 working days it was "72 working hours" (the nine whole days between), which
      // read as a second, contradictory timescale. How it was counted is the explanation.
      return card(renderAnswerCard({
        title: `${q.amount} ${unitWords(q)} ${q.direction} ${from}`,
        tone: null,
        lines: [`${calendarDayName(cal, dueDay)} ${civilDateOf(cal.epochDay(dueDay)).year}, ${clockTime(cal, due)}`],
        facts: [
          { title: 'How', value: explainDue(rule, anchor, cal) },
          { title: 'Calendar', value: calendarWords(cal.config) },
        ],
        quote: null,
        followUps: [],
      }));
    } catch (e) {
      return { kind: 'text', text: `I can't work that out: ${e instanceof Error ? e.message : String(e)}. Try a date within the next few years.` };
    }
  }

  /** A standard's timescale, owner and reading, and its source sentence with document and section. */
  standard(u: Understanding): Reply {
    const s = findStandard(this.deps.standards, u.standardRef, u.words);
    if (!s) {
      return card(renderAnswerCard({
        title: "I couldn't tell which standard you mean",
        tone: null,
        lines: ['Name it by number ("standard 2.1") or by what it is about ("how long do I have to open a statement?").'],
        facts: [],
        quote: null,
        followUps: [{ title: 'Opening a statement', text: 'how long do I have to open a statement?' }],
      }));
    }
    // A timescale already worded against the event ("10 working days before the event") is not told so twice.
    const before = s.direction === 'before' && !timescaleText(s).endsWith('before the event') ? ' before the event' : '';
    const o = s.override;
    return card(renderAnswerCard({
      title: s.title,
      tone: null,
      lines: [o?.disabled ? 'Switched off here: it opens no clocks.' : `Timescale: ${timescaleText(s)}${before}.`],
      facts: [
        { title: 'Who', value: capitalise(ownerText(s.owner)) },
        ...(s.interpretation ? [{ title: o && o.pack.interpretation !== s.interpretation ? "The council's reading" : 'Read as', value: s.interpretation }] : []),
        // Both readings, and why the council chose its own (the setting "standards").
        ...(o ? [{ title: "The pack's timescale", value: `${packTimescaleText(s)}${before}` }] : []),
        ...(o && o.pack.interpretation !== s.interpretation && o.pack.interpretation ? [{ title: "The pack's reading", value: o.pack.interpretation }] : []),
        ...(o ? [{ title: o.disabled ? 'Switched off because' : 'Changed because', value: o.reason }] : []),
      ],
      quote: { text: s.source.quote, source: sourceText(s) },
      followUps: [],
    }));
  }
}

function unitWords(q: NonNullable<Understanding['when']>): string {
  const names: Record<string, string> = { 'working-days': 'working day', 'working-hours': 'working hour', 'calendar-days': 'day', hours: 'hour', weeks: 'week', months: 'month' };
  return `${names[q.clock]}${q.amount === 1 ? '' : 's'}`;
}
