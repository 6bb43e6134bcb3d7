import { CalendarRangeError, compileCalendar, type Division, type WorkingCalendar } from '../standards';

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

  /**
   * Compiles, once, a calendar covering the given years (plus the margin `compute`
   * uses), so that a batch does not recompile as its instants wander across years.
   */
  prepare(division: Division, fromYear: number, toYear: number): void {
    this.covering(division, fromYear - 1, toYear + 2);
  }

  private covering(division: Division, from: number, to: number): WorkingCalendar {
    const lo = Math.max(from, SUPPORTED_YEARS.from - 1);
    const hi = Math.min(to, SUPPORTED_YEARS.to + 1);
    const existing = this.calendars.get(division);
    if (existing && existing.fromYear <= lo && existing.toYear >= hi) return existing;
    const cal = compileCalendar(
      { division },
      { from: Math.min(lo, existing?.fromYear ?? lo), to: Math.max(hi, existing?.toYear ?? hi) },
    );
    this.calendars.set(division, cal);
    return cal;
  }
}
