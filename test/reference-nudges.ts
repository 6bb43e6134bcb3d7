/**
 * A deliberately naive oracle for WHEN the default nudge policy sends each nudge of an
 * obligation, on the default calendar (Europe/London, Monday–Friday 09:00–17:00,
 * England-and-Wales bank holidays). Written for the scheduler's simulation test: it
 * shares no code with `scheduler/` or `domain/`, and builds only on the naive helpers of
 * `reference-clock.ts` (`Intl` for local time, `date-holidays` for bank holidays).
 *
 * It walks the calendar one local date at a time. Each working date contributes one
 * working interval [09:00, 17:00) local, turned into UTC seconds by asking `Intl`; the
 * working time inside [a, b] is the sum of that interval's overlaps with [a, b). There
 * is no day table, no week arithmetic and no skipping ahead beyond "next date".
 * (`reference-nudges.spec.ts` checks this against a minute-by-minute walk.)
 *
 * The policy:
 * - non-immediate: W = working seconds inside [T, D]. For each reminder fraction f
 *   (ascending; only for a person owner unless `teamReminders`), s = round(W × f),
 *   skipped when W = 0, s = 0 or s ≥ W, planned at the earliest t ≥ T with s working
 *   seconds inside [T, t] (so a point landing exactly on 17:00 stays at 17:00), kind
 *   `reminder-<round(f × 100)>`; then `due` at D (when `remindAtDue`, same owner rule);
 *   then `breach` at D + 1 (when `escalateOnBreach`). Each is sent at the first sendable
 *   instant ≥ its planned instant: 09:00:00 ≤ local time ≤ 17:00:00 (end included) on a
 *   working day.
 * - immediate: `due` at T (always, for a person or a team, whatever `remindAtDue`) and
 *   (when `escalateOnBreach`) `breach` at T + immediateEscalationMinutes × 60, both sent
 *   exactly when planned, at any hour; never reminders.
 */
import { instantOfLocal, isWorkingDate, localByHour, shiftDate, weekdayOf } from './reference-clock';

const DIVISION = 'england-and-wales';
const OPEN_MINUTE = 9 * 60;
const CLOSE_MINUTE = 17 * 60;

export interface ReferenceNudgePolicy {
  /** Fractions of the working time between trigger and due, e.g. [0.5, 0.75]. */
  reminders: number[];
  remindAtDue: boolean;
  escalateOnBreach: boolean;
  /** Whether reminders and the due nudge also go to obligations held by a team. */
  teamReminders: boolean;
  immediateEscalationMinutes: number;
}

export const REFERENCE_DEFAULT_POLICY: ReferenceNudgePolicy = {
  reminders: [0.5, 0.75],
  remindAtDue: true,
  escalateOnBreach: true,
  teamReminders: false,
  immediateEscalationMinutes: 60,
};

export interface ReferenceNudgeInput {
  /** Trigger instant T, whole epoch seconds. */
  trigger: number;
  /** Due instant D, whole epoch seconds (D = T for an immediate clock). */
  due: number;
  /** Whether the obligation's clock is `immediate`. */
  immediate: boolean;
  /** Whether the owner is a team rather than a person. */
  ownerIsTeam: boolean;
  /** Overrides of the default policy; missing fields take the defaults. */
  options?: Partial<ReferenceNudgePolicy>;
}

export interface ReferenceNudge {
  kind: string;
  /** When the policy plans the nudge, epoch seconds. */
  planned: number;
  /** When it must actually be sent, epoch seconds. */
  sendAt: number;
}

interface Day {
  /** The working interval [09:00, 17:00) of the local date as UTC epoch seconds; null when not a working day. */
  interval: [number, number] | null;
  /** The next local date. */
  next: string;
}

// Nothing about a local date ever changes, so each is worked out once (for speed only).
const dayCache = new Map<string, Day>();
function day(date: string): Day {
  let d = dayCache.get(date);
  if (!d) {
    const interval: [number, number] | null = isWorkingDate(date, weekdayOf(date), DIVISION)
      ? [instantOfLocal(date, OPEN_MINUTE), instantOfLocal(date, CLOSE_MINUTE)]
      : null;
    d = { interval, next: shiftDate(date, 1) };
    dayCache.set(date, d);
  }
  return d;
}
const workingInterval = (date: string) => day(date).interval;
const nextDate = (date: string) => day(date).next;
/** London's local date at instant t (reference-clock's hour-cached Intl look-up). */
const localDate = (t: number) => localByHour(t).date;

/** Working seconds inside [a, b] (0 when b ≤ a). */
export function referenceWorkingSeconds(a: number, b: number): number {
  if (b <= a) return 0;
  let total = 0;
  const lastDate = localDate(b);
  for (let date = localDate(a); date <= lastDate; date = nextDate(date)) {
    const interval = workingInterval(date);
    if (interval) total += Math.max(0, Math.min(interval[1], b) - Math.max(interval[0], a));
  }
  return total;
}

