/**
 * One figure of a benchmark beside its baseline, measured in the same run.
 *
 * @example
 * const result: BenchResult = { name: 'working-days', value: 2.6e7, unit: 'deadlines/s', baselineName: 'date-fns loop', baseline: 2.6e4 };
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baselineName: string;
  baseline: number;
  /** For times: a smaller value is better. */
  lowerIsBetter?: boolean;
}
