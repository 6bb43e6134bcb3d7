import { bankHolidays } from './bank-holidays';
import type * as CalendarConfigModule from './calendar-config';
import type { CalendarConfig, CalendarConfigInput } from './calendar-config';
import { DEFAULT_WORKING_DAY, DEFAULT_ZONE, type Division } from './calendar-defaults';
import { civilDateOf, epochDayOf, formatCivilDate, isoWeekdayOf, minutesOfDay, parseCivilDate } from './civil-date';
import { zoneOffsets, type ZoneOffsets } from './zone-offsets';

/** The years a calendar covers unless told otherwise. @example DEFAULT_YEARS.from; // 2000 */
export const DEFAULT_YEARS = { from: 2000, to: 2060 } as const;

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Thrown when an instant or date falls outside the years a calendar was compiled for.
 *
 * @example
 * try { cal.dayOf(0); } catch (e) { e instanceof CalendarRangeError; }
 */
export class CalendarRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarRangeError';
  }
}

/**
 * A working calendar compiled into a per-day table: for every local date of its years,
 * the UTC instant of local midnight, its working intervals as UTC instants, close of
 * business, and running totals of working seconds and working days. Deadline arithmetic
 * reads these arrays; it never steps through time or calls `Intl`.
 *
 * Days are addressed by index `i` (0 = 1 January of the first year); instants are whole
 * seconds since the epoch.
 *
 * @example
 * const cal = compileCalendar({ division: 'england-and-wales' });
 * cal.isWorkingDay(cal.dayOf(parseInstant('2026-12-28T12:00:00Z'))); // false (Boxing Day substitute)
 */
export class WorkingCalendar {
  /** Epoch day of index 0. */
  readonly firstEpochDay: number;
  /** Number of days in the table. */
  readonly days: number;
  /** UTC instant of local 00:00 of day i; `midnight[days]` ends the last day. */
  readonly midnight: Float64Array;
  /** Working intervals of day i are `ivStart[k]..ivEnd[k]` for k in `ivFrom[i] .. ivFrom[i+1]-1`. */
  readonly ivFrom: Int32Array;
  readonly ivStart: Float64Array;
  readonly ivEnd: Float64Array;
  /** Working seconds in all days before day i (length days + 1). */
  readonly workBefore: Float64Array;
  /** Number of working days before day i (length days + 1). */
  readonly workingDaysBefore: Int32Array;
  /** Indices of the working days, ascending. */
  readonly workingDays: Int32Array;
  /** Why a weekday is not a working day: bank holiday or closure name (absent for weekends). */
  readonly closedBecause: ReadonlyMap<number, string>;
  /** Whether the week template has working time on each ISO weekday (Monday first). */
  private readonly templateWorks: readonly boolean[];

  constructor(
    readonly config: CalendarConfig,
    readonly fromYear: number,
    readonly toYear: number,
    readonly zone: ZoneOffsets,
  ) {
    this.firstEpochDay = epochDayOf({ year: fromYear, month: 1, day: 1 });
    const lastEpochDay = epochDayOf({ year: toYear, month: 12, day: 31 });
    const days = lastEpochDay - this.firstEpochDay + 1;
    this.days = days;

    const closed = new Map<number, string>();
    const addClosed = (date: string, name: string) => {
      const civil = parseCivilDate(date);
      if (!civil) return;
      const i = epochDayOf(civil) - this.firstEpochDay;
      if (i >= 0 && i < days && !closed.has(i)) closed.set(i, name);
    };
    for (const h of bankHolidays(config.division, fromYear, toYear)) addClosed(h.date, h.name);
    for (const h of config.extraHolidays) addClosed(h.date, h.name);
    for (const c of config.closures) addClosed(c.date, c.name);
    this.closedBecause = closed;

    const week = WEEKDAY_KEYS.map((k) => config.week[k].map(([s, e]) => [minutesOfDay(s) * 60, minutesOfDay(e) * 60]));
    this.templateWorks = week.map((intervals) => intervals.length > 0);
    this.midnight = new Float64Array(days + 1);
    this.ivFrom = new Int32Array(days + 1);
    this.workBefore = new Float64Array(days + 1);
    this.workingDaysBefore = new Int32Array(days + 1);
    const starts: number[] = [];
    const ends: number[] = [];
    const working: number[] = [];
    for (let i = 0; i <= days; i++) {
      const localMidnight = (this.firstEpochDay + i) * 86400;
      this.midnight[i] = zone.toUtc(localMidnight);
      if (i === days) break;
      this.ivFrom[i] = starts.length;
      let secondsToday = 0;
      const intervals = closed.has(i) ? [] : week[isoWeekdayOf(this.firstEpochDay + i) - 1];
      for (const [s, e] of intervals) {
        const start = zone.toUtc(localMidnight + s);
        const end = e === 86400 ? zone.toUtc(localMidnight + 86400) : zone.toUtc(localMidnight + e);
        if (end <= start) continue;
        starts.push(start);
        ends.push(end);
        secondsToday += end - start;
      }
      this.workBefore[i + 1] = this.workBefore[i] + secondsToday;
      const isWorking = secondsToday > 0;
      if (isWorking) working.push(i);
      this.workingDaysBefore[i + 1] = this.workingDaysBefore[i] + (isWorking ? 1 : 0);
    }
    this.ivFrom[days] = starts.length;
    this.ivStart = Float64Array.from(starts);
    this.ivEnd = Float64Array.from(ends);
    this.workingDays = Int32Array.from(working);
  }

