import type { Division } from '../standards/calendar-defaults';
import { CalendarRangeError, compileDefaultCalendar, type WorkingCalendar } from '../standards/working-calendar';

/** A leap year's seconds: the margin kept around an instant, as `compute`'s year − 1 … year + 2 keeps it. */
const YEAR = 366 * 86400;

/** Instants the command accepts, so that a typo such as year 20266 gets a plain error. */
export const SUPPORTED_YEARS = { from: 1971, to: 2199 } as const;

/**
 * Compiled calendars per bank-holiday division, covering only the years the inputs need
 * (compiling bank holidays costs a few milliseconds a year), widened on demand.
 *
 * @example
 * const calendars = new CalendarCache();
 * calendars.compute('scotland', at, (cal) => dueInstant(rule, at, cal));
 */
export class CalendarCache {
  private readonly calendars = new Map<Division, WorkingCalendar>();

  /** Runs `fn` with a calendar of `division` that covers the year of `at`, widening once if the result falls outside. */
  compute<T>(division: Division, at: number, fn: (cal: WorkingCalendar) => T): T {
    const cached = this.calendars.get(division);
    // Most instants of a batch fall well inside the calendar compiled for the first ones.
    if (cached && at - YEAR >= cached.midnight[0] && at + 2 * YEAR < cached.midnight[cached.days]) {
      try {
        return fn(cached);
      } catch (e) {
        if (!(e instanceof CalendarRangeError)) throw e;
      }
    }
    const year = new Date(at * 1000).getUTCFullYear();
    if (year < SUPPORTED_YEARS.from || year > SUPPORTED_YEARS.to) {
      throw new RangeError(`year ${year} is outside the supported years ${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to}`);
    }
    let cal = this.covering(division, year - 1, year + 2);
    try {
      return fn(cal);
    } catch (e) {
      if (!(e instanceof CalendarRangeError)) throw e;
      cal = this.covering(division, year - 10, year + 10);
      return fn(cal);
    }
  }

  private covering(division: Division, from: number, to: number): WorkingCalendar {
    const lo = Math.max(from, SUPPORTED_YEARS.from - 1);
    const hi = Math.min(to, SUPPORTED_YEARS.to + 1);
    const existing = this.calendars.get(division);
    if (existing && existing.fromYear <= lo && existing.toYear >= hi) return existing;
    const cal = compileDefaultCalendar(division, { from: Math.min(lo, existing?.fromYear ?? lo), to: Math.max(hi, existing?.toYear ?? hi) });
    this.calendars.set(division, cal);
    return cal;
  }
}
