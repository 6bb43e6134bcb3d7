import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComplianceReports, monthOf, periodProblem, SERVICE_SCOPE, type ReportCounts } from '../domain/compliance-report';
import type { Store } from '../domain/ports/store.port';
import { compileCalendar, loadBuiltInStandards } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { REPORT_AT, seedReportWorld } from './report-world.fixture';

/**
 * The compliance report's figures against a November worked out by hand
 * (test/report-world.fixture.ts says how each obligation stands and why). "Evidence of
 * participation … should be both quantitative (counting how many children participated)
 * and qualitative" (participation strategy, 004 §8.1).
 */

const counts = (c: Partial<ReportCounts>): ReportCounts => ({
  due: 0,
  met: 0,
  late: 0,
  overdue: 0,
  missed: 0,
  open: 0,
  closed: 0,
  onTimeRate: null,
  medianLateSeconds: null,
  worstLateSeconds: null,
  ...c,
});

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

describe('the compliance report of a November worked out by hand', () => {
  let dir: string;
  let store: Store;
  let reports: ComplianceReports;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-report-'));
    store = await openSqliteStore(path.join(dir, 'heard.db'));
    await seedReportWorld(store);
    reports = new ComplianceReports({ store, calendar: compileCalendar({}, { from: 2024, to: 2030 }), standards: loadBuiltInStandards() });
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts each standard: due = met + late + overdue + missed + open + closed, the on-time rate of the judged ones, and how late the late work was', async () => {
    const report = await reports.report(NOVEMBER, REPORT_AT, SERVICE_SCOPE);
    expect(report).toMatchObject({ from: '2026-11-01', to: '2026-11-30', at: '2026-11-29T12:00:00Z' });
    expect(report.standards).toEqual([
      // 1 met, 2 late (1 h 30 and 48 h), 1 overdue, 1 missed, 1 open (due at 24:00 on the 30th): 1 / 5 on time.
      { standard: 'momo.2.1', title: 'Recipient downloads or views the statement', ...counts({ due: 6, met: 1, late: 2, overdue: 1, missed: 1, open: 1, onTimeRate: 0.2, medianLateSeconds: 89100, worstLateSeconds: 172800 }) },
      // Closed before its deadline: neither on time nor late, so no rate.
      { standard: 'momo.2.2', title: expect.any(String), ...counts({ due: 1, closed: 1 }) },
      { standard: 'momo.4.4', title: "IRO checks that the child's views are evidenced through a statement before the review", ...counts({ due: 2, met: 1, overdue: 1, onTimeRate: 0.5 }) },
    ]);
  });

  it("counts each team from its people's work, and what nobody holds on the statements and cases the team works", async () => {
    const report = await reports.report(NOVEMBER, REPORT_AT, SERVICE_SCOPE);
    expect(report.teams).toEqual([
      { team: 'North CiC team', teamId: 't_north', ...counts({ due: 7, met: 1, late: 2, overdue: 2, open: 1, closed: 1, onTimeRate: 0.2, medianLateSeconds: 89100, worstLateSeconds: 172800 }) },
      { team: 'South CiC team', teamId: 't_south', ...counts({ due: 2, met: 1, missed: 1, onTimeRate: 0.5 }) },
    ]);
  });

  it('counts each person by e-mail address, an owner outside the directory by the address the case system gave, and a row of no one under the team', async () => {
    const report = await reports.report(NOVEMBER, REPORT_AT, SERVICE_SCOPE);
    expect(report.people).toEqual([
      { owner: 'ali.khan@council.example', name: 'Ali Khan', team: 'North CiC team', teamId: 't_north', ...counts({ due: 2, late: 1, overdue: 1, onTimeRate: 0, medianLateSeconds: 172800, worstLateSeconds: 172800 }) },
      { owner: 'sam.patel@council.example', name: 'Sam Patel', team: 'North CiC team', teamId: 't_north', ...counts({ due: 3, met: 1, late: 1, open: 1, onTimeRate: 0.5, medianLateSeconds: 5400, worstLateSeconds: 5400 }) },
      { owner: null, name: null, team: 'North CiC team', teamId: 't_north', ...counts({ due: 2, overdue: 1, closed: 1, onTimeRate: 0 }) },
      { owner: 'iro@council.example', name: null, team: 'South CiC team', teamId: 't_south', ...counts({ due: 1, met: 1, onTimeRate: 1 }) },
      { owner: 'kim.reid@council.example', name: 'Kim Reid', team: 'South CiC team', teamId: 't_south', ...counts({ due: 1, missed: 1, onTimeRate: 0 }) },
    ]);
  });

  it('counts the statements sent in the month by type and month, the first and last second of the month included', async () => {
    const report = await reports.report(NOVEMBER, REPORT_AT, SERVICE_SCOPE);
    expect(report.statements).toEqual({ received: 7, byType: { 'my-review': 1, 'my-world': 6 }, byMonth: { '2026-11': 7 } });
  });

  it('counts the children who sent statements — each once a month, by team, the unidentified young person not at all — and the reviews whose child had been heard by a statement since the last one (momo 4.4)', async () => {
    const report = await reports.report(NOVEMBER, REPORT_AT, SERVICE_SCOPE);
    expect(report.participation).toEqual({
      childrenByMonth: { '2026-11': 4 },
      childrenByMonthAndTeam: [
        { month: '2026-11', team: 'North CiC team', teamId: 't_north', children: 3 },
        { month: '2026-11', team: 'South CiC team', teamId: 't_south', children: 1 },
        { month: '2026-11', team: null, teamId: null, children: 1 },
      ],
      reviews: { due: 2, evidenced: 1, share: 0.5 },
      // Per team working the child's case: North's child sent nothing before the review; South's did.
      reviewsByTeam: [
        { team: 'North CiC team', teamId: 't_north', due: 1, evidenced: 0, share: 0 },
        { team: 'South CiC team', teamId: 't_south', due: 1, evidenced: 1, share: 1 },
      ],
    });
  });

  it("gives a manager's scope only their team's work and the statements its people hold", async () => {
    const report = await reports.report(NOVEMBER, REPORT_AT, { kind: 'people', personIds: new Set(['p_priya', 'p_sam', 'p_ali']), teamIds: new Set(['t_north']) });
    expect(report.teams.map((t) => t.teamId)).toEqual(['t_north']);
    expect(report.people.map((p) => p.owner)).toEqual(['ali.khan@council.example', 'sam.patel@council.example', null]);
    expect(report.statements).toEqual({ received: 4, byType: { 'my-review': 1, 'my-world': 3 }, byMonth: { '2026-11': 4 } });
    expect(report.participation).toEqual({
      childrenByMonth: { '2026-11': 3 },
      childrenByMonthAndTeam: [{ month: '2026-11', team: 'North CiC team', teamId: 't_north', children: 3 }],
      reviews: { due: 1, evidenced: 0, share: 0 },
      reviewsByTeam: [{ team: 'North CiC team', teamId: 't_north', due: 1, evidenced: 0, share: 0 }],
    });
  });

  it('judges open and overdue at the instant asked: on 30 November at 18:00 the deadline at 24:00 is still open, the one of 17:00 missed', async () => {
    const report = await reports.report({ from: '2026-11-30', to: '2026-11-30' }, Date.parse('2026-11-30T18:00:00Z') / 1000, SERVICE_SCOPE);
    expect(report.standards).toEqual([{ standard: 'momo.2.1', title: expect.any(String), ...counts({ due: 2, missed: 1, open: 1, onTimeRate: 0 }) }]);
  });

  it('refuses a period that ends before it starts or is not made of dates', async () => {
    expect(periodProblem({ from: '2026-11-30', to: '2026-11-01' })).toBe('the period ends before it starts');
    expect(periodProblem({ from: '2026-11-31', to: '2026-12-01' })).toBe('"2026-11-31" is not a date YYYY-MM-DD');
    await expect(reports.report({ from: 'November', to: '2026-11-30' }, REPORT_AT, SERVICE_SCOPE)).rejects.toThrow(RangeError);
  });

  it('knows last month on the first of the next, across a new year', () => {
    expect(monthOf('2026-12-01', -1)).toEqual(NOVEMBER);
    expect(monthOf('2027-01-04', -1)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthOf('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
