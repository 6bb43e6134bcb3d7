import { dueInstant, type Standard, type WorkingCalendar } from '../standards';
import { nudgePlan, type NudgePolicy, type NudgeStep } from './nudge-policy';
import type { Obligation } from './obligation';
import { opensClocks } from './standard-overrides';

/**
 * An open obligation under a changed configuration: its deadline worked out again from
 * its trigger (or, for a standard counted back from an event, that event) with the
 * standard and calendar as they now read, and its next nudge replanned so that nothing
 * already sent is sent again; or closed, when its standard no longer opens clocks. Pure:
 * the dry run and the change itself call the same function, so what one shows the other
 * does. Met and closed obligations are never passed here: they keep the reading of their time.
 */

/** The parts of an organisation a deadline and its nudges depend on. */
export interface Reading {
  standards: ReadonlyMap<string, Standard>;
  packs: ReadonlySet<string>;
  calendar: WorkingCalendar;
  nudgePolicy: NudgePolicy;
}

/**
 * What a change does to one open obligation: nothing; a new deadline (`moved`, its
 * nudges replanned with it); only a new next nudge (`replanned`: the nudge policy
 * changed); or `closed` as no longer applying, its standard (or pack) switched off.
 *
 * @example const r: Recalculated = { kind: 'moved', next: { ...o, due: o.due + 86400, version: o.version + 1 } };
 */
export type Recalculated = { kind: 'unchanged' } | { kind: 'moved' | 'replanned' | 'closed'; next: Obligation };

/**
 * Works one open obligation out again under the reading `after`, `before` being the one
 * it was worked out under. A standard the organisation no longer has (a pack of an older
 * release) leaves it as it is.
 *
 * @example
 * const r = recalculate(obligation, before, after, now);
 * if (r.kind !== 'unchanged') await tx.obligations.update(r.next);
 */
export function recalculate(o: Obligation, before: Reading, after: Reading, now: number): Recalculated {
  const was = before.standards.get(o.standardId);
  const is = after.standards.get(o.standardId);
  if (!was || !is) return { kind: 'unchanged' };
  if (opensClocks(was, before.packs) && !opensClocks(is, after.packs)) {
    return { kind: 'closed', next: { ...o, status: 'cancelled', closedAt: now, closedReason: 'no-longer-applies', nextNudgeAt: null, lease: null, version: o.version + 1 } };
  }
  const due = dueInstant(is, o.anchorAt ?? o.triggeredAt, after.calendar);
  const nextNudgeAt = replannedNudge(o, nudgePlan(o, was, before.calendar, before.nudgePolicy), nudgePlan({ ...o, due }, is, after.calendar, after.nudgePolicy));
  if (due === o.due && nextNudgeAt === o.nextNudgeAt) return { kind: 'unchanged' };
  return { kind: due === o.due ? 'replanned' : 'moved', next: { ...o, due, nextNudgeAt, version: o.version + 1 } };
}

/**
 * The next nudge of an obligation whose plan changed. The old plan, read against the
 * stored next nudge, says how far the scheduler got: reminders up to some share of the
 * time, the reminder at the due instant, the escalation. The new plan's next step is the
 * first it has not reached — never a reminder at a share already passed, never a second
 * escalation — and may be in the past (a deadline that moved behind us escalates at the
 * next sweep, as after downtime). Nothing left (or nothing ever planned): null.
 *
 * @example
 * replannedNudge(o, oldPlan, newPlan); // the instant of the first step not yet reached
 */
export function replannedNudge(o: Pick<Obligation, 'nextNudgeAt'>, oldPlan: readonly NudgeStep[], newPlan: readonly NudgeStep[]): number | null {
  if (o.nextNudgeAt === null) return null;
  const reached = oldPlan.filter((s) => s.at < o.nextNudgeAt!);
  const escalated = reached.some((s) => s.purpose === 'breach');
  const remindedAtDue = reached.some((s) => s.purpose === 'due');
  const remindedTo = Math.max(0, ...reached.filter((s) => s.purpose === 'reminder').map((s) => s.percent ?? 0));
  const next = newPlan.find((s) => {
    if (s.purpose === 'breach') return !escalated;
    if (escalated || remindedAtDue) return false;
    return s.purpose === 'due' || (s.percent ?? 0) > remindedTo;
  });
  return next?.at ?? null;
}

/**
 * The reading of an organisation, as {@link recalculate} takes it.
 *
 * @example
 * const before = readingOf(await loadOrganisation(store.settings));
 */
export function readingOf(org: { standards: readonly Standard[]; packs: ReadonlySet<string>; calendar: WorkingCalendar; nudgePolicy: NudgePolicy }): Reading {
  return { standards: new Map(org.standards.map((s) => [s.id, s])), packs: org.packs, calendar: org.calendar, nudgePolicy: org.nudgePolicy };
}