  /**
   * The day index of the local date an instant falls on.
   *
   * @example
   * cal.dayOf(parseInstant('2026-07-01T23:30:00Z')); // the index of 2 July (00:30 BST)
   */
  dayOf(t: number): number {
    const m = this.midnight;
    let i = Math.floor((t - m[0]) / 86400);
    if (i < 0 || i >= this.days) {
      if (t < m[0] || t >= m[this.days]) throw this.outOfRange(t);
      i = i < 0 ? 0 : this.days - 1;
    }
    while (t < m[i]) i--;
    while (t >= m[i + 1]) i++;
    return i;
  }

  /** Whether day i has working time. @example cal.isWorkingDay(cal.dayOfDate('2026-12-25')); // false */
  isWorkingDay(i: number): boolean {
    return this.ivFrom[i + 1] > this.ivFrom[i];
  }

  /**
   * Whether the week template has working time on day i's weekday (so a bank holiday
   * or closure on it takes a working day away).
   *
   * @example
   * cal.isTemplateWorkingDay(cal.dayOfDate('2026-12-26')); // false: a Saturday
   */
  isTemplateWorkingDay(i: number): boolean {
    return this.templateWorks[isoWeekdayOf(this.firstEpochDay + i) - 1];
  }

  /** Close of business (end of the last interval) of working day i. @example cal.closeOfBusiness(i); */
  closeOfBusiness(i: number): number {
    return this.ivEnd[this.ivFrom[i + 1] - 1];
  }

  /** Start of the first interval of working day i. @example cal.openingTime(i); */
  openingTime(i: number): number {
    return this.ivStart[this.ivFrom[i]];
  }

  /** The UTC instant that ends local day i (24:00 local). @example cal.endOfDay(i); */
  endOfDay(i: number): number {
    this.checkIndex(i + 1);
    return this.midnight[i + 1];
  }

  /**
   * The index of the first working day after day i.
   *
   * @example
   * cal.nextWorkingDay(cal.dayOfDate('2026-12-24')); // the index of 29 Dec 2026
   */
  nextWorkingDay(i: number): number {
    return this.nthWorkingDayAfter(i, 1);
  }

  /** The index of the Nth working day after day i (day i itself is day 0). @example cal.nthWorkingDayAfter(i, 2); */
  nthWorkingDayAfter(i: number, n: number): number {
    const k = this.workingDaysBefore[i + 1] + n - 1;
    if (k >= this.workingDays.length) throw this.outOfRange(this.midnight[this.days]);
    return this.workingDays[k];
  }

  /** The index of the Nth working day before day i. @example cal.nthWorkingDayBefore(i, 10); */
  nthWorkingDayBefore(i: number, n: number): number {
    const k = this.workingDaysBefore[i] - n;
    if (k < 0) throw this.outOfRange(this.midnight[0] - 1);
    return this.workingDays[k];
  }

  /**
   * Working seconds from the start of the calendar up to instant t (pass t's day index
   * when it is already known).
   *
   * @example
   * cal.workedUntil(b) - cal.workedUntil(a); // working seconds in [a, b]
   */
  workedUntil(t: number, i: number = this.dayOf(t)): number {
    let w = this.workBefore[i];
    for (let k = this.ivFrom[i], end = this.ivFrom[i + 1]; k < end; k++) {
      const s = this.ivStart[k];
      if (t <= s) break;
      const e = this.ivEnd[k];
      w += (t < e ? t : e) - s;
    }
    return w;
  }

