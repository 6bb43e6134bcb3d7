/**
 * Proleptic Gregorian calendar arithmetic on "epoch days" (days since 1970-01-01), with
 * no time zone and no `Date`: the day table and the clocks use these in their inner loops.
 * Algorithms from Howard Hinnant's `chrono`-compatible date algorithms.
 */

/** A calendar date. @example const d: CivilDate = { year: 2026, month: 11, day: 23 }; */
export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/**
 * Days since 1970-01-01 of a calendar date.
 *
 * @example
 * epochDayOf({ year: 1970, month: 1, day: 2 }); // 1
 */
export function epochDayOf({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of an epoch day.
 *
 * @example
 * civilDateOf(20415); // { year: 2025, month: 11, day: 23 }
 */
export function civilDateOf(epochDay: number): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * ISO weekday of an epoch day: 1 = Monday … 7 = Sunday.
 *
 * @example
 * isoWeekdayOf(0); // 4 (1970-01-01 was a Thursday)
 */
export function isoWeekdayOf(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/**
 * Days in a month, leap years included.
 *
 * @example
 * daysInMonth(2028, 2); // 29
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Adds (or, with a negative count, subtracts) calendar months, clamping to the last day
 * of the resulting month.
 *
 * @example
 * addMonths({ year: 2026, month: 1, day: 31 }, 1); // { year: 2026, month: 2, day: 28 }
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/**
 * `YYYY-MM-DD` of a calendar date.
 *
 * @example
 * formatCivilDate({ year: 2026, month: 3, day: 5 }); // '2026-03-05'
 */
export function formatCivilDate({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Parses a strict `YYYY-MM-DD` date, or returns null.
 *
 * @example
 * parseCivilDate('2026-02-30'); // null
 */
export function parseCivilDate(text: string): CivilDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return null;
  return date;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A short British rendering of a date, as workers read it: `Fri 27 Mar`.
 *
 * @example
 * shortDayName(epochDayOf({ year: 2026, month: 3, day: 27 })); // 'Fri 27 Mar'
 */
export function shortDayName(epochDay: number): string {
  let name = shortDayNames.get(epochDay);
  if (name === undefined) {
    const d = civilDateOf(epochDay);
    name = `${WEEKDAY_NAMES[isoWeekdayOf(epochDay) - 1]} ${d.day} ${MONTH_NAMES[d.month - 1]}`;
    shortDayNames.set(epochDay, name);
  }
  return name;
}

/** Names worked out so far: explanations name the same few thousand days again and again. */
const shortDayNames = new Map<number, string>();

/** Minutes since local midnight of an `HH:MM` time. @example minutesOfDay('16:30'); // 990 */
export function minutesOfDay(t: string): number {
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
}
