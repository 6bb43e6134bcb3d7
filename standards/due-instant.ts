import { addMonths, civilDateOf, epochDayOf } from './civil-date';
import type { Clock } from './pack-schema';
import type { WorkingCalendar } from './working-calendar';

/**
 * The part of a standard that sets its deadline.
 *
 * @example
 * const rule: ClockRule = { clock: 'working-hours', amount: 7, direction: 'after', modifier: null };
 */
export interface ClockRule {
  clock: Clock;
  amount: number | null;
  direction: 'after' | 'before';
  modifier: 'next-working-day-cob' | null;
}

/**
 * A clock rule that cannot be computed (a missing amount, a clock that does not run
 * backward). Thrown before any arithmetic, with a plain message.
 *
 * @example
 * try { dueInstant({ clock: 'hours', amount: 2, direction: 'before', modifier: null }, t, cal); } catch (e) { (e as ClockRuleError).message; }
 */
export class ClockRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClockRuleError';
  }
}

function amountOf(rule: ClockRule): number {
  const n = rule.amount;
  if (n === null || !Number.isInteger(n) || n < 1) {
    throw new ClockRuleError(`clock "${rule.clock}" needs a whole-number amount of at least 1`);
  }
  return n;
}

/** End of the local date `months` months from day i, clamped to the month's last day. */
function endOfDayMonthsFrom(cal: WorkingCalendar, day: number, months: number): number {
  const target = addMonths(civilDateOf(cal.epochDay(day)), months);
  return cal.endOfDay(cal.indexOfEpochDay(epochDayOf(target)));
}

/**
 * The due instant of a clock for a trigger (or, counting backward, an event) at `t`, on a
 * compiled calendar: `time-semantics.md` exactly. Pure and allocation-free for the common
 * clocks; throws {@link ClockRuleError} for a rule it cannot compute and
 * `CalendarRangeError` outside the calendar's years.
 *
 * @example
 * const cal = compileCalendar();
 * formatInstant(dueInstant({ clock: 'working-hours', amount: 7, direction: 'after', modifier: null },
 *   parseInstant('2026-03-27T15:00:00Z'), cal)); // '2026-03-30T13:00:00Z'
 */
export function dueInstant(rule: ClockRule, t: number, cal: WorkingCalendar): number {
  if (rule.direction === 'before') return dueBefore(rule, t, cal);
  const day0 = cal.dayOf(t);
  if (rule.modifier === 'next-working-day-cob' && !cal.isWorkingDay(day0)) {
    return cal.closeOfBusiness(cal.nextWorkingDay(day0));
  }
  switch (rule.clock) {
    case 'immediate':
      return t;
    case 'hours':
      return t + amountOf(rule) * 3600;
    case 'working-hours':
      return cal.instantAtWork(cal.workedUntil(t, day0) + amountOf(rule) * 3600, day0);
    case 'working-days':
      return cal.closeOfBusiness(cal.nthWorkingDayAfter(day0, amountOf(rule)));
    case 'same-working-day':
      if (cal.isWorkingDay(day0) && t < cal.closeOfBusiness(day0)) return cal.closeOfBusiness(day0);
      return cal.closeOfBusiness(cal.nextWorkingDay(day0));
    case 'calendar-days':
      return cal.endOfDay(day0 + amountOf(rule));
    case 'weeks':
      return cal.endOfDay(day0 + 7 * amountOf(rule));
    case 'months':
      return endOfDayMonthsFrom(cal, day0, amountOf(rule));
    case 'before-event':
      throw new ClockRuleError('clock "before-event" only counts backward (direction "before")');
  }
}

function dueBefore(rule: ClockRule, e: number, cal: WorkingCalendar): number {
  if (rule.modifier !== null) throw new ClockRuleError('a modifier only applies to clocks counting forward');
  const day0 = cal.dayOf(e);
  switch (rule.clock) {
    case 'before-event':
      return e;
    case 'working-days':
      return cal.closeOfBusiness(cal.nthWorkingDayBefore(day0, amountOf(rule)));
    case 'calendar-days':
      return cal.endOfDay(day0 - amountOf(rule));
    case 'weeks':
      return cal.endOfDay(day0 - 7 * amountOf(rule));
    case 'months':
      return endOfDayMonthsFrom(cal, day0, -amountOf(rule));
    default:
      throw new ClockRuleError(`clock "${rule.clock}" cannot count backward from an event`);
  }
}

/**
 * Working seconds inside [a, b] on a calendar (0 when b ≤ a).
 *
 * @example
 * workingSecondsBetween(cal, parseInstant('2026-11-20T15:00:00Z'), parseInstant('2026-11-23T12:00:00Z')); // 18000
 */
export function workingSecondsBetween(cal: WorkingCalendar, a: number, b: number): number {
  return b <= a ? 0 : cal.workedUntil(b) - cal.workedUntil(a);
}

/**
 * The earliest instant at which `seconds` of working time have passed since `t`.
 *
 * @example
 * addWorkingSeconds(cal, parseInstant('2026-11-23T09:00:00Z'), 8 * 3600); // 17:00 the same day
 */
export function addWorkingSeconds(cal: WorkingCalendar, t: number, seconds: number): number {
  if (seconds <= 0) return t;
  const day = cal.dayOf(t);
  return cal.instantAtWork(cal.workedUntil(t, day) + seconds, day);
}
