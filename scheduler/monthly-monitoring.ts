import { ComplianceReports, monthOf, type ComplianceReport } from '../domain/compliance-report';
import { Permissions } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { Standard, WorkingCalendar } from '../standards';
import type { NudgeOutbox } from './nudge-outbox';
import type { Recipients } from './recipients';

export interface MonthlyMonitoringDeps {
  store: Store;
  recipients: Recipients;
  outbox: NudgeOutbox;
  calendar: WorkingCalendar;
  standards: readonly Standard[];
}

/**
 * Monthly monitoring ("Usage is currently being monitored on a monthly basis",
 * participation strategy, action plan 5): at the start of the first working day of each
 * month, every manager (anyone who manages someone), the head of service and the
 * participation team get a card of last month's figures for their scope
 * (domain/permissions.ts) with a link to the dashboard. A sibling of the morning digest,
 * with its idempotency: one per person per month, keyed `monthly:<YYYY-MM>:<person>` in
 * the store, so neither a restart nor a second instance sends it twice. People away that
 * day get theirs on their first working day back that month; none is sent after the month.
 *
 * @example
 * await monthly.run(now); // does nothing but on the first working day of a month, in working hours
 */
export class MonthlyMonitoring {
  /** The month whose cards this instance has finished: later sweeps skip the work. */
  private finished: string | null = null;
  private readonly permissions: Permissions;
  private readonly reports: ComplianceReports;

  constructor(private readonly deps: MonthlyMonitoringDeps) {
    this.permissions = new Permissions(deps.store.directory);
    this.reports = new ComplianceReports({ store: deps.store, calendar: deps.calendar, standards: deps.standards });
  }

  /**
   * Whether day index `day` is the first working day of its month.
   *
   * @example
   * monthly.isFirstWorkingDay(cal.dayOfDate('2027-01-04')); // true: 1 January is a bank holiday, then a weekend
   */
  isFirstWorkingDay(day: number): boolean {
    const cal = this.deps.calendar;
    if (!cal.isWorkingDay(day)) return false;
    const month = cal.dateOf(day).slice(0, 7);
    for (let d = day - 1; d >= 0 && cal.dateOf(d).slice(0, 7) === month; d--) if (cal.isWorkingDay(d)) return false;
    return true;
  }

  /** Sends this month's cards not yet sent, if today is the month's first working day (or a later working day, for anyone away then) and working hours have begun. */
  async run(now: number): Promise<number> {
    const cal = this.deps.calendar;
    const day = cal.dayOf(now);
    if (!cal.isWorkingDay(day) || now < cal.ivStart[cal.ivFrom[day]] || now > cal.ivEnd[cal.ivFrom[day + 1] - 1]) return 0;
    const date = cal.dateOf(day);
    const thisMonth = date.slice(0, 7);
    if (this.finished === thisMonth) return 0;
    const last = monthOf(date, -1);
    const month = last.from.slice(0, 7);
    const firstDay = this.isFirstWorkingDay(day);
    const reports = new Map<string, ComplianceReport>();
    let sent = 0;
    let failed = false;
    let waiting = false;
    for (const person of await this.audience()) {
      const key = monthlyKey(month, person.id);
      if (await this.deps.store.nudges.get(key)) continue;
      if (await this.deps.recipients.isAway(person.id, date)) {
        waiting = true;
        continue;
      }
      // Past the first working day, only those who were away then are still owed theirs.
      if (!firstDay && !(await this.wasAwayOnFirstDay(person, day))) continue;
      const { scope, label } = await this.permissions.reportScope(person, 'all');
      const scopeKey = scope.kind === 'service' ? 'service' : [...scope.personIds].sort().join(',');
      let report = reports.get(scopeKey);
      if (!report) reports.set(scopeKey, (report = await this.reports.report(last, now, scope)));
      const result = await this.deps.outbox.deliver({ key, kind: 'monthly', obligationId: null, statementId: null }, person, { type: 'monthly', month, scope: label, report });
      if (result === 'sent') sent++;
      if (result === 'failed') failed = true;
    }
    if (!failed && !waiting) this.finished = thisMonth;
    return sent;
  }

  /** Managers (anyone who manages someone), the head of service and the participation team. */
  private async audience(): Promise<Person[]> {
    const people = await this.deps.store.directory.listPeople();
    const teams = await this.deps.store.directory.listTeams();
    const managers = new Set([...teams.map((t) => t.managerId), ...people.map((p) => p.lineManagerId)].filter((id): id is string => id !== null));
    return people.filter((p) => p.aadObjectId !== null && (managers.has(p.id) || p.roles.includes('participation') || p.roles.includes('head-of-service')));
  }

  private async wasAwayOnFirstDay(person: Person, today: number): Promise<boolean> {
    const cal = this.deps.calendar;
    for (let d = today - 1; d >= 0 && cal.dateOf(d).slice(0, 7) === cal.dateOf(today).slice(0, 7); d--) {
      if (this.isFirstWorkingDay(d)) return this.deps.recipients.isAway(person.id, cal.dateOf(d));
    }
    return false;
  }
}

/** The idempotency key of one person's monthly card. @example monthlyKey('2026-11', 'p_priya'); // 'monthly:2026-11:p_priya' */
export function monthlyKey(month: string, personId: string): string {
  return `monthly:${month}:${personId}`;
}
