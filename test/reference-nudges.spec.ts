import fc from 'fast-check';
import { isWorkingMinute } from './reference-clock';
import {
  expectedDutyManagers,
  expectedNudges,
  expectedSafetyLinkEscalation,
  referenceAfterWorkingSeconds,
  referenceNextSendable,
  referenceWorkingSeconds,
  type ReferenceNudgeInput,
} from './reference-nudges';

/**
 * Hand-worked examples of the naive nudge oracle on the default calendar (Europe/London,
 * Monday–Friday 09:00–17:00, England-and-Wales bank holidays), in the style of the worked
 * examples of time-semantics.md, then a check of its working-time arithmetic against a
 * minute-by-minute walk.
 *
 * Default policy: reminders at 50% and 75% of W (the working time inside [T, D]), a
 * `due` nudge at D, a `breach` escalation at D + 1 s; each sent at the first instant ≥
 * its plan that lies in 09:00:00–17:00:00 local (17:00:00 included) of a working day.
 */
const at = (iso: string) => Date.parse(iso) / 1000;
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

type Row = [kind: string, planned: string, sendAt: string];
function nudges(input: Omit<ReferenceNudgeInput, 'trigger' | 'due'> & { trigger: string; due: string }): Row[] {
  return expectedNudges({ ...input, trigger: at(input.trigger), due: at(input.due) }).map((n) => [n.kind, iso(n.planned), iso(n.sendAt)]);
}
const person = { immediate: false, ownerIsTeam: false };

