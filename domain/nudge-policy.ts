import { z } from 'zod';
import { addWorkingSeconds, workingSecondsBetween, type Standard, type WorkingCalendar } from '../standards';
import type { Obligation } from './obligation';

/**
 * When Heard nudges about an obligation: the organisation's nudge policy (a setting, with
 * per-standard overrides) and the plan it gives one obligation. Pure: the scheduler runs
 * the plan, the statement service stores its first instant as the obligation's
 * `nextNudgeAt`.
 */

const Fraction = z.number().gt(0, 'a reminder is a fraction of the allowed time above 0').lt(1, 'a reminder is a fraction of the allowed time below 1');

const WorkingDaysAhead = z
  .array(z.number().int('a reminder is a whole number of working days before the deadline').min(0).max(60, 'remind at most 60 working days before'))
  .max(10);

const PolicyFields = {
  /** Remind the owner when these fractions of the allowed working time have gone (clocks shorter than `longClockWorkingDays`). */
  reminders: z.array(Fraction),
  /**
   * A clock that allows at least this many working days is long: half of six weeks means
   * nothing to a social worker, so its reminders come a set number of working days before
   * the day it is due (`longClockReminders`), not at fractions of the time.
   */
  longClockWorkingDays: z.number().int().min(1).max(260),
  /**
   * For long clocks: remind at the start of the working day this many working days before
   * the day the deadline falls on (0: the morning of that day; the last working day
   * before it when it falls on a weekend or bank holiday). With 0, that morning's
   * reminder ("Due today") stands for the one at the deadline itself.
   */
  longClockReminders: WorkingDaysAhead,
  /**
   * For a deadline counted back from a meeting, a date set or a birthday (a report shared
   * 5 working days before the review; Mind Of My Own introduced before the conference):
   * remind this many working days before the day it is due, whatever the clock's length,
   * so the work is done before the meeting, not found out at it.
   */
  beforeEventReminders: WorkingDaysAhead,
  /** Remind the owner at the due instant. */
  remindAtDue: z.boolean(),
  /** On breach, escalate (the standard's own escalation, else the owner's line manager). */
  escalateOnBreach: z.boolean(),
  /**
   * Reminders for obligations held by a team (the participation team's queue): off by
   * default, as the team works from its queue and morning digest, not per-item pings.
   */
  teamReminders: z.boolean(),
};

/** A standard's departures from the organisation's policy. */
const OverrideSchema = z.object(PolicyFields).partial().strict();

/**
 * The nudge policy setting (`nudge-policy`). Every field has the product's default.
 *
 * @example
 * NudgePolicySchema.parse({ standards: { 'momo.1.1': { teamReminders: true } } });
 */
export const NudgePolicySchema = z
  .object({
    reminders: PolicyFields.reminders.default([0.5, 0.75]),
    longClockWorkingDays: PolicyFields.longClockWorkingDays.default(10),
    longClockReminders: PolicyFields.longClockReminders.default([5, 0]),
    beforeEventReminders: PolicyFields.beforeEventReminders.default([5, 1, 0]),
    remindAtDue: PolicyFields.remindAtDue.default(true),
    escalateOnBreach: PolicyFields.escalateOnBreach.default(true),
    teamReminders: PolicyFields.teamReminders.default(false),
    /**
     * An `immediate` obligation (Safety Link) is due the moment it starts; it escalates
     * if still open this many minutes later, at any hour.
     */
    immediateEscalationMinutes: z.number().int().min(1).max(24 * 60).default(60),
    standards: z.record(z.string(), OverrideSchema).default({}),
  })
  .strict();

/** @example const p: NudgePolicy = DEFAULT_NUDGE_POLICY; */
export type NudgePolicy = z.infer<typeof NudgePolicySchema>;

/**
 * The product's default: remind at 50% and 75% of the allowed working time and at the due
 * instant; for clocks of 10 working days or more, a working week before the day it is due
 * and that morning; for deadlines counted back from a meeting, a working week before, the
 * working day before and that morning; escalate on breach.
 */
export const DEFAULT_NUDGE_POLICY: NudgePolicy = NudgePolicySchema.parse({});

