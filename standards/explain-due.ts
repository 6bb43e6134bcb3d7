import { shortDayName } from './civil-date';
import { dueInstant, type ClockRule } from './due-instant';
import type { WorkingCalendar } from './working-calendar';

/**
 * Local wall-clock time `HH:MM` of an instant on a calendar.
 *
 * @example
 * localClockTime(cal, parseInstant('2026-03-30T13:00:00Z')); // '14:00'
 */
export function localClockTime(cal: WorkingCalendar, t: number): string {
  const local = t + cal.offsetAt(t);
  const minutes = Math.floor((((local % 86400) + 86400) % 86400) / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * `Mon 30 Mar` of the local date of an instant or of a day index.
 *
 * @example
 * localDayName(cal, cal.dayOf(t)); // 'Mon 30 Mar'
 */
export function localDayName(cal: WorkingCalendar, day: number): string {
  return shortDayName(cal.epochDay(day));
}

/**
 * A duration in working-time words: `2 h`, `2 h 30 min`, `45 min`.
 *
 * @example
 * hoursAndMinutes(9000); // '2 h 30 min'
 */
export function hoursAndMinutes(seconds: number): string {
  const total = Math.round(seconds / 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The named closures (bank holidays, organisation closures) strictly between two days that took a working day away. */
function closuresBetween(cal: WorkingCalendar, from: number, to: number): string[] {
  const names: string[] = [];
  const [lo, hi] = from < to ? [from, to] : [to, from];
  for (let i = lo + 1; i < hi; i++) {
    const why = cal.closedBecause.get(i);
    if (why && cal.isTemplateWorkingDay(i)) names.push(`${localDayName(cal, i)} (${why})`);
  }
  return names;
}

function skipping(names: string[]): string {
  if (names.length === 0) return '';
  return `; not counting ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`}`;
}

function at(cal: WorkingCalendar, t: number): string {
  return `${localDayName(cal, cal.dayOf(t))} ${localClockTime(cal, t)}`;
}

/**
 * A sentence a worker understands saying how a due instant was reached, e.g.
 * `7 working hours: 2 h on Fri 27 Mar, 5 h on Mon 30 Mar`. Pass `due` when it is
 * already known, to save working it out again.
 *
 * @example
 * explainDue({ clock: 'working-days', amount: 2, direction: 'after', modifier: null }, parseInstant('2026-12-24T11:00:00Z'), cal);
 * // '2 working days after Thu 24 Dec: the 2nd working day is Wed 30 Dec; not counting Fri 25 Dec (Christmas Day) and Mon 28 Dec (Boxing Day (substitute day)); due by close of business, 17:00'
 */
export function explainDue(rule: ClockRule, t: number, cal: WorkingCalendar, due: number = dueInstant(rule, t, cal)): string {
  const day0 = cal.dayOf(t);
  const dueDay = cal.dayOf(due);
  const n = rule.amount ?? 0;
  const cob = `due by close of business, ${localClockTime(cal, due)}`;

  if (rule.direction === 'before') {
    switch (rule.clock) {
      case 'before-event':
        return `before the event itself, at ${at(cal, t)}`;
      case 'working-days':
        return `${plural(n, 'working day')} before the event on ${localDayName(cal, day0)}: ${localDayName(cal, dueDay)}${skipping(closuresBetween(cal, dueDay, day0))}; ${cob}`;
      default:
        return `${plural(n, rule.clock === 'weeks' ? 'week' : rule.clock === 'months' ? 'month' : 'day')} before the event on ${localDayName(cal, day0)}: by the end of ${localDayName(cal, dueDay - 1)}`;
    }
  }

  if (rule.modifier === 'next-working-day-cob' && !cal.isWorkingDay(day0)) {
    const why = cal.closedBecause.get(day0);
    return `triggered on ${localDayName(cal, day0)}${why ? ` (${why})` : ''}, not a working day, so by the next working day, ${localDayName(cal, dueDay)}; ${cob}`;
  }

  switch (rule.clock) {
    case 'immediate':
      return `immediately: due at once, ${at(cal, t)}`;
    case 'hours':
      return `${plural(n, 'hour')} of elapsed time (nights and weekends count) after ${at(cal, t)}: ${at(cal, due)}`;
    case 'working-hours': {
      const parts: string[] = [];
      let cursor = t;
      for (let d = day0; d <= dueDay; d++) {
        const end = d === dueDay ? due : cal.endOfDay(d);
        const worked = cal.workedUntil(end) - cal.workedUntil(cursor);
        if (worked > 0) parts.push(`${hoursAndMinutes(worked)} on ${localDayName(cal, d)}`);
        cursor = end;
      }
      const closed = skipping(closuresBetween(cal, day0, dueDay));
      return `${plural(n, 'working hour')}: ${parts.join(', ')}${closed}; due at ${localClockTime(cal, due)}`;
    }
    case 'working-days':
      return `${plural(n, 'working day')} after ${localDayName(cal, day0)}: the ${ordinal(n)} working day is ${localDayName(cal, dueDay)}${skipping(closuresBetween(cal, day0, dueDay))}; ${cob}`;
    case 'same-working-day':
      if (dueDay === day0) return `the same working day, ${localDayName(cal, day0)}; ${cob}`;
      return `${cal.isWorkingDay(day0) ? 'after close of business' : 'not a working day'} on ${localDayName(cal, day0)}, so the next working day, ${localDayName(cal, dueDay)}; ${cob}`;
    case 'calendar-days':
      return `${plural(n, 'day')} after ${localDayName(cal, day0)}: by the end of ${localDayName(cal, dueDay - 1)}`;
    case 'weeks':
      return `${plural(n, 'week')} after ${localDayName(cal, day0)}: by the end of ${localDayName(cal, dueDay - 1)}`;
    case 'months':
      return `${plural(n, 'month')} after ${localDayName(cal, day0)}: by the end of ${localDayName(cal, dueDay - 1)}`;
    case 'before-event':
      return `before the event itself, at ${at(cal, t)}`;
  }
}
