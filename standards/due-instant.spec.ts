import { addWorkingSeconds, ClockRuleError, dueInstant, workingSecondsBetween, type ClockRule } from './due-instant';
import { formatInstant, parseInstant } from './instant';
import { CalendarRangeError, compileCalendar } from './working-calendar';

const years = { from: 2023, to: 2029 };
const ew = compileCalendar({}, years);
const scotland = compileCalendar({ division: 'scotland' }, years);
const ni = compileCalendar({ division: 'northern-ireland' }, years);

function rule(clock: ClockRule['clock'], amount: number | null, extra: Partial<ClockRule> = {}): ClockRule {
  return { clock, amount, direction: 'after', modifier: null, ...extra };
}

function due(r: ClockRule, at: string, cal = ew): string {
  return formatInstant(dueInstant(r, parseInstant(at), cal));
}

const momo11 = rule('working-hours', 5, { modifier: 'next-working-day-cob' });

describe('worked examples of time-semantics.md', () => {
  it('1. 7 working hours from Fri 27 Mar 2026 15:00 GMT is Mon 30 Mar 14:00 BST', () => {
    expect(due(rule('working-hours', 7), '2026-03-27T15:00:00Z')).toBe('2026-03-30T13:00:00Z');
  });

  it('2. 2 working days from Thu 24 Dec 2026 skip Christmas and the Boxing Day substitute', () => {
    expect(due(rule('working-days', 2), '2026-12-24T11:00:00Z')).toBe('2026-12-30T17:00:00Z');
  });

  it('3. momo 1.1 ("within 5 working hours … or the next working day if sent over the weekend")', () => {
    expect(due(momo11, '2026-11-21T10:00:00Z')).toBe('2026-11-23T17:00:00Z');
    expect(due(momo11, '2026-11-20T15:00:00Z')).toBe('2026-11-23T12:00:00Z');
  });

  it('4. "at least 10 working days prior" to a review on Fri 20 Nov 2026 is Fri 6 Nov COB', () => {
    expect(due(rule('working-days', 10, { direction: 'before' }), '2026-11-20T10:00:00Z')).toBe('2026-11-06T17:00:00Z');
  });

  it('5. same working day after close of business rolls to the next working day', () => {
    expect(due(rule('same-working-day', null), '2026-11-17T18:30:00Z')).toBe('2026-11-18T17:00:00Z');
  });
});

describe('working hours at the edges of the day', () => {
  const wh = (n: number) => rule('working-hours', n);

  it('09:00 + 8 working hours is 17:00 the same day, not 09:00 the next', () => {
    expect(due(wh(8), '2026-11-23T09:00:00Z')).toBe('2026-11-23T17:00:00Z');
  });

  it('a trigger at exactly 17:00 starts counting at 09:00 the next working day', () => {
    expect(due(wh(1), '2026-11-23T17:00:00Z')).toBe('2026-11-24T10:00:00Z');
  });

  it('a trigger at 16:59:59 has one second of Monday to count', () => {
    expect(due(wh(1), '2026-11-23T16:59:59Z')).toBe('2026-11-24T09:59:59Z');
  });

  it('a trigger before opening counts from 09:00', () => {
    expect(due(wh(2), '2026-11-23T06:00:00Z')).toBe('2026-11-23T11:00:00Z');
  });

  it('a trigger at night on Friday counts from Monday 09:00', () => {
    expect(due(wh(7), '2026-11-20T22:00:00Z')).toBe('2026-11-23T16:00:00Z');
  });

  it('a trigger on a bank holiday counts from the next working day', () => {
    expect(due(wh(3), '2026-12-28T10:00:00Z')).toBe('2026-12-29T12:00:00Z');
  });

  it('counts across Christmas: Thu 24 Dec 16:00 + 5 working hours is Tue 29 Dec 13:00', () => {
    expect(due(wh(5), '2026-12-24T16:00:00Z')).toBe('2026-12-29T13:00:00Z');
  });

  it('elapsed working time is exact to the second', () => {
    const a = parseInstant('2026-11-20T15:00:00Z');
    const b = parseInstant('2026-11-23T12:00:00Z');
    expect(workingSecondsBetween(ew, a, b)).toBe(5 * 3600);
    expect(formatInstant(addWorkingSeconds(ew, a, 5 * 3600))).toBe('2026-11-23T12:00:00Z');
    expect(addWorkingSeconds(ew, a, 0)).toBe(a);
  });
});

