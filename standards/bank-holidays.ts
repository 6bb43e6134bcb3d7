import * as fs from 'fs';
import * as path from 'path';
import type HolidaysClass from 'date-holidays';
import type { Division } from './calendar-defaults';

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
 * `date-holidays` (and the moment-timezone it brings) takes a few hundred milliseconds
 * to load, so it is loaded only when a year outside the built table is asked for.
 *
 * @example
 * computeBankHolidays('england-and-wales', 2026, 2026).map((h) => h.date).at(-1); // '2026-12-28'
 */
export function computeBankHolidays(division: Division, fromYear: number, toYear: number): BankHoliday[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Holidays = require('date-holidays') as typeof HolidaysClass;
  const hd = new Holidays('GB', STATE_OF[division]);
  const seen = new Set<string>();
  const result: BankHoliday[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const h of hd.getHolidays(year)) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const date = h.date.slice(0, 10);
      if (seen.has(date)) continue;
      seen.add(date);
      result.push({ date, name: h.name });
    }
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}

/** Every division's bank holidays over a span of years, as `npm run build` keeps them. */
export interface BankHolidayTable {
  from: number;
  to: number;
  divisions: Record<Division, BankHoliday[]>;
}

/**
 * Works out the table `npm run build` writes beside the compiled engine
 * ({@link BANK_HOLIDAYS_FILE}).
 *
 * @example
 * buildBankHolidayTable(2000, 2060).divisions.scotland.length;
 */
export function buildBankHolidayTable(from: number, to: number): BankHolidayTable {
  return {
    from,
    to,
    divisions: {
      'england-and-wales': computeBankHolidays('england-and-wales', from, to),
      scotland: computeBankHolidays('scotland', from, to),
      'northern-ireland': computeBankHolidays('northern-ireland', from, to),
    },
  };
}

/**
 * The bank holidays of `division` from a table, or null when the table does not cover
 * every year asked for.
 *
 * @example
 * bankHolidaysFrom(table, 'scotland', 2026, 2026)?.[0].date; // '2026-01-01'
 */
export function bankHolidaysFrom(table: BankHolidayTable, division: Division, fromYear: number, toYear: number): BankHoliday[] | null {
  if (fromYear < table.from || toYear > table.to) return null;
  const first = `${String(fromYear).padStart(4, '0')}-01-01`;
  const last = `${String(toYear).padStart(4, '0')}-12-31`;
  return table.divisions[division].filter((h) => h.date >= first && h.date <= last);
}

/** File name of the bank-holiday table `npm run build` writes into `dist/standards/`. */
export const BANK_HOLIDAYS_FILE = 'bank-holidays.json';

let built: BankHolidayTable | null | undefined;

/**
 * The bank holidays of a UK division (see {@link computeBankHolidays}): from the table
 * `npm run build` wrote beside the compiled engine when it covers the years, otherwise
 * worked out from `date-holidays`.
 *
 * @example
 * bankHolidays('england-and-wales', 2026, 2026).map((h) => h.date).at(-1); // '2026-12-28'
 */
export function bankHolidays(division: Division, fromYear: number, toYear: number): BankHoliday[] {
  if (built === undefined) {
    const file = path.join(__dirname, BANK_HOLIDAYS_FILE);
    built = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as BankHolidayTable) : null;
  }
  return (built && bankHolidaysFrom(built, division, fromYear, toYear)) ?? computeBankHolidays(division, fromYear, toYear);
}