/** What a step of the plan is for: reminding the owner, or handling the breach. */
export type NudgePurpose = 'reminder' | 'due' | 'breach';

/**
 * One step of an obligation's nudge plan.
 *
 * @example
 * const step: NudgeStep = { kind: 'reminder-50', purpose: 'reminder', percent: 50, workingDaysBefore: null, planned: 1795269600, at: 1795269600, anyHour: false };
 */
export interface NudgeStep {
  /**
   * `reminder-50`, `reminder-75`, `ahead-5` (5 working days before the day it is due),
   * `ahead-0` (that morning), `due`, `breach`: with the obligation, the idempotency key.
   */
  kind: string;
  purpose: NudgePurpose;
  /** For a reminder at a share of the allowed time: the share gone, in percent. */
  percent: number | null;
  /** For a reminder ahead of the deadline: how many working days before the day it is due (0: that day). */
  workingDaysBefore: number | null;
  /** The instant the policy gives. */
  planned: number;
  /** When it is sent: `planned`, or the next working moment when that is outside working hours. */
  at: number;
  /** Sent at any hour (immediate standards). */
  anyHour: boolean;
}

/**
 * Whether `t` is inside a working interval of the calendar, its close included: a nudge
 * at exactly 17:00 goes at 17:00, one at 17:00:01 waits for the next working morning.
 *
 * @example
 * isSendable(cal, parseInstant('2026-11-23T17:00:00Z')); // true (a Monday)
 */
export function isSendable(cal: WorkingCalendar, t: number): boolean {
  return nextSendableInstant(cal, t) === t;
}

/**
 * The first instant ≥ t inside a working interval (close included): t itself in working
 * hours, else the start of the next interval — never at night, at a weekend or on a bank
 * holiday.
 *
 * @example
 * nextSendableInstant(cal, parseInstant('2026-11-21T10:00:00Z')); // Mon 23 Nov 09:00 = 2026-11-23T09:00:00Z
 */
export function nextSendableInstant(cal: WorkingCalendar, t: number): number {
  for (let day = cal.dayOf(t); day < cal.days; day++) {
    for (let k = cal.ivFrom[day]; k < cal.ivFrom[day + 1]; k++) {
      if (t <= cal.ivEnd[k]) return Math.max(t, cal.ivStart[k]);
    }
  }
  throw new RangeError(`no working time after ${new Date(t * 1000).toISOString()} in the calendar's years`);
}

/** The policy for one standard: the organisation's, with the standard's overrides. */
export function policyFor(policy: NudgePolicy, standardId: string): NudgePolicy {
  const override = policy.standards[standardId];
  return override ? { ...policy, ...override } : policy;
}

/**
 * The nudges of an obligation, in the order they are sent. For a timed standard:
 * reminders at the policy's fractions of the working time between trigger and due
 * (skipped when there is none, or the share rounds to nothing) — or, for a long clock
 * and for a deadline counted back from an event, at the start of the working day a set
 * number of working days before the day it is due (skipped when that is not after the
 * trigger) —, one at the due instant (for those two, only when no reminder came that
 * morning and the due instant is in working time), and the
 * breach one second after it (the first overdue second: work done at the due instant is
 * on time); each sent at the next working moment. For an `immediate` one: a notice at
 * once and the breach after `immediateEscalationMinutes`, both at any hour. Reminders
 * only go to a person, unless the policy turns on team reminders.
 *
 * @example
 * // momo 2.1 (7 working hours) assigned Mon 23 Nov 2026 10:00Z: due 17:00
 * nudgePlan(obligation, standard, cal, DEFAULT_NUDGE_POLICY).map((s) => s.kind);
 * // ['reminder-50' (13:30), 'reminder-75' (15:15), 'due' (17:00), 'breach' (Tue 09:00)]
 * // a child in care visited Mon 2 Nov 2026, next visit within 6 weeks: due 24:00 Mon 14 Dec
 * // ['ahead-5' (Mon 7 Dec 09:00), 'ahead-0' (Mon 14 Dec 09:00), 'breach' (Tue 15 Dec 09:00)]
 * // a report due 5 days before a review on Thu 3 Dec 10:00, the review scheduled on 12 Nov: due 24:00 Sat 28 Nov
 * // ['ahead-5' (Fri 20 Nov), 'ahead-1' (Thu 26 Nov), 'ahead-0' (Fri 27 Nov, the last working day), 'breach' (Mon 30 Nov 09:00)]
 */