describe('British Summer Time', () => {
  it('spring forward (Sun 29 Mar 2026): Friday 16:00 GMT + 2 working hours is Monday 10:00 BST', () => {
    expect(due(rule('working-hours', 2), '2026-03-27T16:00:00Z')).toBe('2026-03-30T09:00:00Z');
  });

  it('fall back (Sun 25 Oct 2026): Friday 16:00 BST + 2 working hours is Monday 10:00 GMT', () => {
    expect(due(rule('working-hours', 2), '2026-10-23T15:00:00Z')).toBe('2026-10-26T10:00:00Z');
  });

  it('elapsed hours are not stretched by the change: 24 h from Sat 28 Mar 12:00 GMT', () => {
    expect(due(rule('hours', 24), '2026-03-28T12:00:00Z')).toBe('2026-03-29T12:00:00Z');
  });

  it('close of business is 17:00 local: 16:00Z in summer, 17:00Z in winter', () => {
    expect(due(rule('working-days', 1), '2026-10-22T10:00:00Z')).toBe('2026-10-23T16:00:00Z');
    expect(due(rule('working-days', 1), '2026-10-23T10:00:00Z')).toBe('2026-10-26T17:00:00Z');
  });

  it('the end of a summer date is 23:00Z; of a winter date 00:00Z the next day', () => {
    expect(due(rule('calendar-days', 1), '2026-07-01T10:00:00Z')).toBe('2026-07-02T23:00:00Z');
    expect(due(rule('calendar-days', 1), '2026-10-24T10:00:00Z')).toBe('2026-10-26T00:00:00Z');
  });

  it('day 0 is the local date: 23:30Z on 1 July is already 2 July in London', () => {
    expect(due(rule('calendar-days', 1), '2026-07-01T23:30:00Z')).toBe('2026-07-03T23:00:00Z');
  });
});

describe('working days', () => {
  it('day 0 counts even when it is not a working day: Saturday + 1 working day is Monday COB', () => {
    expect(due(rule('working-days', 1), '2026-11-21T10:00:00Z')).toBe('2026-11-23T17:00:00Z');
  });

  it('a trigger late on Friday still makes Friday day 0', () => {
    expect(due(rule('working-days', 1), '2026-11-20T23:59:59Z')).toBe('2026-11-23T17:00:00Z');
  });

  it('Good Friday and Easter Monday are skipped in England and Wales', () => {
    expect(due(rule('working-days', 1), '2026-04-02T10:00:00Z')).toBe('2026-04-07T16:00:00Z');
  });

  it('Easter Monday is a working day in Scotland, Good Friday is not', () => {
    expect(due(rule('working-days', 1), '2026-04-02T10:00:00Z', scotland)).toBe('2026-04-06T16:00:00Z');
  });

  it('St Andrew’s Day (Mon 30 Nov 2026) is a bank holiday in Scotland only', () => {
    expect(due(rule('working-days', 1), '2026-11-27T10:00:00Z', scotland)).toBe('2026-12-01T17:00:00Z');
    expect(due(rule('working-days', 1), '2026-11-27T10:00:00Z')).toBe('2026-11-30T17:00:00Z');
  });

  it('2 January is a bank holiday in Scotland (substitute Mon 4 Jan 2027)', () => {
    expect(due(rule('working-days', 1), '2026-12-31T10:00:00Z', scotland)).toBe('2027-01-05T17:00:00Z');
    expect(due(rule('working-days', 1), '2026-12-31T10:00:00Z')).toBe('2027-01-04T17:00:00Z');
  });

  it('St Patrick’s Day and the Twelfth (substitute Mon 13 Jul 2026) close Northern Ireland', () => {
    expect(due(rule('working-days', 1), '2026-03-16T10:00:00Z', ni)).toBe('2026-03-18T17:00:00Z');
    expect(due(rule('working-days', 1), '2026-07-10T10:00:00Z', ni)).toBe('2026-07-14T16:00:00Z');
    expect(due(rule('working-days', 1), '2026-07-10T10:00:00Z')).toBe('2026-07-13T16:00:00Z');
  });

  it('2027 Christmas falls at a weekend: both substitutes (Mon 27, Tue 28 Dec) are skipped', () => {
    expect(due(rule('working-days', 1), '2027-12-24T10:00:00Z')).toBe('2027-12-29T17:00:00Z');
  });

  it('New Year 2028 falls on a Saturday: Mon 3 Jan is the substitute', () => {
    expect(due(rule('working-days', 1), '2027-12-31T10:00:00Z')).toBe('2028-01-04T17:00:00Z');
  });

  it('counting backward skips bank holidays too', () => {
    // 2 working days before Tue 29 Dec 2026: Thu 24 Dec (25 and 28 are bank holidays).
    expect(due(rule('working-days', 2, { direction: 'before' }), '2026-12-29T10:00:00Z')).toBe('2026-12-23T17:00:00Z');
  });
});