/** The earliest instant t ≥ start with exactly `seconds` (> 0) working seconds inside [start, t]. */
export function referenceAfterWorkingSeconds(start: number, seconds: number): number {
  if (seconds <= 0) throw new Error('referenceAfterWorkingSeconds needs a positive amount');
  let remaining = seconds;
  for (let date = localDate(start); ; date = nextDate(date)) {
    const interval = workingInterval(date);
    if (!interval) continue;
    const from = Math.max(interval[0], start);
    const available = Math.max(0, interval[1] - from);
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
}

/** The first sendable instant ≥ t: 09:00:00 ≤ local time ≤ 17:00:00 on a working day. */
export function referenceNextSendable(t: number): number {
  for (let date = localDate(t); ; date = nextDate(date)) {
    const interval = workingInterval(date);
    if (interval && t <= interval[1]) return Math.max(t, interval[0]);
  }
}

/** The nudges the default policy must send for one obligation, in plan order (reminders ascending, due, breach). */
export function expectedNudges(input: ReferenceNudgeInput): ReferenceNudge[] {
  const o = input.options ?? {};
  const d = REFERENCE_DEFAULT_POLICY;
  const policy: ReferenceNudgePolicy = {
    reminders: o.reminders ?? d.reminders,
    remindAtDue: o.remindAtDue ?? d.remindAtDue,
    escalateOnBreach: o.escalateOnBreach ?? d.escalateOnBreach,
    teamReminders: o.teamReminders ?? d.teamReminders,
    immediateEscalationMinutes: o.immediateEscalationMinutes ?? d.immediateEscalationMinutes,
  };
  const { trigger: T, due: D } = input;
  const nudges: ReferenceNudge[] = [];

  if (input.immediate) {
    // Read literally from the policy: the immediate `due` nudge is sent whoever holds the
    // obligation and whatever `remindAtDue` says; only the escalation is switchable.
    nudges.push({ kind: 'due', planned: T, sendAt: T });
    if (policy.escalateOnBreach) {
      const breach = T + policy.immediateEscalationMinutes * 60;
      nudges.push({ kind: 'breach', planned: breach, sendAt: breach });
    }
    return nudges;
  }

  const toOwner = !input.ownerIsTeam || policy.teamReminders;
  const plan = (kind: string, planned: number) => nudges.push({ kind, planned, sendAt: referenceNextSendable(planned) });

  if (toOwner) {
    const W = referenceWorkingSeconds(T, D);
    for (const f of [...policy.reminders].sort((x, y) => x - y)) {
      const s = Math.round(W * f);
      if (W === 0 || s === 0 || s >= W) continue;
      plan(`reminder-${Math.round(f * 100)}`, referenceAfterWorkingSeconds(T, s));
    }
    if (policy.remindAtDue) plan('due', D);
  }
  if (policy.escalateOnBreach) plan('breach', D + 1);
  return nudges;
}

/**
 * Safety Link 2 ("Team Managers receiving a statement, where the Safety Link has been
 * triggered, will follow up with the allocated worker …", timeline "Immediate"), read
 * literally from the policy: the escalation to the duty manager is made
 * `immediateEscalationMinutes` after the statement reached the team manager, unless the
 * follow-up was recorded before that instant; otherwise none. Returns that instant, or
 * null when the follow-up came in time. (A follow-up at exactly the instant may go either
 * way; the simulation never records one then.)
 */
export function expectedSafetyLinkEscalation(input: { reachedManagerAt: number; followedUpAt: number | null; options?: Partial<ReferenceNudgePolicy> }): number | null {
  const minutes = input.options?.immediateEscalationMinutes ?? REFERENCE_DEFAULT_POLICY.immediateEscalationMinutes;
  const at = input.reachedManagerAt + minutes * 60;
  return input.followedUpAt !== null && input.followedUpAt < at ? null : at;
}

/** One shift of a duty rota, as the simulation wrote it: on duty from `from` (included) until `until` (excluded). */
export interface ReferenceShift {
  personId: string;
  from: number;
  until: number;
}

/**
 * Who may receive what is sent to "the duty manager" at instant `at`: everyone whose
 * shift on the rota holds `at`; when nobody's does, any one of the council's duty
 * managers (the people with the role), so that the alert still reaches someone.
 */
export function expectedDutyManagers(at: number, rota: readonly ReferenceShift[], dutyManagers: readonly string[]): string[] {
  const onDuty = rota.filter((s) => s.from <= at && at < s.until).map((s) => s.personId);
  return onDuty.length > 0 ? onDuty : [...dutyManagers];
}
