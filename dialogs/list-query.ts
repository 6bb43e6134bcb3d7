import type { ListQuery } from '../cards/answer-card-models';
import type { InstantWindow } from '../domain/worklists';
import { civilDateOf, epochDayOf, formatCivilDate, parseCivilDate, type WorkingCalendar } from '../standards';
import type { Understanding } from './understand';

/**
 * Which list a question asks for, and the days and instants it covers, on the
 * organisation's calendar.
 */

/**
 * The list a question asks for: overdue, not opened, or due (in the range it names).
 *
 * @example
 * listOf(understanding).kind; // 'due' for "what's due this week?"
 */
export function listOf(u: Understanding): ListQuery {
  const kind = u.intent === 'overdue' || u.intent === 'team-overdue' ? 'overdue' : u.intent === 'unopened' ? 'unopened' : 'due';
  return { kind, from: kind === 'due' ? u.range?.from ?? null : null, to: kind === 'due' ? u.range?.to ?? null : null };
}

/** Today on the calendar, as days since 1970-01-01. @example localEpochDay(cal, now); */
export function localEpochDay(cal: WorkingCalendar, t: number): number {
  return cal.epochDay(cal.dayOf(t));
}

/** Today's local date, `YYYY-MM-DD`. @example localDate(cal, now); // '2026-11-23' */
export function localDate(cal: WorkingCalendar, t: number): string {
  return formatCivilDate(civilDateOf(localEpochDay(cal, t)));
}

/** A local date `YYYY-MM-DD` as days since 1970-01-01. @example dayNumber('1970-01-02'); // 1 */
export function dayNumber(iso: string): number {
  const d = parseCivilDate(iso);
  if (!d) throw new RangeError(`not a date: ${iso}`);
  return epochDayOf(d);
}

/**
 * The instants a due list covers: from the first day's local midnight to the one after
 * the last day (the next 7 days when the list names none).
 *
 * @example
 * windowOf({ kind: 'due', from: '2026-11-23', to: '2026-11-29' }, cal, now);
 */
export function windowOf(list: ListQuery, cal: WorkingCalendar, now: number): InstantWindow {
  const today = localEpochDay(cal, now);
  const from = list.from ? dayNumber(list.from) : today;
  const to = list.to ? dayNumber(list.to) : today + 6;
  return { from: cal.midnight[cal.indexOfEpochDay(from)], to: cal.midnight[cal.indexOfEpochDay(to + 1)] };
}
