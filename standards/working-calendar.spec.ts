import { CalendarConfigSchema } from './calendar-config';
import { parseInstant } from './instant';
import { BANK_HOLIDAY_DIVISIONS } from './calendar-defaults';
import { compileCalendar, compileDefaultCalendar, defaultCalendarConfig } from './working-calendar';
import { zoneOffsets } from './zone-offsets';

describe('calendar configuration', () => {
  it('compiles a division’s default calendar without zod exactly as the schema’s defaults do', () => {
    for (const division of BANK_HOLIDAY_DIVISIONS) {
      expect(defaultCalendarConfig(division)).toEqual(CalendarConfigSchema.parse({ division }));
      const plain = compileDefaultCalendar(division, { from: 2025, to: 2027 });
      const validated = compileCalendar({ division }, { from: 2025, to: 2027 });
      expect([plain.midnight, plain.ivStart, plain.ivEnd, plain.workingDays, plain.closedBecause]).toEqual([
        validated.midnight,
        validated.ivStart,
        validated.ivEnd,
        validated.workingDays,
        validated.closedBecause,
      ]);
    }
  });

  it('defaults to the spec: Europe/London, Monday–Friday 09:00–17:00, England and Wales, no closures', () => {
    expect(CalendarConfigSchema.parse({})).toEqual({
      zone: 'Europe/London',
      week: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
        sat: [],
        sun: [],
      },
      division: 'england-and-wales',
      closures: [],
      extraHolidays: [],
    });
  });

  it.each([
    [{ zone: 'Europe/Londinium' }, /IANA time zone/],
    [{ week: { fri: [['17:00', '09:00']] } }, /must start before it ends/],
    [{ week: { mon: [['09:00', '13:00'], ['12:00', '17:00']] } }, /overlaps/],
    [{ week: { mon: [['9am', '17:00']] } }, /HH:MM/],
    [{ division: 'wales' }, /england-and-wales/],
    [{ closures: [{ date: '2026-02-30' }] }, /real date/],
    [{ holidays: [] }, /Unrecognized key/i],
  ])('refuses %j', (input, message) => {
    expect(() => CalendarConfigSchema.parse(input)).toThrow(message);
  });
});

describe('the compiled day table', () => {
  const cal = compileCalendar({}, { from: 2026, to: 2026 });

  it('places instants on their local date across BST', () => {
    expect(cal.dateOf(cal.dayOf(parseInstant('2026-07-01T22:59:59Z')))).toBe('2026-07-01');
    expect(cal.dateOf(cal.dayOf(parseInstant('2026-07-01T23:00:00Z')))).toBe('2026-07-02');
    expect(cal.dateOf(cal.dayOf(parseInstant('2026-12-31T23:59:59Z')))).toBe('2026-12-31');
  });

  it('has 23- and 25-hour days at the clock changes', () => {
    const spring = cal.dayOfDate('2026-03-29');
    const autumn = cal.dayOfDate('2026-10-25');
    expect(cal.midnight[spring + 1] - cal.midnight[spring]).toBe(23 * 3600);
    expect(cal.midnight[autumn + 1] - cal.midnight[autumn]).toBe(25 * 3600);
  });

  it('counts 253 working days in England and Wales in 2026 (261 weekdays, 8 bank holidays)', () => {
    expect(cal.workingDays.length).toBe(253);
    expect(cal.workBefore[cal.days]).toBe(253 * 8 * 3600);
  });

  it('refuses instants outside its years with a plain message', () => {
    expect(() => cal.dayOf(parseInstant('2027-01-01T00:00:00Z'))).toThrow(/outside the calendar's years 2026–2026/);
  });
});

describe('zone offsets', () => {
  const london = zoneOffsets('Europe/London', 2026, 2026);

  it('knows GMT and BST and the instants of change', () => {
    expect(london.offsetAt(parseInstant('2026-03-29T00:59:59Z'))).toBe(0);
    expect(london.offsetAt(parseInstant('2026-03-29T01:00:00Z'))).toBe(3600);
    expect(london.offsetAt(parseInstant('2026-10-25T00:59:59Z'))).toBe(3600);
    expect(london.offsetAt(parseInstant('2026-10-25T01:00:00Z'))).toBe(0);
  });

  it('maps a wall time in the spring gap to the end of the gap, and an autumn repeat to its first occurrence', () => {
    const local = (s: string) => Date.parse(`${s}Z`) / 1000;
    expect(london.toUtc(local('2026-03-29T01:30:00'))).toBe(parseInstant('2026-03-29T01:00:00Z'));
    expect(london.toUtc(local('2026-10-25T01:30:00'))).toBe(parseInstant('2026-10-25T00:30:00Z'));
  });
});