describe('expectedNudges: hand-worked examples', () => {
  it('7 working hours assigned Mon 10:00 (winter, GMT = UTC)', () => {
    // T = Mon 16 Nov 2026 10:00Z, D = 17:00Z the same day: W = 7 h = 25,200 s.
    // 50%: 12,600 s = 3 h 30 → 13:30.  75%: 18,900 s = 5 h 15 → 15:15.
    // due at 17:00:00, which is sendable (end of the interval included).
    // breach at 17:00:01, not sendable → Tue 17 Nov 09:00.
    expect(nudges({ ...person, trigger: '2026-11-16T10:00:00Z', due: '2026-11-16T17:00:00Z' })).toEqual([
      ['reminder-50', '2026-11-16T13:30:00Z', '2026-11-16T13:30:00Z'],
      ['reminder-75', '2026-11-16T15:15:00Z', '2026-11-16T15:15:00Z'],
      ['due', '2026-11-16T17:00:00Z', '2026-11-16T17:00:00Z'],
      ['breach', '2026-11-16T17:00:01Z', '2026-11-17T09:00:00Z'],
    ]);
  });

  it('assigned Fri 16:00, due on Monday: a reminder landing exactly on Friday 17:00 stays there', () => {
    // `working-hours` 2 from Fri 20 Nov 2026 16:00Z: 1 h Friday + 1 h Monday → D = Mon 23 Nov 10:00Z.
    // W = 2 h = 7,200 s.  50%: 3,600 s = the whole of Fri 16:00–17:00 → Fri 17:00:00 (not
    // Mon 09:00), and 17:00:00 is sendable.  75%: 5,400 s = 1 h Friday + 30 min Monday → Mon 09:30.
    // due Mon 10:00; breach Mon 10:00:01, inside working hours, sent at once.
    expect(nudges({ ...person, trigger: '2026-11-20T16:00:00Z', due: '2026-11-23T10:00:00Z' })).toEqual([
      ['reminder-50', '2026-11-20T17:00:00Z', '2026-11-20T17:00:00Z'],
      ['reminder-75', '2026-11-23T09:30:00Z', '2026-11-23T09:30:00Z'],
      ['due', '2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z'],
      ['breach', '2026-11-23T10:00:01Z', '2026-11-23T10:00:01Z'],
    ]);
  });

  it('5 working hours from Fri 16:00 (MOMO 1.1): reminders on Monday', () => {
    // D = 1 h Friday + 4 h Monday = Mon 23 Nov 2026 13:00Z; W = 5 h = 18,000 s.
    // 50%: 9,000 s = 2 h 30 = 1 h Fri + 1 h 30 Mon → Mon 10:30.
    // 75%: 13,500 s = 3 h 45 = 1 h Fri + 2 h 45 Mon → Mon 11:45.
    expect(nudges({ ...person, trigger: '2026-11-20T16:00:00Z', due: '2026-11-23T13:00:00Z' })).toEqual([
      ['reminder-50', '2026-11-23T10:30:00Z', '2026-11-23T10:30:00Z'],
      ['reminder-75', '2026-11-23T11:45:00Z', '2026-11-23T11:45:00Z'],
      ['due', '2026-11-23T13:00:00Z', '2026-11-23T13:00:00Z'],
      ['breach', '2026-11-23T13:00:01Z', '2026-11-23T13:00:01Z'],
    ]);
  });

  it('across Christmas 2026: Fri 25 Dec and Mon 28 Dec (Boxing Day substitute) are not working days', () => {
    // `working-days` 1 from Thu 24 Dec 2026 11:00Z: day 1 = Tue 29 Dec → D = 29 Dec 17:00Z.
    // W = Thu 11:00–17:00 (6 h) + Tue 09:00–17:00 (8 h) = 14 h = 50,400 s.
    // 50%: 25,200 s = 7 h = 6 h Thu + 1 h Tue → Tue 29 Dec 10:00.
    // 75%: 37,800 s = 10 h 30 = 6 h Thu + 4 h 30 Tue → Tue 13:30.
    // breach Tue 17:00:01 → Wed 30 Dec 09:00.
    expect(nudges({ ...person, trigger: '2026-12-24T11:00:00Z', due: '2026-12-29T17:00:00Z' })).toEqual([
      ['reminder-50', '2026-12-29T10:00:00Z', '2026-12-29T10:00:00Z'],
      ['reminder-75', '2026-12-29T13:30:00Z', '2026-12-29T13:30:00Z'],
      ['due', '2026-12-29T17:00:00Z', '2026-12-29T17:00:00Z'],
      ['breach', '2026-12-29T17:00:01Z', '2026-12-30T09:00:00Z'],
    ]);
  });

  it('a due instant on Christmas Day is sent on the next working day, Tue 29 Dec', () => {
    // `hours` 24 from Thu 24 Dec 2026 11:00Z → D = Fri 25 Dec 11:00Z (a bank holiday).
    // W = Thu 11:00–17:00 = 6 h = 21,600 s.  50%: 3 h → Thu 14:00.  75%: 4 h 30 → Thu 15:30.
    // due Fri 25 Dec 11:00 and breach 11:00:01: Fri 25, Sat 26, Sun 27, Mon 28 (substitute)
    // are not working days → both sent Tue 29 Dec 09:00.
    expect(nudges({ ...person, trigger: '2026-12-24T11:00:00Z', due: '2026-12-25T11:00:00Z' })).toEqual([
      ['reminder-50', '2026-12-24T14:00:00Z', '2026-12-24T14:00:00Z'],
      ['reminder-75', '2026-12-24T15:30:00Z', '2026-12-24T15:30:00Z'],
      ['due', '2026-12-25T11:00:00Z', '2026-12-29T09:00:00Z'],
      ['breach', '2026-12-25T11:00:01Z', '2026-12-29T09:00:00Z'],
    ]);
  });

  it('spring forward: 7 working hours from Fri 27 Mar 2026 15:00 GMT end in BST on Monday', () => {
    // Clocks go forward Sun 29 Mar 2026 01:00Z. Friday is GMT (09:00–17:00 = 09:00Z–17:00Z),
    // Monday 30 Mar is BST (09:00–17:00 = 08:00Z–16:00Z).
    // time-semantics example 1: 2 h Friday + 5 h Monday → D = Mon 14:00 BST = 13:00Z; W = 7 h.
    // 50%: 3 h 30 = 2 h Fri + 1 h 30 Mon → 10:30 BST = 09:30Z.
    // 75%: 5 h 15 = 2 h Fri + 3 h 15 Mon → 12:15 BST = 11:15Z.
    expect(nudges({ ...person, trigger: '2026-03-27T15:00:00Z', due: '2026-03-30T13:00:00Z' })).toEqual([
      ['reminder-50', '2026-03-30T09:30:00Z', '2026-03-30T09:30:00Z'],
      ['reminder-75', '2026-03-30T11:15:00Z', '2026-03-30T11:15:00Z'],
      ['due', '2026-03-30T13:00:00Z', '2026-03-30T13:00:00Z'],
      ['breach', '2026-03-30T13:00:01Z', '2026-03-30T13:00:01Z'],
    ]);
  });

  it('spring forward: assigned Sat 28 Mar 2026, due at Monday COB in BST, breach sent Tuesday 09:00 BST', () => {
    // `working-days` 1 from Sat 28 Mar 2026 10:00Z: day 1 = Mon 30 Mar → D = 17:00 BST = 16:00Z.
    // Counting starts Mon 09:00 BST = 08:00Z; W = 8 h.  50%: 4 h → 13:00 BST = 12:00Z.
    // 75%: 6 h → 15:00 BST = 14:00Z.  due 16:00Z (= 17:00 BST, sendable).
    // breach 16:00:01Z = 17:00:01 BST → Tue 31 Mar 09:00 BST = 08:00Z.
    expect(nudges({ ...person, trigger: '2026-03-28T10:00:00Z', due: '2026-03-30T16:00:00Z' })).toEqual([
      ['reminder-50', '2026-03-30T12:00:00Z', '2026-03-30T12:00:00Z'],
      ['reminder-75', '2026-03-30T14:00:00Z', '2026-03-30T14:00:00Z'],
      ['due', '2026-03-30T16:00:00Z', '2026-03-30T16:00:00Z'],
      ['breach', '2026-03-30T16:00:01Z', '2026-03-31T08:00:00Z'],
    ]);
  });

  it('spring forward: 24 elapsed hours from Sat 12:00Z due on Sunday, no working time, sent Mon 09:00 BST', () => {
    // `hours` 24 from Sat 28 Mar 2026 12:00Z → D = Sun 29 Mar 12:00Z (13:00 BST; DST does
    // not stretch elapsed time). W = 0 → no reminders. due and breach on a Sunday → sent
    // Mon 30 Mar 09:00 BST = 08:00Z.
    expect(nudges({ ...person, trigger: '2026-03-28T12:00:00Z', due: '2026-03-29T12:00:00Z' })).toEqual([
      ['due', '2026-03-29T12:00:00Z', '2026-03-30T08:00:00Z'],
      ['breach', '2026-03-29T12:00:01Z', '2026-03-30T08:00:00Z'],
    ]);
  });

  it('fall back: from Fri 23 Oct 2026 15:00 BST to Mon 26 Oct COB in GMT', () => {
    // Clocks go back Sun 25 Oct 2026 01:00Z. `working-days` 1 from Fri 23 Oct 14:00Z (15:00 BST):
    // day 1 = Mon 26 Oct → D = 17:00 GMT = 17:00Z.
    // W = Fri 15:00–17:00 BST (14:00Z–16:00Z, 2 h) + Mon 09:00–17:00 GMT (8 h) = 10 h = 36,000 s.
    // 50%: 5 h = 2 h Fri + 3 h Mon → Mon 12:00 GMT = 12:00Z.
    // 75%: 7 h 30 = 2 h Fri + 5 h 30 Mon → Mon 14:30Z.
    // breach 17:00:01Z → Tue 27 Oct 09:00Z.
    expect(nudges({ ...person, trigger: '2026-10-23T14:00:00Z', due: '2026-10-26T17:00:00Z' })).toEqual([
      ['reminder-50', '2026-10-26T12:00:00Z', '2026-10-26T12:00:00Z'],
      ['reminder-75', '2026-10-26T14:30:00Z', '2026-10-26T14:30:00Z'],
      ['due', '2026-10-26T17:00:00Z', '2026-10-26T17:00:00Z'],
      ['breach', '2026-10-26T17:00:01Z', '2026-10-27T09:00:00Z'],
    ]);
  });

  it('fall back: 48 elapsed hours from Fri 16:30 BST, reminders inside the last half hour of Friday', () => {
    // `hours` 48 from Fri 23 Oct 2026 15:30Z (16:30 BST) → D = Sun 25 Oct 15:30Z (15:30 GMT).
    // W = Fri 16:30–17:00 BST = 30 min = 1,800 s.
    // 50%: 900 s → 16:45 BST = 15:45Z.  75%: 1,350 s = 22 min 30 s → 16:52:30 BST = 15:52:30Z.
    // due and breach on Sunday → Mon 26 Oct 09:00 GMT = 09:00Z.
    expect(nudges({ ...person, trigger: '2026-10-23T15:30:00Z', due: '2026-10-25T15:30:00Z' })).toEqual([
      ['reminder-50', '2026-10-23T15:45:00Z', '2026-10-23T15:45:00Z'],
      ['reminder-75', '2026-10-23T15:52:30Z', '2026-10-23T15:52:30Z'],
      ['due', '2026-10-25T15:30:00Z', '2026-10-26T09:00:00Z'],
      ['breach', '2026-10-25T15:30:01Z', '2026-10-26T09:00:00Z'],
    ]);
  });

  it('a 24-hour elapsed clock due at night: due sent at 09:00 the next working day', () => {
    // `hours` 24 from Tue 17 Nov 2026 20:00Z → D = Wed 18 Nov 20:00Z.
    // W = Wed 09:00–17:00 = 8 h = 28,800 s (Tuesday evening has none).
    // 50%: 4 h → Wed 13:00.  75%: 6 h → Wed 15:00.
    // due Wed 20:00 and breach 20:00:01 → Thu 19 Nov 09:00.
    expect(nudges({ ...person, trigger: '2026-11-17T20:00:00Z', due: '2026-11-18T20:00:00Z' })).toEqual([
      ['reminder-50', '2026-11-18T13:00:00Z', '2026-11-18T13:00:00Z'],
      ['reminder-75', '2026-11-18T15:00:00Z', '2026-11-18T15:00:00Z'],
      ['due', '2026-11-18T20:00:00Z', '2026-11-19T09:00:00Z'],
      ['breach', '2026-11-18T20:00:01Z', '2026-11-19T09:00:00Z'],
    ]);
  });

  it('an immediate obligation at Sat 02:00 is sent at 02:00, escalated at 03:00, regardless of hours', () => {
    // Sat 21 Nov 2026 02:00Z (GMT): due at T = 02:00, breach at T + 60 min = 03:00; no reminders.
    expect(nudges({ immediate: true, ownerIsTeam: false, trigger: '2026-11-21T02:00:00Z', due: '2026-11-21T02:00:00Z' })).toEqual([
      ['due', '2026-11-21T02:00:00Z', '2026-11-21T02:00:00Z'],
      ['breach', '2026-11-21T03:00:00Z', '2026-11-21T03:00:00Z'],
    ]);
    // In BST the same local hours are an hour earlier in UTC, but nothing is moved either way:
    // Sat 20 Jun 2026 01:00Z (02:00 BST) with a 30-minute escalation → 01:00Z and 01:30Z.
    expect(
      nudges({ immediate: true, ownerIsTeam: false, trigger: '2026-06-20T01:00:00Z', due: '2026-06-20T01:00:00Z', options: { immediateEscalationMinutes: 30 } }),
    ).toEqual([
      ['due', '2026-06-20T01:00:00Z', '2026-06-20T01:00:00Z'],
      ['breach', '2026-06-20T01:30:00Z', '2026-06-20T01:30:00Z'],
    ]);
  });

  it('a team-held obligation gets only the breach escalation, unless teamReminders is on', () => {
    // The 7-working-hour example held by a team: no reminders, no due nudge.
    const team = { immediate: false, ownerIsTeam: true, trigger: '2026-11-16T10:00:00Z', due: '2026-11-16T17:00:00Z' };
    expect(nudges(team)).toEqual([['breach', '2026-11-16T17:00:01Z', '2026-11-17T09:00:00Z']]);
    expect(nudges({ ...team, options: { teamReminders: true } }).map((r) => r[0])).toEqual(['reminder-50', 'reminder-75', 'due', 'breach']);
    // This oracle's reading: an immediate obligation's `due` nudge goes out even to a team.
    expect(nudges({ immediate: true, ownerIsTeam: true, trigger: '2026-11-21T02:00:00Z', due: '2026-11-21T02:00:00Z' }).map((r) => r[0])).toEqual(['due', 'breach']);
  });

  it('policy switches: no due nudge, no escalation, other fractions', () => {
    const base = { ...person, trigger: '2026-11-16T10:00:00Z', due: '2026-11-16T17:00:00Z' };
    expect(nudges({ ...base, options: { remindAtDue: false, escalateOnBreach: false } }).map((r) => r[0])).toEqual(['reminder-50', 'reminder-75']);
    // Fractions are planned in ascending order whatever order they are given in.
    // 25% of 7 h = 1 h 45 → 11:45; 90% = 6 h 18 → 16:18.
    expect(nudges({ ...base, options: { reminders: [0.9, 0.25] } })).toEqual([
      ['reminder-25', '2026-11-16T11:45:00Z', '2026-11-16T11:45:00Z'],
      ['reminder-90', '2026-11-16T16:18:00Z', '2026-11-16T16:18:00Z'],
      ['due', '2026-11-16T17:00:00Z', '2026-11-16T17:00:00Z'],
      ['breach', '2026-11-16T17:00:01Z', '2026-11-17T09:00:00Z'],
    ]);
    // An immediate obligation never gets reminders; without escalation only `due` remains.
    expect(nudges({ immediate: true, ownerIsTeam: false, trigger: '2026-11-21T02:00:00Z', due: '2026-11-21T02:00:00Z', options: { escalateOnBreach: false } })).toEqual([
      ['due', '2026-11-21T02:00:00Z', '2026-11-21T02:00:00Z'],
    ]);
  });

  it('W so small that rounding skips a reminder (whole seconds, off minute boundaries)', () => {
    // T = Mon 16 Nov 2026 16:59:58Z, D = 17:00:00Z: W = 2 s.
    // 50%: round(1) = 1 s → 16:59:59.  75%: round(1.5) = 2 = W → skipped (s ≥ W).
    expect(nudges({ ...person, trigger: '2026-11-16T16:59:58Z', due: '2026-11-16T17:00:00Z' })).toEqual([
      ['reminder-50', '2026-11-16T16:59:59Z', '2026-11-16T16:59:59Z'],
      ['due', '2026-11-16T17:00:00Z', '2026-11-16T17:00:00Z'],
      ['breach', '2026-11-16T17:00:01Z', '2026-11-17T09:00:00Z'],
    ]);
    // T = 16:59:59Z, D = 17:00:01Z: W = 1 s (17:00:00–17:00:01 is not working time).
    // 50%: round(0.5) = 1 = W → skipped; 75%: round(0.75) = 1 → skipped.
    // due 17:00:01 is past the end of the interval → Tue 09:00.
    expect(nudges({ ...person, trigger: '2026-11-16T16:59:59Z', due: '2026-11-16T17:00:01Z' })).toEqual([
      ['due', '2026-11-16T17:00:01Z', '2026-11-17T09:00:00Z'],
      ['breach', '2026-11-16T17:00:02Z', '2026-11-17T09:00:00Z'],
    ]);
    // W = 4 s with a 10% reminder: round(0.4) = 0 → skipped (s = 0).
    expect(nudges({ ...person, trigger: '2026-11-16T16:59:56Z', due: '2026-11-16T17:00:00Z', options: { reminders: [0.1] } }).map((r) => r[0])).toEqual([
      'due',
      'breach',
    ]);
  });

  it('`hours` 1 from 16:59:30: 30 working seconds, reminders at 16:59:45 and 16:59:53', () => {
    // T = Mon 16 Nov 2026 16:59:30Z, D = 17:59:30Z; W = 30 s.
    // 50%: 15 s → 16:59:45.  75%: round(22.5) = 23 s → 16:59:53.  due 17:59:30 → Tue 09:00.
    expect(nudges({ ...person, trigger: '2026-11-16T16:59:30Z', due: '2026-11-16T17:59:30Z' })).toEqual([
      ['reminder-50', '2026-11-16T16:59:45Z', '2026-11-16T16:59:45Z'],
      ['reminder-75', '2026-11-16T16:59:53Z', '2026-11-16T16:59:53Z'],
      ['due', '2026-11-16T17:59:30Z', '2026-11-17T09:00:00Z'],
      ['breach', '2026-11-16T17:59:31Z', '2026-11-17T09:00:00Z'],
    ]);
  });

  it('sendable instants: 09:00:00 and 17:00:00 included, 08:59:59 and 17:00:01 not', () => {
    expect(iso(referenceNextSendable(at('2026-11-16T08:59:59Z')))).toBe('2026-11-16T09:00:00Z');
    expect(iso(referenceNextSendable(at('2026-11-16T09:00:00Z')))).toBe('2026-11-16T09:00:00Z');
    expect(iso(referenceNextSendable(at('2026-11-16T17:00:00Z')))).toBe('2026-11-16T17:00:00Z');
    expect(iso(referenceNextSendable(at('2026-11-16T17:00:01Z')))).toBe('2026-11-17T09:00:00Z');
    // Fri 20 Nov 17:00:01 → Mon 23 Nov 09:00; Sat 21 Nov 12:00 → Mon 23 Nov 09:00.
    expect(iso(referenceNextSendable(at('2026-11-20T17:00:01Z')))).toBe('2026-11-23T09:00:00Z');
    expect(iso(referenceNextSendable(at('2026-11-21T12:00:00Z')))).toBe('2026-11-23T09:00:00Z');
    // In BST the window is 08:00Z–16:00Z: Wed 17 Jun 2026 16:00:00Z sendable, 16:00:01Z → Thu 08:00Z.
    expect(iso(referenceNextSendable(at('2026-06-17T16:00:00Z')))).toBe('2026-06-17T16:00:00Z');
    expect(iso(referenceNextSendable(at('2026-06-17T16:00:01Z')))).toBe('2026-06-18T08:00:00Z');
  });
});