  /**
   * The earliest instant at which `total` working seconds have elapsed since the start
   * of the calendar (an instant landing on the end of an interval stays there).
   *
   * @example
   * cal.instantAtWork(cal.workedUntil(t) + 3600); // one working hour after t
   */
  instantAtWork(total: number, fromDay = 0): number {
    const wb = this.workBefore;
    // Smallest day j >= fromDay whose end has reached the total: gallop, then bisect.
    let lo = fromDay;
    let step = 1;
    let hi = fromDay;
    while (hi < this.days && wb[hi + 1] < total) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi >= this.days) {
      hi = this.days - 1;
      if (wb[this.days] < total) throw this.outOfRange(this.midnight[this.days]);
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (wb[mid + 1] < total) lo = mid + 1;
      else hi = mid;
    }
    let remaining = total - wb[lo];
    for (let k = this.ivFrom[lo], end = this.ivFrom[lo + 1]; k < end; k++) {
      const length = this.ivEnd[k] - this.ivStart[k];
      if (remaining <= length) return this.ivStart[k] + remaining;
      remaining -= length;
    }
    /* istanbul ignore next -- unreachable: the day was chosen because its total reaches `total` */
    throw new Error('working-time table is inconsistent');
  }

  /**
   * The day index of a local date `YYYY-MM-DD`.
   *
   * @example
   * cal.dayOfDate('2026-11-23');
   */
  dayOfDate(date: string): number {
    const civil = parseCivilDate(date);
    if (!civil) throw new RangeError(`"${date}" is not a date YYYY-MM-DD`);
    const i = epochDayOf(civil) - this.firstEpochDay;
    this.checkIndex(i);
    return i;
  }

  /** Epoch day of day index i. @example cal.epochDay(0); */
  epochDay(i: number): number {
    return this.firstEpochDay + i;
  }

  /** `YYYY-MM-DD` of day index i. @example cal.dateOf(cal.dayOfDate('2026-11-23')); // '2026-11-23' */
  dateOf(i: number): string {
    return formatCivilDate(civilDateOf(this.firstEpochDay + i));
  }

  /** UTC offset (seconds) in force at instant t. @example cal.offsetAt(t); // 0 in winter, 3600 in summer (London) */
  offsetAt(t: number): number {
    return this.zone.offsetAt(t);
  }

  /** Index from a day's epoch day, range-checked. @example cal.indexOfEpochDay(20415); */
  indexOfEpochDay(epochDay: number): number {
    const i = epochDay - this.firstEpochDay;
    this.checkIndex(i);
    return i;
  }

  private checkIndex(i: number): void {
    if (i < 0 || i > this.days) {
      throw new CalendarRangeError(`the date is outside the calendar's years ${this.fromYear}–${this.toYear}`);
    }
  }

  private outOfRange(t: number): CalendarRangeError {
    return new CalendarRangeError(
      `${new Date(t * 1000).toISOString().slice(0, 10)} is outside the calendar's years ${this.fromYear}–${this.toYear}`,
    );
  }
}

/**
 * Validates a calendar configuration and compiles it for a span of years.
 *
 * @example
 * const scotland = compileCalendar({ division: 'scotland' });
 * const shortFriday = compileCalendar({ week: { fri: [['09:00', '16:30']] } }, { from: 2024, to: 2028 });
 */
export function compileCalendar(
  input: CalendarConfigInput = {},
  years: { from: number; to: number } = DEFAULT_YEARS,
): WorkingCalendar {
  // The schema (and zod with it) is loaded on first use, not at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CalendarConfigSchema } = require('./calendar-config') as typeof CalendarConfigModule;
  return compileValid(CalendarConfigSchema.parse(input), years);
}

/**
 * The default calendar of a division: Monday to Friday 09:00–17:00 in Europe/London, no
 * closures — what `CalendarConfigSchema.parse({ division })` gives.
 *
 * @example
 * defaultCalendarConfig('scotland').week.sat; // []
 */
export function defaultCalendarConfig(division: Division): CalendarConfig {
  return {
    zone: DEFAULT_ZONE,
    week: {
      mon: DEFAULT_WORKING_DAY,
      tue: DEFAULT_WORKING_DAY,
      wed: DEFAULT_WORKING_DAY,
      thu: DEFAULT_WORKING_DAY,
      fri: DEFAULT_WORKING_DAY,
      sat: [],
      sun: [],
    },
    division,
    closures: [],
    extraHolidays: [],
  };
}

/**
 * Compiles a division's default calendar ({@link defaultCalendarConfig}), with nothing to
 * validate — as `compileCalendar({ division }, years)` does, without loading zod.
 *
 * @example
 * compileDefaultCalendar('northern-ireland', { from: 2026, to: 2027 });
 */
export function compileDefaultCalendar(division: Division, years: { from: number; to: number } = DEFAULT_YEARS): WorkingCalendar {
  return compileValid(defaultCalendarConfig(division), years);
}

function compileValid(config: CalendarConfig, years: { from: number; to: number }): WorkingCalendar {
  if (!Number.isInteger(years.from) || !Number.isInteger(years.to) || years.from > years.to) {
    throw new RangeError(`calendar years must be whole and ascending, got ${years.from}–${years.to}`);
  }
  return new WorkingCalendar(config, years.from, years.to, zoneOffsets(config.zone, years.from, years.to));
}