export function nudgePlan(
  obligation: Pick<Obligation, 'standardId' | 'triggeredAt' | 'due' | 'ownerId'> & Partial<Pick<Obligation, 'anchorAt'>>,
  standard: Pick<Standard, 'clock'>,
  cal: WorkingCalendar,
  organisationPolicy: NudgePolicy,
): NudgeStep[] {
  const policy = policyFor(organisationPolicy, obligation.standardId);
  const { triggeredAt: from, due } = obligation;
  if (standard.clock === 'immediate') {
    const steps: NudgeStep[] = [{ kind: 'due', purpose: 'due', percent: null, workingDaysBefore: null, planned: from, at: from, anyHour: true }];
    if (policy.escalateOnBreach) {
      const at = from + policy.immediateEscalationMinutes * 60;
      steps.push({ kind: 'breach', purpose: 'breach', percent: null, workingDaysBefore: null, planned: at, at, anyHour: true });
    }
    return steps;
  }
  const remind = obligation.ownerId !== null || policy.teamReminders;
  const step = (kind: string, purpose: NudgePurpose, planned: number, ahead: { percent?: number; workingDaysBefore?: number } = {}): NudgeStep => ({
    kind,
    purpose,
    percent: ahead.percent ?? null,
    workingDaysBefore: ahead.workingDaysBefore ?? null,
    planned,
    at: nextSendableInstant(cal, planned),
    anyHour: false,
  });
  const steps: NudgeStep[] = [];
  const ahead = due <= from ? null : (obligation.anchorAt ?? null) !== null ? policy.beforeEventReminders : isLongClock(cal, from, due, policy.longClockWorkingDays) ? policy.longClockReminders : null;
  if (remind && due > from) {
    if (ahead) {
      for (const days of [...new Set(ahead)].sort((a, b) => b - a)) {
        const planned = morningBefore(cal, due, days);
        if (planned !== null && planned > from && planned < due) steps.push(step(`ahead-${days}`, 'reminder', planned, { workingDaysBefore: days }));
      }
    } else {
      const allowed = workingSecondsBetween(cal, from, due);
      for (const fraction of [...new Set(policy.reminders)].sort((a, b) => a - b)) {
        const share = Math.round(allowed * fraction);
        if (share <= 0 || share >= allowed) continue;
        const percent = Math.round(fraction * 100);
        steps.push(step(`reminder-${percent}`, 'reminder', addWorkingSeconds(cal, from, share), { percent }));
      }
    }
  }
  // Ahead of a long or counted-back deadline, that morning's reminder ("Due today") stands for the one at the deadline.
  const dueStep = ahead === null || (!ahead.includes(0) && isSendable(cal, due));
  if (remind && policy.remindAtDue && dueStep) steps.push(step('due', 'due', due));
  if (policy.escalateOnBreach) steps.push(step('breach', 'breach', due + 1));
  return steps;
}

/** Whether a clock from `from` to `due` allows at least `workingDays` working days: those after the trigger's day, up to the due day. */
function isLongClock(cal: WorkingCalendar, from: number, due: number, workingDays: number): boolean {
  return cal.workingDaysBefore[cal.dayOf(due - 1) + 1] - cal.workingDaysBefore[cal.dayOf(from) + 1] >= workingDays;
}

/**
 * The start of the working day `days` working days before the day `due` falls on (a
 * deadline at 24:00 belongs to the day it ends; one on a non-working day counts from the
 * last working day before it); null outside the calendar's years.
 */
function morningBefore(cal: WorkingCalendar, due: number, days: number): number | null {
  try {
    const dueDay = cal.dayOf(due - 1);
    const last = cal.isWorkingDay(dueDay) ? dueDay : cal.nthWorkingDayBefore(dueDay, 1);
    return cal.openingTime(days === 0 ? last : cal.nthWorkingDayBefore(last, days));
  } catch {
    return null;
  }
}
