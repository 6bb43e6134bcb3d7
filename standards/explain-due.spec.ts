import { explainDue, hoursAndMinutes, localClockTime } from './explain-due';
import type { ClockRule } from './due-instant';
import { parseInstant } from './instant';
import { compileCalendar } from './working-calendar';

const cal = compileCalendar({}, { from: 2025, to: 2028 });
const r = (clock: ClockRule['clock'], amount: number | null, extra: Partial<ClockRule> = {}): ClockRule => ({
  clock,
  amount,
  direction: 'after',
  modifier: null,
  ...extra,
});
const explain = (rule: ClockRule, at: string) => explainDue(rule, parseInstant(at), cal);

describe('explanations a worker can follow', () => {
  it('working hours say how many hours fall on which day, in local time', () => {
    expect(explain(r('working-hours', 7), '2026-03-27T15:00:00Z')).toBe('7 working hours: 2 h on Fri 27 Mar, 5 h on Mon 30 Mar; due at 14:00');
  });

  it('working days name the bank holidays that were skipped, not the weekend days', () => {
    expect(explain(r('working-days', 2), '2026-12-24T11:00:00Z')).toBe(
      '2 working days after Thu 24 Dec: the 2nd working day is Wed 30 Dec; not counting Fri 25 Dec (Christmas Day) and Mon 28 Dec (Boxing Day (substitute day)); due by close of business, 17:00',
    );
  });

  it('the weekend modifier says why the clock did not start', () => {
    expect(explain(r('working-hours', 5, { modifier: 'next-working-day-cob' }), '2026-11-21T10:00:00Z')).toBe(
      'triggered on Sat 21 Nov, not a working day, so by the next working day, Mon 23 Nov; due by close of business, 17:00',
    );
  });

  it('same working day after close of business says so', () => {
    expect(explain(r('same-working-day', null), '2026-11-17T18:30:00Z')).toBe(
      'after close of business on Tue 17 Nov, so the next working day, Wed 18 Nov; due by close of business, 17:00',
    );
    expect(explain(r('same-working-day', null), '2026-11-17T10:00:00Z')).toBe('the same working day, Tue 17 Nov; due by close of business, 17:00');
  });

  it('counting back from a review names the day', () => {
    expect(explain(r('working-days', 10, { direction: 'before' }), '2026-11-20T10:00:00Z')).toBe(
      '10 working days before the event on Fri 20 Nov: Fri 6 Nov; due by close of business, 17:00',
    );
    expect(explain(r('calendar-days', 5, { direction: 'before' }), '2026-11-20T10:00:00Z')).toBe('5 days before the event on Fri 20 Nov: by the end of Sun 15 Nov');
  });

  it('calendar clocks end at midnight of the last day, clamped months included', () => {
    expect(explain(r('months', 1), '2026-01-31T10:00:00Z')).toBe('1 month after Sat 31 Jan: by the end of Sat 28 Feb');
    expect(explain(r('weeks', 2), '2026-11-23T10:00:00Z')).toBe('2 weeks after Mon 23 Nov: by the end of Mon 7 Dec');
    expect(explain(r('calendar-days', 1), '2026-07-01T10:00:00Z')).toBe('1 day after Wed 1 Jul: by the end of Thu 2 Jul');
  });

  it('elapsed hours and immediate clocks show local times', () => {
    expect(explain(r('hours', 24), '2026-07-01T10:00:00Z')).toBe(
      '24 hours of elapsed time (nights and weekends count) after Wed 1 Jul 11:00: Thu 2 Jul 11:00',
    );
    expect(explain(r('immediate', null), '2026-07-01T10:00:00Z')).toBe('immediately: due at once, Wed 1 Jul 11:00');
  });

  it('formats durations and clock times', () => {
    expect(hoursAndMinutes(9000)).toBe('2 h 30 min');
    expect(hoursAndMinutes(2700)).toBe('45 min');
    expect(localClockTime(cal, parseInstant('2026-07-01T23:30:00Z'))).toBe('00:30');
  });
});
