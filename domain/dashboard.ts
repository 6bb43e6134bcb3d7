import type { WorkingCalendar } from '../standards';
import { ComplianceReports, monthOf, type ComplianceReport, type ComplianceReportDeps, type ReportItem } from './compliance-report';
import { maySeeQueue, type Permissions } from './permissions';
import type { Person } from './person';
import type { QueueEntry, Worklists } from './worklists';

/**
 * What the dashboard shows one person, for their scope only (domain/permissions.ts): the
 * compliance report of each of the last six months (timeliness by standard and team over
 * time, the children heard), the breaches of the last four weeks, what is overdue now,
 * and — for those who may see it — the participation team's queue. Computed by the
 * compliance report, so it agrees with `heard report`, the `stats` answer and the
 * monthly card.
 */

/** Months of figures the dashboard shows, this one included. */
export const DASHBOARD_MONTHS = 6;
/** How far back the breaches go. */
export const BREACH_DAYS = 28;
/** Most rows of each list. */
export const DASHBOARD_LIST_LIMIT = 50;

/**
 * @example
 * const data = await dashboardOf(priya, deps); // data.scope === 'your team'
 */
export interface DashboardData {
  /** Who is looking (their name greets them). */
  viewer: Person;
  /** Whose figures: `you`, `your team` or `the service`. */
  scope: 'you' | 'your team' | 'the service';
  at: number;
  /** Oldest first; the last is this month so far. */
  months: { month: string; report: ComplianceReport }[];
  breaches: ReportItem[];
  overdue: ReportItem[];
  /** Null for someone who may not see the queue. */
  queue: QueueEntry[] | null;
}

/** What the dashboard is computed from. */
export interface DashboardDeps extends ComplianceReportDeps {
  calendar: WorkingCalendar;
  permissions: Permissions;
  worklists: Pick<Worklists, 'queue'>;
}

/**
 * The dashboard of `viewer` at `at`.
 *
 * @example
 * const data = await dashboardOf(priya, deps, now);
 */
export async function dashboardOf(viewer: Person, deps: DashboardDeps, at: number): Promise<DashboardData> {
  const { scope, label } = await deps.permissions.reportScope(viewer, 'all');
  const reports = new ComplianceReports(deps);
  const today = deps.calendar.dateOf(deps.calendar.dayOf(at));
  const months: DashboardData['months'] = [];
  for (let offset = 1 - DASHBOARD_MONTHS; offset <= 0; offset++) {
    const period = monthOf(today, offset);
    months.push({ month: period.from.slice(0, 7), report: await reports.report(offset === 0 ? { from: period.from, to: today } : period, at, scope) });
  }
  const breachFrom = at - BREACH_DAYS * 86400;
  const breached = (s: string) => s === 'late' || s === 'overdue' || s === 'missed';
  return {
    viewer,
    scope: label,
    at,
    months,
    breaches: (await reports.items(breachFrom, at + 1, at, scope, breached, DASHBOARD_LIST_LIMIT)).reverse(),
    overdue: await reports.overdue(at, scope, DASHBOARD_LIST_LIMIT),
    queue: maySeeQueue(viewer) ? await deps.worklists.queue(DASHBOARD_LIST_LIMIT) : null,
  };
}
