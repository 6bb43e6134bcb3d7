import Holidays from 'date-holidays';
import type { Division } from './calendar-config';

const STATE_OF: Record<Division, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

/** A bank holiday. @example const h: BankHoliday = { date: '2026-12-28', name: 'Boxing Day (substitute day)' }; */
export interface BankHoliday {
  /** Local date `YYYY-MM-DD`. */
  date: string;
  name: string;
}

/**
 * The bank holidays of a UK division from `date-holidays` (public holidays of GB with
 * the division's region), substitute days and one-off days included, extended by rule to
 * future years. A holiday that falls at a weekend is listed on its own date as well as
 * on its substitute weekday (GOV.UK lists only the latter), so that a calendar which
 * works on Saturdays still closes on, say, Boxing Day.
 *
 * @example
 * bankHolidays('england-and-wales', 2026, 2026).map((h) => h.date).at(-1); // '2026-12-28'
 */
export function bankHolidays(division: Division, fromYear: number, toYear: number): BankHoliday[] {
  const hd = new Holidays('GB', STATE_OF[division]);
  const result: BankHoliday[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const h of hd.getHolidays(year)) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const date = h.date.slice(0, 10);
      if (!result.some((r) => r.date === date)) result.push({ date, name: h.name });
    }
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}
