import { compileCalendar, dueInstant, formatInstant, parseInstant, type Standard } from '../standards';
import { DEFAULT_NUDGE_POLICY, NudgePolicySchema, isSendable, nextSendableInstant, nudgePlan } from './nudge-policy';

const cal = compileCalendar({}, { from: 2025, to: 2028 });
const at = (iso: string) => parseInstant(iso);
const iso = (t: number) => formatInstant(t);

type Clock = Pick<Standard, 'clock' | 'amount'>;
const SEVEN_WORKING_HOURS: Clock = { clock: 'working-hours', amount: 7 };
const TWO_WORKING_DAYS: Clock = { clock: 'working-days', amount: 2 };
const TWENTY_FOUR_HOURS: Clock = { clock: 'hours', amount: 24 };
const IMMEDIATE: Clock = { clock: 'immediate', amount: null };

function plan(clock: Clock, triggered: string, ownerId: string | null = 'p_sam', policy = DEFAULT_NUDGE_POLICY, standardId = 'momo.2.1') {
  const triggeredAt = at(triggered);
  const due = dueInstant({ clock: clock.clock, amount: clock.amount, direction: 'after', modifier: null }, triggeredAt, cal);
  return nudgePlan({ standardId, triggeredAt, due, ownerId }, clock, cal, policy).map((s) => ({ kind: s.kind, planned: iso(s.planned), at: iso(s.at) }));
}