/**
 * Cross-check of the day-by-day arithmetic against a plain walk over whole minutes
 * (with partial first and last minutes) using reference-clock's isWorkingMinute. London's
 * offsets are whole hours, so every second of a minute is working or not as its minute is.
 */
const minuteOf = (t: number) => Math.floor(t / 60) * 60;
const working = (m: number) => isWorkingMinute(m, 'england-and-wales');

function walkWorkingSeconds(a: number, b: number): number {
  let total = 0;
  for (let t = a; t < b; t = Math.min(minuteOf(t) + 60, b)) {
    if (working(minuteOf(t))) total += Math.min(minuteOf(t) + 60, b) - t;
  }
  return total;
}

function walkAfterWorkingSeconds(start: number, seconds: number): number {
  let total = 0;
  for (let t = start; ; t = minuteOf(t) + 60) {
    if (!working(minuteOf(t))) continue;
    const inMinute = minuteOf(t) + 60 - t;
    if (total + inMinute >= seconds) return t + (seconds - total);
    total += inMinute;
  }
}

/** Sendable: inside a working minute, or exactly on the boundary that ends one (17:00:00). */
function walkNextSendable(start: number): number {
  for (let t = start; ; t = minuteOf(t) + 60) {
    if (working(minuteOf(t)) || (t % 60 === 0 && working(t - 60))) return t;
  }
}