describe('calendar days, weeks and months', () => {
  it('31 Jan + 1 month is the end of 28 Feb (29 Feb in a leap year)', () => {
    expect(due(rule('months', 1), '2026-01-31T12:00:00Z')).toBe('2026-03-01T00:00:00Z');
    expect(due(rule('months', 1), '2028-01-31T12:00:00Z')).toBe('2028-03-01T00:00:00Z');
  });

  it('29 Feb + 12 months clamps to 28 Feb', () => {
    expect(due(rule('months', 12), '2028-02-29T12:00:00Z')).toBe('2029-03-01T00:00:00Z');
  });

  it('months cross the year end and a BST change', () => {
    expect(due(rule('months', 3), '2026-12-15T12:00:00Z')).toBe('2027-03-16T00:00:00Z');
    expect(due(rule('months', 6), '2026-01-10T12:00:00Z')).toBe('2026-07-10T23:00:00Z');
  });

  it('weeks and days end at local midnight, whatever the weekday', () => {
    expect(due(rule('weeks', 1), '2026-11-23T10:00:00Z')).toBe('2026-12-01T00:00:00Z');
    expect(due(rule('calendar-days', 91), '2026-01-01T10:00:00Z')).toBe('2026-04-02T23:00:00Z');
  });

  it('counting backward: days, weeks and months before an event', () => {
    expect(due(rule('calendar-days', 5, { direction: 'before' }), '2026-11-20T10:00:00Z')).toBe('2026-11-16T00:00:00Z');
    expect(due(rule('weeks', 1, { direction: 'before' }), '2026-11-20T10:00:00Z')).toBe('2026-11-14T00:00:00Z');
    expect(due(rule('months', 1, { direction: 'before' }), '2026-03-31T10:00:00Z')).toBe('2026-03-01T00:00:00Z');
    expect(due(rule('before-event', null, { direction: 'before' }), '2026-11-20T10:00:00Z')).toBe('2026-11-20T10:00:00Z');
  });
});

