import { addMonths, civilDateOf, daysInMonth, epochDayOf, formatCivilDate, isoWeekdayOf, parseCivilDate, shortDayName } from './civil-date';

describe('civil dates', () => {
  it('round-trips every day from 1900 to 2200 through epoch days, in step with Date', () => {
    for (let d = epochDayOf({ year: 1900, month: 1, day: 1 }); d <= epochDayOf({ year: 2200, month: 12, day: 31 }); d++) {
      const date = civilDateOf(d);
      expect(epochDayOf(date)).toBe(d);
      if (d % 97 === 0) expect(formatCivilDate(date)).toBe(new Date(d * 86400000).toISOString().slice(0, 10));
    }
  });

  it('knows weekdays and leap years (2000 yes, 2100 no, 2028 yes)', () => {
    expect(isoWeekdayOf(epochDayOf({ year: 2026, month: 11, day: 23 }))).toBe(1);
    expect(isoWeekdayOf(epochDayOf({ year: 2026, month: 11, day: 22 }))).toBe(7);
    expect([daysInMonth(2000, 2), daysInMonth(2100, 2), daysInMonth(2028, 2), daysInMonth(2026, 4)]).toEqual([29, 28, 29, 30]);
  });

  it('adds months with clamping at month ends, forward and back', () => {
    expect(addMonths({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonths({ year: 2028, month: 1, day: 31 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonths({ year: 2026, month: 3, day: 31 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonths({ year: 2026, month: 11, day: 30 }, 3)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addMonths({ year: 2026, month: 1, day: 15 }, -13)).toEqual({ year: 2024, month: 12, day: 15 });
  });

  it('parses only real dates', () => {
    expect(parseCivilDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseCivilDate('2026-02-29')).toBeNull();
    expect(parseCivilDate('2026-13-01')).toBeNull();
    expect(parseCivilDate('26-01-01')).toBeNull();
  });

  it('names days the British way', () => {
    expect(shortDayName(epochDayOf({ year: 2026, month: 3, day: 27 }))).toBe('Fri 27 Mar');
  });
});