describe('the Safety Link oracle: "Team Managers receiving a statement, where the Safety Link has been triggered, will follow up with the allocated worker" (Immediate)', () => {
  const sat2am = Date.parse('2026-11-21T02:00:00Z') / 1000;

  it('escalates an hour after the statement reached the team manager unless followed up before then', () => {
    expect(expectedSafetyLinkEscalation({ reachedManagerAt: sat2am, followedUpAt: null })).toBe(sat2am + 3600);
    expect(expectedSafetyLinkEscalation({ reachedManagerAt: sat2am, followedUpAt: sat2am + 3599 })).toBeNull();
    expect(expectedSafetyLinkEscalation({ reachedManagerAt: sat2am, followedUpAt: sat2am + 3601 })).toBe(sat2am + 3600);
    expect(expectedSafetyLinkEscalation({ reachedManagerAt: sat2am, followedUpAt: null, options: { immediateEscalationMinutes: 15 } })).toBe(sat2am + 900);
  });

  it('"the Duty Manager, who is identifiable via the Youth Justice Service Duty Rota": whoever’s shift holds the instant, else any duty manager', () => {
    const rota = [
      { personId: 'p_nia', from: sat2am - 3600, until: sat2am + 3600 },
      { personId: 'p_dev', from: sat2am + 3600, until: sat2am + 7200 },
    ];
    expect(expectedDutyManagers(sat2am, rota, ['p_dev', 'p_nia'])).toEqual(['p_nia']);
    expect(expectedDutyManagers(sat2am + 3600, rota, ['p_dev', 'p_nia'])).toEqual(['p_dev']);
    expect(expectedDutyManagers(sat2am + 7200, rota, ['p_dev', 'p_nia'])).toEqual(['p_dev', 'p_nia']);
  });
});

