/**
 * `npm run bench`: every benchmark, each printed beside a baseline measured in the same
 * run, as a ratio. Figures are only comparable within one run on one machine.
 */
import * as os from 'os';
import type { BenchResult } from './bench-result';
import { benchCaseEvents } from './case-events.bench';
import { benchBroadcast } from './broadcast.bench';
import { benchTeamDue } from './conversation.bench';
import { benchSchedulerSweep } from './scheduler.bench';
import { benchDueBatch, benchStandards } from './standards.bench';
import { benchIntake, benchObligationQuery } from './storage.bench';
import { benchTeamCaseWork } from './team-case-work.bench';


function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(n < 10 ? 3 : 1);
}

/** A suite's figures, and optionally a summary line printed last (after every figure). */
type SuiteOutput = BenchResult[] | { results: BenchResult[]; summary: string };

const suites: Record<string, () => SuiteOutput | Promise<SuiteOutput>> = {
  standards: benchStandards,
  'due-batch': benchDueBatch,
  intake: benchIntake,
  'obligation-query': benchObligationQuery,
  'team-due': benchTeamDue,
  'scheduler-sweep': benchSchedulerSweep,
  'case-events': async () => [...(await benchCaseEvents()), ...(await benchTeamCaseWork())],
  broadcast: benchBroadcast,
};

/** The machine's load averages (1, 5 and 15 minutes): figures taken on a shared machine are read beside them. */
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const loadBefore = load();
  const results: BenchResult[] = [];
  const summaries: string[] = [];
  for (const [name, suite] of Object.entries(suites)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const output = await suite();
    if (Array.isArray(output)) results.push(...output);
    else {
      results.push(...output.results);
      summaries.push(output.summary);
    }
  }
  report(results, loadBefore);
  for (const line of summaries) process.stdout.write(`${line}\n`);
}

function report(results: BenchResult[], loadBefore: string): void {
process.stdout.write(`Heard benchmarks — Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; load average ${loadBefore} at the start, ${load()} at the end\n\n`);
for (const r of results) {
  const ratio = r.lowerIsBetter ? r.baseline / r.value : r.value / r.baseline;
  const relation = r.lowerIsBetter ? (ratio >= 1 ? `${ratio.toFixed(2)}× faster` : `${(1 / ratio).toFixed(2)}× the time`) : `${ratio.toFixed(1)}×`;
  process.stdout.write(
    `${r.name}\n  heard:    ${fmt(r.value)} ${r.unit}\n  baseline: ${fmt(r.baseline)} ${r.unit} (${r.baselineName})\n  ratio:    ${relation}\n\n`,
  );
}
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
