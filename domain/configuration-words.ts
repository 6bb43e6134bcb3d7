import { daysInMonth, parseCivilDate } from '../standards';
import type { Tally } from './configuration-service';
import type { ReplayLine } from './replay';

/**
 * The sentences a dry run and an applied change are told in, the same on the command
 * line and on the admin card: "37 open deadlines move; 5 become overdue, 2 stop being
 * overdue." and "momo.2.1 on-time rate, Sep–Nov 2026: 89% as configured, 81% under the
 * change (120 deadlines)."
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What a change moves, in the future tense for a dry run and the past for a change made.
 *
 * @example
 * impactSentence({ examined: 50, moved: 37, becomeOverdue: 5, stopBeingOverdue: 2, closed: 0, replanned: 0 }, 'dry-run');
 * // '37 open deadlines move; 5 become overdue, 2 stop being overdue.'
 */
export function impactSentence(tally: Tally, tense: 'dry-run' | 'applied'): string {
  const dry = tense === 'dry-run';
  // In the present tense the verb agrees with its count: "1 open deadline moves", "2 become overdue".
  const verb = (n: number, present: string, past: string) => (dry ? (n === 1 ? `${present}s` : present) : past);
  return (
    `${plural(tally.moved, 'open deadline')} ${verb(tally.moved, 'move', 'moved')}; ${tally.becomeOverdue} ${verb(tally.becomeOverdue, 'become', 'became')} overdue, ${tally.stopBeingOverdue} ${verb(tally.stopBeingOverdue, 'stop', 'stopped')} being overdue.` +
    (tally.closed > 0 ? ` ${plural(tally.closed, 'open clock')} ${verb(tally.closed, 'close', 'closed')}: ${tally.closed === 1 ? 'its standard is' : 'their standards are'} switched off.` : '') +
    (tally.replanned > 0 ? ` ${plural(tally.replanned, 'open clock')} ${dry ? (tally.replanned === 1 ? 'gets' : 'get') : 'got'} ${tally.replanned === 1 ? 'its' : 'their'} next reminder at the new points.` : '')
  );
}

/**
 * A period of inclusive dates as words: whole months as `Sep–Nov 2026`, else `3 Sep–15 Nov 2026`.
 *
 * @example
 * periodWords('2026-09-01', '2026-11-30'); // 'Sep–Nov 2026'
 */
export function periodWords(from: string, to: string): string {
  const a = parseCivilDate(from)!;
  const b = parseCivilDate(to)!;
  const yearOf = (d: { year: number }) => (a.year === b.year ? '' : ` ${d.year}`);
  if (a.day === 1 && daysInMonth(b.year, b.month) === b.day) {
    if (a.year === b.year && a.month === b.month) return `${MONTHS[a.month - 1]} ${a.year}`;
    return `${MONTHS[a.month - 1]}${yearOf(a)}–${MONTHS[b.month - 1]} ${b.year}`;
  }
  return `${a.day} ${MONTHS[a.month - 1]}${yearOf(a)}–${b.day} ${MONTHS[b.month - 1]} ${b.year}`;
}

function percent(rate: number | null): string {
  return rate === null ? 'none judged' : `${Math.round(rate * 100)}%`;
}

/**
 * One standard of a replay as a sentence.
 *
 * @example
 * replaySentence(line, 'Sep–Nov 2026'); // 'momo.2.1 on-time rate, Sep–Nov 2026: 89% as configured, 81% under the change (120 deadlines).'
 */
export function replaySentence(line: ReplayLine, period: string): string {
  const head = `${line.standardId} on-time rate, ${period}: ${percent(line.asConfigured.onTimeRate)} as configured`;
  const tail = line.underChange === null ? '; switched off under the change' : `, ${percent(line.underChange.onTimeRate)} under the change`;
  return `${head}${tail} (${plural(line.due, 'deadline')}).`;
}