describe('the day-by-day arithmetic agrees with a minute-by-minute walk', () => {
  const START = Date.UTC(2024, 0, 1) / 1000;
  // Seconds of the UTC day: anywhere, or within 90 s of 09:00/17:00 local in GMT (09Z, 17Z) or BST (08Z, 16Z) or midnight.
  const secondOfDay = fc.oneof(
    fc.integer({ min: 0, max: 86399 }),
    fc
      .tuple(fc.constantFrom(0, 8, 9, 16, 17), fc.oneof(fc.constantFrom(-1, 0, 0, 1), fc.integer({ min: -90, max: 90 })))
      .map(([hour, d]) => hour * 3600 + 86400 + d),
  );
  const instant = fc.tuple(fc.integer({ min: 0, max: 5 * 365 }), secondOfDay).map(([day, second]) => START + day * 86400 + (second % 86400));

  it('on random spans of up to 4 days over 2024–2028, seconds included', () => {
    fc.assert(
      fc.property(instant, fc.oneof(fc.integer({ min: 0, max: 2 * 3600 }), fc.integer({ min: 0, max: 4 * 86400 })), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (a, span, f) => {
        const b = a + span;
        const W = referenceWorkingSeconds(a, b);
        if (W !== walkWorkingSeconds(a, b)) return false;
        if (referenceNextSendable(a) !== walkNextSendable(a) || referenceNextSendable(b) !== walkNextSendable(b)) return false;
        // All of W: when b is outside working time this lands back on the last close (17:00:00).
        if (W > 0 && referenceAfterWorkingSeconds(a, W) !== walkAfterWorkingSeconds(a, W)) return false;
        const s = Math.round(W * f);
        if (s === 0 || s >= W) return true;
        const t = referenceAfterWorkingSeconds(a, s);
        return t === walkAfterWorkingSeconds(a, s) && referenceWorkingSeconds(a, t) === s;
      }),
      { numRuns: 150, seed: 20261116 },
    );
  });
});

describe('speed', () => {
  it('plans 3,000 obligations of up to 91 days in well under the test budget', () => {
    const start = Date.now();
    for (let i = 0; i < 3000; i++) {
      const trigger = Date.UTC(2025, 0, 1) / 1000 + ((i * 7919) % (3 * 365)) * 86400 + ((i * 104729) % 86400);
      const due = trigger + ((i * 31) % 91) * 86400 + ((i * 13) % 86400);
      expectedNudges({ trigger, due, immediate: i % 50 === 0, ownerIsTeam: i % 7 === 0 });
    }
    expect(Date.now() - start).toBeLessThan(5000);
  });
});
