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

const PolicyFields = {
  /** Remind the owner when these fractions of the allowed working time have gone. */
  reminders: z.array(Fraction),
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

/** The product's default: remind at 50% and 75% of the allowed working time and at the due instant; escalate on breach. */
export const DEFAULT_NUDGE_POLICY: NudgePolicy = NudgePolicySchema.parse({});

/** What a step of the plan is for: reminding the owner, or handling the breach. */
export type NudgePurpose = 'reminder' | 'due' | 'breach';

/**
 * One step of an obligation's nudge plan.
 *
 * @example
 * const step: NudgeStep = { kind: 'reminder-50', purpose: 'reminder', percent: 50, planned: 1795269600, at: 1795269600, anyHour: false };
 */
export interface NudgeStep {
  /** `reminder-50`, `reminder-75`, `due`, `breach`: with the obligation, the idempotency key. */
  kind: string;
  purpose: NudgePurpose;
  /** For reminders: the share of the allowed time gone. */
  percent: number | null;
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
 * (skipped when there is none, or the share rounds to nothing), one at the due instant,
 * and the breach one second after it (the first overdue second: work done at the due
 * instant is on time); each sent at the next working moment. For an `immediate` one: a
 * notice at once and the breach after `immediateEscalationMinutes`, both at any hour.
 * Reminders only go to a person, unless the policy turns on team reminders.
 *
 * @example
 * // momo 2.1 (7 working hours) assigned Mon 23 Nov 2026 10:00Z: due 17:00
 * nudgePlan(obligation, standard, cal, DEFAULT_NUDGE_POLICY).map((s) => s.kind);
 * // ['reminder-50' (13:30), 'reminder-75' (15:15), 'due' (17:00), 'breach' (Tue 09:00)]
 */
export function nudgePlan(
  obligation: Pick<Obligation, 'standardId' | 'triggeredAt' | 'due' | 'ownerId'>,
  standard: Pick<Standard, 'clock'>,
  cal: WorkingCalendar,
  organisationPolicy: NudgePolicy,
): NudgeStep[] {
  const policy = policyFor(organisationPolicy, obligation.standardId);
  const { triggeredAt: from, due } = obligation;
  if (standard.clock === 'immediate') {
    const steps: NudgeStep[] = [{ kind: 'due', purpose: 'due', percent: null, planned: from, at: from, anyHour: true }];
    if (policy.escalateOnBreach) {
      const at = from + policy.immediateEscalationMinutes * 60;
      steps.push({ kind: 'breach', purpose: 'breach', percent: null, planned: at, at, anyHour: true });
    }
    return steps;
  }
  const remind = obligation.ownerId !== null || policy.teamReminders;
  const step = (kind: string, purpose: NudgePurpose, percent: number | null, planned: number): NudgeStep => ({
    kind,
    purpose,
    percent,
    planned,
    at: nextSendableInstant(cal, planned),
    anyHour: false,
  });
  const steps: NudgeStep[] = [];
  if (remind && due > from) {
    const allowed = workingSecondsBetween(cal, from, due);
    for (const fraction of [...new Set(policy.reminders)].sort((a, b) => a - b)) {
      const share = Math.round(allowed * fraction);
      if (share <= 0 || share >= allowed) continue;
      const percent = Math.round(fraction * 100);
      steps.push(step(`reminder-${percent}`, 'reminder', percent, addWorkingSeconds(cal, from, share)));
    }
  }
  if (remind && policy.remindAtDue) steps.push(step('due', 'due', null, due));
  if (policy.escalateOnBreach) steps.push(step('breach', 'breach', null, due + 1));
  return steps;
}
