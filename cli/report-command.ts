import { ComplianceReports, periodProblem, SERVICE_SCOPE, type ComplianceReport, type ReportPeriod, type StandardRow } from '../domain/compliance-report';
import { csvTable } from '../domain/csv-table';
import { loadOrganisation } from '../domain/organisation';
import type { Store } from '../domain/ports/store.port';
import { parseInstant } from '../standards';
import { UsageError } from './usage-error';

/** The columns of `heard report --format csv`: the `standards` rows' keys, in the JSON's order (interfaces.md). */
export const REPORT_CSV_COLUMNS: readonly (keyof StandardRow)[] = [
  'standard',
  'title',
  'due',
  'met',
  'late',
  'overdue',
  'missed',
  'open',
  'closed',
  'onTimeRate',
  'medianLateSeconds',
  'worstLateSeconds',
];

/** What `heard report` was asked for, checked. @example const r: ReportRequest = { period: { from: '2026-11-01', to: '2026-11-30' }, at: 1795255200, format: 'json' }; */
export interface ReportRequest {
  period: ReportPeriod;
  at: number;
  format: 'json' | 'csv';
}

/**
 * Checks the options of `heard report` before any store is opened: a bad one is a
 * UsageError naming it.
 *
 * @example
 * reportRequest({ from: '2026-11-01', to: '2026-11-30', format: 'csv' }, now); // { period, at: now, format: 'csv' }
 */
export function reportRequest(options: { from?: string; to?: string; at?: string; format?: string }, now: number): ReportRequest {
  if (options.from === undefined || options.to === undefined) throw new UsageError('--from <date> and --to <date> are required, e.g. --from 2026-11-01 --to 2026-11-30');
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError('--format must be json or csv');
  const period = { from: options.from, to: options.to };
  const problem = periodProblem(period);
  if (problem) throw new UsageError(`--from/--to: ${problem}`);
  let at = now;
  if (options.at !== undefined) {
    try {
      at = parseInstant(options.at);
    } catch (e) {
      throw new UsageError(`--at: ${(e as Error).message}`);
    }
  }
  return { period, at, format };
}

/**
 * `heard report`: the service's compliance report for a period, judged at `at`, as JSON
 * or — the standards rows — CSV.
 *
 * @example
 * await reportCommand(store, reportRequest({ from: '2026-11-01', to: '2026-11-30', format: 'csv' }, now));
 */
export async function reportCommand(store: Store, request: ReportRequest): Promise<string> {
  const org = await loadOrganisation(store.settings);
  let report: ComplianceReport;
  try {
    report = await new ComplianceReports({ store, calendar: org.calendar, standards: org.standards }).report(request.period, request.at, SERVICE_SCOPE);
  } catch (e) {
    // A period outside the calendar's years.
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  if (request.format === 'json') return `${JSON.stringify(report)}\n`;
  return csvTable(REPORT_CSV_COLUMNS, report.standards.map((row) => REPORT_CSV_COLUMNS.map((c) => row[c])));
}
