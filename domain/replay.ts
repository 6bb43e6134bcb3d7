import { addMonths, civilDateOf, daysInMonth, dueInstant, formatCivilDate, parseCivilDate, type WorkingCalendar } from '../standards';
import { standingOf, type Obligation, type Standing } from './obligation';
import type { ObligationRepository } from './ports/store.port';
import type { Reading } from './recalculation';
import { opensClocks } from './standard-overrides';

/**
 * "What would the last quarter have looked like under this change?": the obligations
 * due in a past period, judged twice — as they stand (the reading that applied, as stored)
 * and with their deadlines worked out again from their triggers under the change — with
 * the on-time rate of `heard report`: met / (met + late + overdue + missed), work done at
 * the due instant being on time (time-semantics.md).
 */

/** How the obligations of one standard stand under one reading. */
export interface ReplayCounts {
  met: number;
  late: number;
  overdue: number;
  missed: number;
  /** Open, not yet due. */
  open: number;
  /** Closed in time without being met (a meeting cancelled, no longer applying). */
  closed: number;
  /** met / (met + late + overdue + missed), or null when that is 0. */
  onTimeRate: number | null;
}

/**
 * One standard in the replay: its obligations due in the period, as configured and under
 * the change (`null` when the change switches it off).
 *
 * @example
 * const line: ReplayLine = { standardId: 'momo.2.1', title: 'Recipient downloads or views the statement', due: 120, asConfigured, underChange };
 */
export interface ReplayLine {
  standardId: string;
  title: string;
  /** How many of its obligations are due in the period (as configured). */
  due: number;
  asConfigured: ReplayCounts;
  underChange: ReplayCounts | null;
}

/** @example const r: Replay = { from: '2026-09-01', to: '2026-11-30', lines: [] }; */
export interface Replay {
  /** Inclusive local dates. */
  from: string;
  to: string;
  lines: ReplayLine[];
}

/**
 * The three whole months before the month `now` falls in (Sep–Nov in December), as
 * inclusive local dates on the calendar.
 *
 * @example
 * defaultReplayPeriod(cal, parseInstant('2026-12-03T10:00:00Z')); // { from: '2026-09-01', to: '2026-11-30' }
 */
export function defaultReplayPeriod(cal: WorkingCalendar, now: number): { from: string; to: string } {
  const today = civilDateOf(cal.epochDay(cal.dayOf(now)));
  const first = addMonths({ year: today.year, month: today.month, day: 1 }, -3);
  const last = addMonths({ year: today.year, month: today.month, day: 1 }, -1);
  return { from: formatCivilDate(first), to: formatCivilDate({ ...last, day: daysInMonth(last.year, last.month) }) };
}

/**
 * Checks a period given by a person: two real dates, in order, within the calendar's years.
 *
 * @example
 * replayPeriodProblem({ from: '2026-11-30', to: '2026-09-01' }, cal); // 'the period must end on or after it starts'
 */
export function replayPeriodProblem(period: { from: string; to: string }, cal: WorkingCalendar): string | null {
  const from = parseCivilDate(period.from);
  const to = parseCivilDate(period.to);
  if (!from || !to) return 'the period needs two real dates YYYY-MM-DD';
  if (period.to < period.from) return 'the period must end on or after it starts';
  if (from.year < cal.fromYear || to.year > cal.toYear) return `the period must be within ${cal.fromYear}–${cal.toYear}`;
  return null;
}

function emptyCounts(): ReplayCounts {
  return { met: 0, late: 0, overdue: 0, missed: 0, open: 0, closed: 0, onTimeRate: null };
}

function count(counts: ReplayCounts, standing: Standing): void {
  counts[standing]++;
}

function withRate(counts: ReplayCounts): ReplayCounts {
  const judged = counts.met + counts.late + counts.overdue + counts.missed;
  return { ...counts, onTimeRate: judged === 0 ? null : Math.round((counts.met / judged) * 10000) / 10000 };
}

/**
 * Replays a period: every obligation whose deadline (as stored) falls on a local date of
 * `period` (a deadline at 24:00 belonging to the day it ends) — of `standardIds` only,
 * when given — judged at `now` as it stands and with its deadline worked out again under
 * `after`. Lines in standard order.
 *
 * @example
 * const replay = await replayPeriod(store.obligations, before, after, { from: '2026-09-01', to: '2026-11-30' }, now, null);
 */
export async function replayPeriod(
  obligations: Pick<ObligationRepository, 'listDueBetween'>,
  before: Reading,
  after: Reading,
  period: { from: string; to: string },
  now: number,
  standardIds: ReadonlySet<string> | null,
): Promise<Replay> {
  const cal = before.calendar;
  const start = cal.midnight[cal.dayOfDate(period.from)] + 1;
  const end = cal.midnight[cal.dayOfDate(period.to) + 1] + 1;
  const lines = new Map<string, { due: number; asConfigured: ReplayCounts; underChange: ReplayCounts | null }>();
  const beforeDay = (t: number) => before.calendar.dayOf(t);
  const afterDay = (t: number) => after.calendar.dayOf(t);
  for (const o of await obligations.listDueBetween(start, end)) {
    if (standardIds && !standardIds.has(o.standardId)) continue;
    const changed = after.standards.get(o.standardId);
    if (!changed) continue;
    const switchedOff = !opensClocks(changed, after.packs);
    let line = lines.get(o.standardId);
    if (!line) {
      line = { due: 0, asConfigured: emptyCounts(), underChange: switchedOff ? null : emptyCounts() };
      lines.set(o.standardId, line);
    }
    line.due++;
    count(line.asConfigured, standingOf(o, now, beforeDay));
    if (line.underChange) {
      const replayed: Obligation = { ...o, due: dueInstant(changed, o.anchorAt ?? o.triggeredAt, after.calendar) };
      count(line.underChange, standingOf(replayed, now, afterDay));
    }
  }
  return {
    from: period.from,
    to: period.to,
    lines: [...lines]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([standardId, line]) => ({
        standardId,
        title: after.standards.get(standardId)?.title ?? standardId,
        due: line.due,
        asConfigured: withRate(line.asConfigured),
        underChange: line.underChange && withRate(line.underChange),
      })),
  };
}
