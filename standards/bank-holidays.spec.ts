import { bankHolidays, bankHolidaysFrom, buildBankHolidayTable, computeBankHolidays } from './bank-holidays';
import { BANK_HOLIDAY_DIVISIONS, type Division } from './calendar-defaults';

/**
 * The GOV.UK bank-holiday lists (gov.uk/bank-holidays) for each division, 2022–2028:
 * only weekdays, substitute days and one-off days (Platinum Jubilee, the State Funeral,
 * the Coronation) included. 2027–2028 follow the published rules.
 */
const GOV_UK: Record<Division, Record<number, string[]>> = {
  'england-and-wales': {
    2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
    2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
    2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
    2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
    2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
    2028: ['01-03', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  },
  scotland: {
    2022: ['01-03', '01-04', '04-15', '05-02', '06-02', '06-03', '08-01', '09-19', '11-30', '12-26', '12-27'],
    2023: ['01-02', '01-03', '04-07', '05-01', '05-08', '05-29', '08-07', '11-30', '12-25', '12-26'],
    2024: ['01-01', '01-02', '03-29', '05-06', '05-27', '08-05', '12-02', '12-25', '12-26'],
    2025: ['01-01', '01-02', '04-18', '05-05', '05-26', '08-04', '12-01', '12-25', '12-26'],
    2026: ['01-01', '01-02', '04-03', '05-04', '05-25', '08-03', '11-30', '12-25', '12-28'],
    2027: ['01-01', '01-04', '03-26', '05-03', '05-31', '08-02', '11-30', '12-27', '12-28'],
    2028: ['01-03', '01-04', '04-14', '05-01', '05-29', '08-07', '11-30', '12-25', '12-26'],
  },
  'northern-ireland': {
    2022: ['01-03', '03-17', '04-15', '04-18', '05-02', '06-02', '06-03', '07-12', '08-29', '09-19', '12-26', '12-27'],
    2023: ['01-02', '03-17', '04-07', '04-10', '05-01', '05-08', '05-29', '07-12', '08-28', '12-25', '12-26'],
    2024: ['01-01', '03-18', '03-29', '04-01', '05-06', '05-27', '07-12', '08-26', '12-25', '12-26'],
    2025: ['01-01', '03-17', '04-18', '04-21', '05-05', '05-26', '07-14', '08-25', '12-25', '12-26'],
    2026: ['01-01', '03-17', '04-03', '04-06', '05-04', '05-25', '07-13', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-17', '03-26', '03-29', '05-03', '05-31', '07-12', '08-30', '12-27', '12-28'],
    2028: ['01-03', '03-17', '04-14', '04-17', '05-01', '05-29', '07-12', '08-28', '12-25', '12-26'],
  },
};

function weekdaysOnly(dates: string[]): string[] {
  return dates.filter((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()));
}

describe('bank holidays match the GOV.UK lists', () => {
  for (const division of Object.keys(GOV_UK) as Division[]) {
    for (const [year, expected] of Object.entries(GOV_UK[division])) {
      it(`${division} ${year}`, () => {
        const dates = bankHolidays(division, Number(year), Number(year)).map((h) => h.date);
        expect(weekdaysOnly(dates)).toEqual(expected.map((md) => `${year}-${md}`));
      });
    }
  }

  it('names substitute days so a worker can see why a day was skipped', () => {
    const boxing = bankHolidays('england-and-wales', 2026, 2026).find((h) => h.date === '2026-12-28');
    expect(boxing?.name).toMatch(/Boxing Day/);
  });

  it('extends to future years by rule (Christmas 2040 is a Tuesday)', () => {
    const dates = bankHolidays('england-and-wales', 2040, 2040).map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2040-12-25', '2040-12-26', '2040-03-30', '2040-04-02']));
  });
});

describe('the bank-holiday table `npm run build` writes beside the engine', () => {
  it('gives, for any span of years it covers, exactly what date-holidays gives, and nothing for a span it does not', () => {
    const table = buildBankHolidayTable(2020, 2035);
    for (const division of BANK_HOLIDAY_DIVISIONS) {
      for (const [from, to] of [
        [2020, 2020],
        [2022, 2023],
        [2024, 2028],
        [2020, 2035],
      ]) {
        expect(bankHolidaysFrom(table, division, from, to)).toEqual(computeBankHolidays(division, from, to));
      }
    }
    expect(bankHolidaysFrom(table, 'scotland', 2019, 2024)).toBeNull();
    expect(bankHolidaysFrom(table, 'scotland', 2030, 2036)).toBeNull();
  });
});