describe('when Heard nudges about an obligation (default policy: 50%, 75%, due, breach)', () => {
  it('a statement assigned Monday 10:00 with 7 working hours to open: 13:30, 15:15, 17:00, and the escalation on Tuesday 09:00', () => {
    // 7 h from 10:00 = 17:00; 3 h 30 m gone at 13:30, 5 h 15 m at 15:15.
    expect(plan(SEVEN_WORKING_HOURS, '2026-11-23T10:00:00Z')).toEqual([
      { kind: 'reminder-50', planned: '2026-11-23T13:30:00Z', at: '2026-11-23T13:30:00Z' },
      { kind: 'reminder-75', planned: '2026-11-23T15:15:00Z', at: '2026-11-23T15:15:00Z' },
      { kind: 'due', planned: '2026-11-23T17:00:00Z', at: '2026-11-23T17:00:00Z' },
      // Overdue from 17:00:01, outside working hours: the line manager hears at 09:00 the next working day.
      { kind: 'breach', planned: '2026-11-23T17:00:01Z', at: '2026-11-24T09:00:00Z' },
    ]);
  });

  it('a statement assigned on Friday at 16:00 is reminded on Monday, in working time only', () => {
    // 1 h on Friday + 6 h on Monday = due Mon 15:00; 3 h 30 m gone at Mon 11:30, 5 h 15 m at Mon 13:15.
    expect(plan(SEVEN_WORKING_HOURS, '2026-11-20T16:00:00Z')).toEqual([
      { kind: 'reminder-50', planned: '2026-11-23T11:30:00Z', at: '2026-11-23T11:30:00Z' },
      { kind: 'reminder-75', planned: '2026-11-23T13:15:00Z', at: '2026-11-23T13:15:00Z' },
      { kind: 'due', planned: '2026-11-23T15:00:00Z', at: '2026-11-23T15:00:00Z' },
      { kind: 'breach', planned: '2026-11-23T15:00:01Z', at: '2026-11-23T15:00:01Z' },
    ]);
  });

  it('2 working days from Christmas Eve skip Christmas, Boxing Day and its substitute Monday', () => {
    // Day 0 Thu 24 Dec; 25 Dec, Sat 26, Sun 27 and Mon 28 Dec (substitute) closed; day 1 Tue 29, day 2 Wed 30 Dec.
    // Working time: 24 Dec 12:00–17:00 (5 h) + 29 Dec (8 h) + 30 Dec (8 h) = 21 h; 50% = 10 h 30 m → 29 Dec 14:30; 75% = 15 h 45 m → 30 Dec 11:45.
    expect(plan(TWO_WORKING_DAYS, '2026-12-24T12:00:00Z')).toEqual([
      { kind: 'reminder-50', planned: '2026-12-29T14:30:00Z', at: '2026-12-29T14:30:00Z' },
      { kind: 'reminder-75', planned: '2026-12-30T11:45:00Z', at: '2026-12-30T11:45:00Z' },
      { kind: 'due', planned: '2026-12-30T17:00:00Z', at: '2026-12-30T17:00:00Z' },
      { kind: 'breach', planned: '2026-12-30T17:00:01Z', at: '2026-12-31T09:00:00Z' },
    ]);
  });

  it('in British Summer Time the same local times are an hour earlier in UTC', () => {
    // Mon 30 Mar 2026 (BST) 10:00 local = 09:00Z; due 17:00 local = 16:00Z.
    expect(plan(SEVEN_WORKING_HOURS, '2026-03-30T09:00:00Z')).toEqual([
      { kind: 'reminder-50', planned: '2026-03-30T12:30:00Z', at: '2026-03-30T12:30:00Z' },
      { kind: 'reminder-75', planned: '2026-03-30T14:15:00Z', at: '2026-03-30T14:15:00Z' },
      { kind: 'due', planned: '2026-03-30T16:00:00Z', at: '2026-03-30T16:00:00Z' },
      { kind: 'breach', planned: '2026-03-30T16:00:01Z', at: '2026-03-31T08:00:00Z' },
    ]);
  });

  it('24 elapsed hours ending in the night: the reminder at due and the escalation wait for the morning', () => {
    // Triggered Tue 24 Nov 22:00 → due Wed 25 Nov 22:00. Working time inside: Wed 09:00–17:00 (8 h): 50% Wed 13:00, 75% Wed 15:00.
    expect(plan(TWENTY_FOUR_HOURS, '2026-11-24T22:00:00Z')).toEqual([
      { kind: 'reminder-50', planned: '2026-11-25T13:00:00Z', at: '2026-11-25T13:00:00Z' },
      { kind: 'reminder-75', planned: '2026-11-25T15:00:00Z', at: '2026-11-25T15:00:00Z' },
      { kind: 'due', planned: '2026-11-25T22:00:00Z', at: '2026-11-26T09:00:00Z' },
      { kind: 'breach', planned: '2026-11-25T22:00:01Z', at: '2026-11-26T09:00:00Z' },
    ]);
  });

  it('an immediate standard (Safety Link) notifies at once at 02:00 on a Saturday and escalates an hour later, at any hour', () => {
    expect(plan(IMMEDIATE, '2026-11-21T02:00:00Z')).toEqual([
      { kind: 'due', planned: '2026-11-21T02:00:00Z', at: '2026-11-21T02:00:00Z' },
      { kind: 'breach', planned: '2026-11-21T03:00:00Z', at: '2026-11-21T03:00:00Z' },
    ]);
  });

  it("a team's obligation (the participation team's queue) only escalates, unless team reminders are turned on", () => {
    expect(plan(SEVEN_WORKING_HOURS, '2026-11-23T10:00:00Z', null).map((s) => s.kind)).toEqual(['breach']);
    const withTeamReminders = NudgePolicySchema.parse({ teamReminders: true });
    expect(plan(SEVEN_WORKING_HOURS, '2026-11-23T10:00:00Z', null, withTeamReminders).map((s) => s.kind)).toEqual(['reminder-50', 'reminder-75', 'due', 'breach']);
  });

  it('an organisation can change the policy for one standard without code', () => {
    const policy = NudgePolicySchema.parse({ reminders: [0.5], standards: { 'momo.2.1': { reminders: [0.9], escalateOnBreach: false } } });
    expect(plan(SEVEN_WORKING_HOURS, '2026-11-23T10:00:00Z', 'p_sam', policy).map((s) => s.kind)).toEqual(['reminder-90', 'due']);
    expect(plan(SEVEN_WORKING_HOURS, '2026-11-23T10:00:00Z', 'p_sam', policy, 'momo.3.1').map((s) => s.kind)).toEqual(['reminder-50', 'due', 'breach']);
  });

  it('refuses a policy with a reminder at 0% or 100% of the time, naming the field', () => {
    const result = NudgePolicySchema.safeParse({ reminders: [0.5, 1] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['reminders', 1]);
  });

  it('skips a reminder whose share of the allowed time rounds to nothing', () => {
    // 24 elapsed hours from Fri 16:59:59 end on Saturday: 1 working second lies inside. 50% and 75% of it round to
    // the whole second, which is the due instant itself: no reminder before it.
    const triggeredAt = at('2026-11-20T16:59:59Z');
    const due = at('2026-11-21T16:59:59Z');
    expect(nudgePlan({ standardId: 'x', triggeredAt, due, ownerId: 'p_sam' }, TWENTY_FOUR_HOURS, cal, DEFAULT_NUDGE_POLICY).map((s) => s.kind)).toEqual(['due', 'breach']);
  });
});

describe('long clocks: a reminder a working week before the day it is due, and that morning', () => {
  const SIX_WEEKS: Clock = { clock: 'weeks', amount: 6 };

  it('a child in care visited on Mon 2 Nov (the next visit within six weeks, due by the end of Mon 14 Dec): Mon 7 Dec 09:00, Mon 14 Dec 09:00, then the escalation', () => {
    // core-practice.visiting.cla.first-year: "at intervals of no more than six weeks". Half of six weeks (Wed 25 Nov)
    // tells a social worker nothing; a working week before, and on the day, does.
    expect(plan(SIX_WEEKS, '2026-11-02T14:00:00Z', 'p_sam', DEFAULT_NUDGE_POLICY, 'core-practice.visiting.cla.first-year')).toEqual([
      { kind: 'ahead-5', planned: '2026-12-07T09:00:00Z', at: '2026-12-07T09:00:00Z' },
      { kind: 'ahead-0', planned: '2026-12-14T09:00:00Z', at: '2026-12-14T09:00:00Z' },
      // The deadline is midnight: "Due today" that morning stands for a "due now" nobody could act on at 00:00.
      { kind: 'breach', planned: '2026-12-15T00:00:01Z', at: '2026-12-15T09:00:00Z' },
    ]);
  });

  it('counts working days back over bank holidays: six weeks from Wed 18 Nov end on Wed 30 Dec, reminded on Mon 21 Dec and that Wednesday', () => {
    // Five working days before Wed 30 Dec: Tue 29, Thu 24, Wed 23, Tue 22, Mon 21 (Christmas and its substitute days closed).
    expect(plan(SIX_WEEKS, '2026-11-18T11:00:00Z').map((s) => [s.kind, s.at])).toEqual([
      ['ahead-5', '2026-12-21T09:00:00Z'],
      ['ahead-0', '2026-12-30T09:00:00Z'],
      ['breach', '2026-12-31T09:00:00Z'],
    ]);
  });

  it('a clock of 10 working days is long; one of 9 is not, and keeps its reminders at 50% and 75% of the time', () => {
    expect(plan({ clock: 'working-days', amount: 10 }, '2026-11-02T14:00:00Z').map((s) => s.kind)).toEqual(['ahead-5', 'ahead-0', 'breach']);
    expect(plan({ clock: 'working-days', amount: 9 }, '2026-11-02T14:00:00Z').map((s) => s.kind)).toEqual(['reminder-50', 'reminder-75', 'due', 'breach']);
  });

  it('an organisation chooses what counts as long and when to remind, for all standards or for one', () => {
    const policy = NudgePolicySchema.parse({ longClockWorkingDays: 20, longClockReminders: [10, 2], standards: { 'core-practice.visiting.cla.first-year': { longClockReminders: [3] } } });
    expect(plan(SIX_WEEKS, '2026-11-02T14:00:00Z', 'p_sam', policy).map((s) => [s.kind, s.at])).toEqual([
      ['ahead-10', '2026-11-30T09:00:00Z'],
      ['ahead-2', '2026-12-10T09:00:00Z'],
      // Without a reminder that morning, a deadline at midnight has no "due now" either: the escalation follows.
      ['breach', '2026-12-15T09:00:00Z'],
    ]);
    expect(plan(SIX_WEEKS, '2026-11-02T14:00:00Z', 'p_sam', policy, 'core-practice.visiting.cla.first-year').map((s) => s.kind)).toEqual(['ahead-3', 'breach']);
    expect(plan({ clock: 'working-days', amount: 10 }, '2026-11-02T14:00:00Z', 'p_sam', policy).map((s) => s.kind)).toEqual(['reminder-50', 'reminder-75', 'due', 'breach']);
    expect(NudgePolicySchema.safeParse({ longClockReminders: [1.5] }).success).toBe(false);
  });
});

describe('deadlines counted back from a meeting: reminded ahead of the meeting', () => {
  function before(clock: Clock & { direction?: 'before' }, scheduled: string, meeting: string) {
    const anchorAt = at(meeting);
    const due = dueInstant({ clock: clock.clock, amount: clock.amount, direction: 'before', modifier: null }, anchorAt, cal);
    return nudgePlan({ standardId: 'x', triggeredAt: at(scheduled), due, ownerId: 'p_sam', anchorAt }, clock, cal, DEFAULT_NUDGE_POLICY).map((s) => [s.kind, iso(s.at)]);
  }

  it('Mind Of My Own introduced before an ICPC on Thu 3 Dec 10:00 (momo 5.2, "before a meeting"): a week before, the day before and that morning', () => {
    expect(before({ clock: 'before-event', amount: null }, '2026-11-12T10:00:00Z', '2026-12-03T10:00:00Z')).toEqual([
      ['ahead-5', '2026-11-26T09:00:00Z'],
      ['ahead-1', '2026-12-02T09:00:00Z'],
      ['ahead-0', '2026-12-03T09:00:00Z'],
      ['breach', '2026-12-03T10:00:01Z'],
    ]);
  });

  it('a report due 5 days before the review falls on a Saturday: the last reminder is on the Friday before, not after the deadline', () => {
    // childrens-services.cic-care-planning.26.report-to-iro: 5 calendar days before Thu 3 Dec → by the end of Sat 28 Nov.
    expect(before({ clock: 'calendar-days', amount: 5 }, '2026-11-12T10:00:00Z', '2026-12-03T10:00:00Z')).toEqual([
      ['ahead-5', '2026-11-20T09:00:00Z'],
      ['ahead-1', '2026-11-26T09:00:00Z'],
      ['ahead-0', '2026-11-27T09:00:00Z'],
      ['breach', '2026-11-30T09:00:00Z'],
    ]);
  });

  it('a meeting scheduled the day before gets only what is still to come', () => {
    expect(before({ clock: 'before-event', amount: null }, '2026-12-02T10:00:00Z', '2026-12-03T10:00:00Z')).toEqual([
      ['ahead-0', '2026-12-03T09:00:00Z'],
      ['breach', '2026-12-03T10:00:01Z'],
    ]);
  });
});

describe('working moments for sending', () => {
  it('17:00:00 exactly is still working time for a send; 17:00:01 waits for the next working morning', () => {
    expect(isSendable(cal, at('2026-11-23T17:00:00Z'))).toBe(true);
    expect(isSendable(cal, at('2026-11-23T17:00:01Z'))).toBe(false);
    expect(iso(nextSendableInstant(cal, at('2026-11-23T17:00:01Z')))).toBe('2026-11-24T09:00:00Z');
  });

  it('nothing at the weekend or on a bank holiday: Saturday and Christmas wait', () => {
    expect(iso(nextSendableInstant(cal, at('2026-11-21T10:00:00Z')))).toBe('2026-11-23T09:00:00Z');
    expect(iso(nextSendableInstant(cal, at('2026-12-25T10:00:00Z')))).toBe('2026-12-29T09:00:00Z');
    expect(iso(nextSendableInstant(cal, at('2026-11-23T08:59:59Z')))).toBe('2026-11-23T09:00:00Z');
  });
});