describe('immediate, same working day and the weekend modifier', () => {
  it('immediate is the trigger itself, at any hour', () => {
    expect(due(rule('immediate', null), '2026-11-22T03:12:00Z')).toBe('2026-11-22T03:12:00Z');
  });

  it('same working day before COB is that day’s COB; at exactly 17:00 it is the next day’s', () => {
    expect(due(rule('same-working-day', null), '2026-11-17T08:00:00Z')).toBe('2026-11-17T17:00:00Z');
    expect(due(rule('same-working-day', null), '2026-11-17T16:59:59Z')).toBe('2026-11-17T17:00:00Z');
    expect(due(rule('same-working-day', null), '2026-11-17T17:00:00Z')).toBe('2026-11-18T17:00:00Z');
  });

  it('same working day on a bank holiday is the next working day', () => {
    expect(due(rule('same-working-day', null), '2026-12-25T10:00:00Z')).toBe('2026-12-29T17:00:00Z');
  });

  it('the modifier applies on bank holidays as well as weekends (the pack’s reading of "over the weekend")', () => {
    expect(due(momo11, '2026-12-28T10:00:00Z')).toBe('2026-12-29T17:00:00Z');
    expect(due(momo11, '2026-11-22T23:30:00Z')).toBe('2026-11-23T17:00:00Z');
  });

  it('the modifier does not apply to a working day evening', () => {
    expect(due(momo11, '2026-11-20T20:00:00Z')).toBe('2026-11-23T14:00:00Z');
  });
});

describe('organisation calendars', () => {
  it('a shorter Friday (09:00–16:30) moves close of business and working hours', () => {
    const cal = compileCalendar({ week: { fri: [['09:00', '16:30']] } }, years);
    expect(due(rule('working-days', 1), '2026-11-19T10:00:00Z', cal)).toBe('2026-11-20T16:30:00Z');
    expect(due(rule('working-hours', 2), '2026-11-20T15:00:00Z', cal)).toBe('2026-11-23T09:30:00Z');
  });

  it('a lunch break splits the day; a result on an interval end stays there', () => {
    const cal = compileCalendar({ week: { mon: [['09:00', '12:30'], ['13:30', '17:00']] } }, years);
    expect(due(rule('working-hours', 3), '2026-11-23T09:30:00Z', cal)).toBe('2026-11-23T12:30:00Z');
    expect(due(rule('working-hours', 4), '2026-11-23T09:30:00Z', cal)).toBe('2026-11-23T14:30:00Z');
  });

  it('closure dates and administrator-added one-off holidays are not working days', () => {
    const cal = compileCalendar(
      { closures: [{ date: '2026-12-24', name: 'Christmas Eve closure' }], extraHolidays: [{ date: '2026-12-31', name: 'One-off bank holiday' }] },
      years,
    );
    expect(due(rule('working-days', 1), '2026-12-23T10:00:00Z', cal)).toBe('2026-12-29T17:00:00Z');
    expect(due(rule('working-days', 2), '2026-12-23T10:00:00Z', cal)).toBe('2026-12-30T17:00:00Z');
    expect(due(rule('working-days', 3), '2026-12-23T10:00:00Z', cal)).toBe('2027-01-04T17:00:00Z');
  });

  it('another time zone keeps its own local hours', () => {
    const cal = compileCalendar({ zone: 'America/New_York' }, years);
    expect(due(rule('working-days', 1), '2026-11-23T15:00:00Z', cal)).toBe('2026-11-24T22:00:00Z');
  });
});

describe('bad rules and ranges', () => {
  it('rejects clocks that do not count backward, with a clear message', () => {
    expect(() => dueInstant(rule('working-hours', 2, { direction: 'before' }), 1_795_000_000, ew)).toThrow(ClockRuleError);
    expect(() => dueInstant(rule('hours', 2, { direction: 'before' }), 1_795_000_000, ew)).toThrow(/cannot count backward/);
  });

  it('rejects a missing or fractional amount', () => {
    expect(() => dueInstant(rule('working-days', null), 1_795_000_000, ew)).toThrow(/whole-number amount/);
    expect(() => dueInstant(rule('hours', 1.5), 1_795_000_000, ew)).toThrow(/whole-number amount/);
  });

  it('rejects instants outside the compiled years', () => {
    expect(() => dueInstant(rule('working-days', 1), parseInstant('2031-01-01T10:00:00Z'), ew)).toThrow(CalendarRangeError);
    expect(() => dueInstant(rule('working-days', 5, { direction: 'before' }), parseInstant('2023-01-02T10:00:00Z'), ew)).toThrow(
      CalendarRangeError,
    );
  });
});
