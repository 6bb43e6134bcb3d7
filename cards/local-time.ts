import { tz } from '@date-fns/tz';
import { differenceInCalendarDays, format } from 'date-fns';
import type { WorkingCalendar } from '../standards';

/**
 * Every date and time a person reads, formatted in one place with date-fns in the
 * organisation's time zone (`@date-fns/tz`), as a British worker says them: `14:00`,
 * `Mon 30 Nov`, `14:00 today`. Instants are whole seconds since the epoch. The standards
 * engine keeps its own arithmetic (and its own words in the explanations it writes).
 */

/** The calendar's IANA zone as date-fns options. */
function inZone(cal: WorkingCalendar) {
  return { in: tz(cal.config.zone) };
}

/**
 * The local wall-clock time of an instant, 24-hour.
 *
 * @example
 * clockTime(cal, parseInstant('2026-07-01T13:00:00Z')); // '14:00' (BST)
 */
export function clockTime(cal: WorkingCalendar, t: number): string {
  return format(t * 1000, 'HH:mm', inZone(cal));
}

/**
 * The local date of an instant: weekday, day and month.
 *
 * @example
 * dayName(cal, parseInstant('2026-11-30T10:00:00Z')); // 'Mon 30 Nov'
 */
export function dayName(cal: WorkingCalendar, t: number): string {
  return format(t * 1000, 'EEE d MMM', inZone(cal));
}

/**
 * A civil date (days since 1970-01-01, no zone) as a weekday, day and month.
 *
 * @example
 * civilDayName(epochDayOf({ year: 2026, month: 11, day: 27 })); // 'Fri 27 Nov'
 */
export function civilDayName(epochDay: number): string {
  return format(epochDay * 86_400_000, 'EEE d MMM', { in: tz('UTC') });
}

/**
 * One day of the calendar's table (`cal.dayOf(t)`) as a weekday, day and month.
 *
 * @example
 * calendarDayName(cal, cal.dayOf(now)); // 'Mon 23 Nov'
 */
export function calendarDayName(cal: WorkingCalendar, day: number): string {
  return civilDayName(cal.epochDay(day));
}

/**
 * A deadline's time and the instant whose day it belongs to: a deadline at local midnight
 * is the end of the day before (`time-semantics.md`: the end of a local date is 24:00), so
 * it reads `24:00 Wed 25 Nov`, not `00:00 Thu 26 Nov`.
 */
function asDeadline(cal: WorkingCalendar, t: number): { time: string; day: number } {
  const time = clockTime(cal, t);
  return time === '00:00' && t % 60 === 0 ? { time: '24:00', day: t - 1 } : { time, day: t };
}

/**
 * The local time and date of an instant; local midnight as 24:00 of the day it ends.
 *
 * @example
 * timeAndDay(cal, parseInstant('2026-11-20T17:00:00Z')); // '17:00 Fri 20 Nov'
 * timeAndDay(cal, parseInstant('2026-11-26T00:00:00Z')); // '24:00 Wed 25 Nov'
 */
export function timeAndDay(cal: WorkingCalendar, t: number): string {
  const { time, day } = asDeadline(cal, t);
  return `${time} ${dayName(cal, day)}`;
}

/**
 * An instant as a worker says it, relative to now on the organisation's calendar:
 * `14:00 today`, `09:30 tomorrow`, `17:00 yesterday`, `17:00 Mon 30 Nov`; local midnight
 * as 24:00 of the day it ends (`24:00 today` is tonight's midnight).
 *
 * @example
 * whenText(cal, parseInstant('2026-11-23T14:00:00Z'), parseInstant('2026-11-23T09:00:00Z')); // '14:00 today'
 */
export function whenText(cal: WorkingCalendar, t: number, now: number): string {
  const { time, day } = asDeadline(cal, t);
  const days = differenceInCalendarDays(day * 1000, now * 1000, inZone(cal));
  const name = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days === -1 ? 'yesterday' : dayName(cal, day);
  return `${time} ${name}`;
}

/**
 * The day someone away until `lastDay` (a local date, their last day away) is back: the
 * first working day after it, by the organisation's calendar.
 *
 * @example
 * backOnDay(cal, '2026-11-27'); // 'Mon 30 Nov'
 */
export function backOnDay(cal: WorkingCalendar, lastDay: string): string {
  return calendarDayName(cal, cal.nextWorkingDay(cal.dayOfDate(lastDay)));
}

/**
 * A civil date's weekday in full.
 *
 * @example
 * civilWeekday(epochDayOf({ year: 2026, month: 11, day: 30 })); // 'Monday'
 */
export function civilWeekday(epochDay: number): string {
  return format(epochDay * 86_400_000, 'EEEE', { in: tz('UTC') });
}

/**
 * A month `YYYY-MM` as a person reads it.
 *
 * @example
 * monthName('2026-11'); // 'November 2026'
 */
export function monthName(month: string): string {
  return format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1), 'MMMM yyyy', { in: tz('UTC') });
}

/**
 * The day, year and time of an instant in the council's zone: what a history lists.
 *
 * @example
 * dateAndTime(cal, t); // 'Mon 23 Nov 2026, 14:05'
 */
export function dateAndTime(cal: WorkingCalendar, t: number): string {
  return format(t * 1000, 'EEE d MMM yyyy, HH:mm', inZone(cal));
}
