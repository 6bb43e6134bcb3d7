/**
 * Deadline throughput of the standards engine against a conventional baseline measured
 * in the same run: date-fns `addBusinessDays` stepping with a holiday set, and an
 * hour-by-hour working-hours walk with date-fns — the way deadline code is usually
 * written. Both sides get the same 1,000,000 random triggers over 2024–2028.
 */
import { addBusinessDays, addDays, addHours, format, getDay, getHours, startOfDay, setHours } from 'date-fns';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bankHolidays, compileCalendar, dueInstant, type ClockRule } from '../standards';
import type { BenchResult } from './bench-result';
import { median } from './statistics';

const N = Number(process.env.HEARD_BENCH_N ?? 1_000_000);

function triggers(n: number): Float64Array {
  // A fixed linear congruential sequence: the same triggers every run.
  let seed = 20261122;
  const start = Date.UTC(2024, 0, 1) / 1000;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out[i] = start + (seed % (5 * 365 * 86400));
  }
  return out;
}

function perSecond(n: number, ms: number): number {
  return n / (ms / 1000);
}

function time(fn: () => number): { ms: number; checksum: number } {
  const t0 = performance.now();
  const checksum = fn();
  return { ms: performance.now() - t0, checksum };
}

export function benchStandards(): BenchResult[] {
  const cal = compileCalendar({}, { from: 2023, to: 2030 });
  const holidaySet = new Set(bankHolidays('england-and-wales', 2023, 2030).map((h) => h.date));
  const ts = triggers(N);
  const workingHours: ClockRule = { clock: 'working-hours', amount: 7, direction: 'after', modifier: null };
  const workingDays: ClockRule = { clock: 'working-days', amount: 10, direction: 'after', modifier: null };

  // Warm up so the JIT has compiled the engine before timing; the sum keeps the work alive.
  let warm = 0;
  for (let i = 0; i < 20_000; i++) warm += dueInstant(workingHours, ts[i], cal) + dueInstant(workingDays, ts[i], cal);
  if (!(warm > 0)) throw new Error('warm-up produced no deadlines');

  const engineHours = time(() => {
    let s = 0;
    for (let i = 0; i < N; i++) s += dueInstant(workingHours, ts[i], cal);
    return s;
  });
  const engineDays = time(() => {
    let s = 0;
    for (let i = 0; i < N; i++) s += dueInstant(workingDays, ts[i], cal);
    return s;
  });

  const isWorking = (d: Date) => getDay(d) !== 0 && getDay(d) !== 6 && !holidaySet.has(format(d, 'yyyy-MM-dd'));
  // Baselines on a sample (they are orders of magnitude slower), scaled per second.
  const sample = Math.min(N, 50_000);
  const baselineDays = time(() => {
    let s = 0;
    for (let i = 0; i < sample; i++) {
      let d = startOfDay(new Date(ts[i] * 1000));
      let counted = 0;
      while (counted < 10) {
        d = addBusinessDays(d, 1);
        if (!holidaySet.has(format(d, 'yyyy-MM-dd'))) counted++;
      }
      s += setHours(d, 17).getTime();
    }
    return s;
  });
  const baselineHours = time(() => {
    let s = 0;
    for (let i = 0; i < sample; i++) {
      let d = new Date(ts[i] * 1000);
      let remaining = 7 * 60;
      // Walk to the end of each working hour slot; minutes are counted within the slot.
      while (remaining > 0) {
        const h = getHours(d);
        if (isWorking(d) && h >= 9 && h < 17) {
          const slotEnd = addHours(new Date(d.getFullYear(), d.getMonth(), d.getDate(), h), 1);
          const minutes = Math.min(remaining, (slotEnd.getTime() - d.getTime()) / 60000);
          remaining -= minutes;
          d = new Date(d.getTime() + minutes * 60000);
        } else {
          d = h >= 17 ? setHours(startOfDay(addDays(d, 1)), 9) : h < 9 ? setHours(startOfDay(d), 9) : setHours(startOfDay(addDays(d, 1)), 9);
        }
      }
      s += d.getTime();
    }
    return s;
  });

  return [
    {
      name: 'working-hours 7 (1M triggers, bank holidays)',
      value: perSecond(N, engineHours.ms),
      unit: 'deadlines/s',
      baselineName: 'date-fns hour walk',
      baseline: perSecond(sample, baselineHours.ms),
    },
    {
      name: 'working-days 10 (1M triggers, bank holidays)',
      value: perSecond(N, engineDays.ms),
      unit: 'deadlines/s',
      baselineName: 'date-fns addBusinessDays + holiday set',
      baseline: perSecond(sample, baselineDays.ms),
    },
  ];
}

/**
 * `heard due --batch` over 100,000 lines, end to end (process start, reading, computing,
 * writing), against the floor of the same work without deadlines: a Node process that
 * parses each line and writes it back as JSON. Measured twice: reading and writing files
 * (`heard due --batch < in > out`), and with the output piped into this process, where
 * the cost of moving each byte through the pipe (Heard writes 3.6 times as many bytes as
 * the passthrough) weighs on the figure as much as Heard does.
 */
export function benchDueBatch(): BenchResult[] {
  const lines = Number(process.env.HEARD_BENCH_LINES ?? 100_000);
  const RUNS = 5;
  const ids = ['momo.1.1', 'momo.2.1', 'momo.2.2', 'momo.3.1', 'momo.4.3'];
  const divisions = ['england-and-wales', 'scotland', 'northern-ireland'];
  const ts = triggers(lines);
  let input = '';
  for (let i = 0; i < lines; i++) {
    input += `${JSON.stringify({ standard: ids[i % ids.length], at: new Date(ts[i] * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), calendar: divisions[i % 3] })}\n`;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-'));
  const file = path.join(dir, 'requests.jsonl');
  const outFile = path.join(dir, 'answers.jsonl');
  fs.writeFileSync(file, input);
  const passthrough = path.join(dir, 'passthrough.js');
  fs.writeFileSync(
    passthrough,
    "let b='';process.stdin.on('data',c=>b+=c);process.stdin.on('end',()=>{let o='';for(const l of b.split('\\n')){if(!l)continue;o+=JSON.stringify(JSON.parse(l))+'\\n';}process.stdout.write(o);});",
  );
  const bin = path.join(__dirname, '..', 'bin', 'heard.js');
  const expectLines = (out: string) => {
    const count = out.trimEnd().split('\n').length;
    if (count !== lines) throw new Error(`expected ${lines} output lines, got ${count}`);
  };
  const toFile = (args: string[]) => {
    const stdin = fs.openSync(file, 'r');
    const stdout = fs.openSync(outFile, 'w');
    const t0 = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: [stdin, stdout, 'inherit'] });
    const ms = performance.now() - t0;
    fs.closeSync(stdin);
    fs.closeSync(stdout);
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
    expectLines(fs.readFileSync(outFile, 'utf8'));
    return ms;
  };
  const piped = (args: string[]) => {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, args, { input: fs.readFileSync(file), maxBuffer: 1 << 30 });
    const ms = performance.now() - t0;
    expectLines(out.toString('utf8'));
    return ms;
  };
  // Alternate Heard and its floor, several times, and take each one's median: the machine
  // is shared, and one slow run should not decide the ratio.
  const measure = (run: (args: string[]) => number) => {
    const floors: number[] = [];
    const heards: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floors.push(run([passthrough]));
      heards.push(run([bin, 'due', '--batch']));
    }
    return { floor: median(floors) / 1000, heard: median(heards) / 1000 };
  };
  const files = measure(toFile);
  const pipe = measure(piped);
  fs.rmSync(dir, { recursive: true, force: true });
  const name = `heard due --batch, ${lines.toLocaleString('en-GB')} lines, whole process (median of ${RUNS})`;
  return [
    { name: `${name}, file in, file out`, value: files.heard, unit: 's', baselineName: 'JSON-lines passthrough process', baseline: files.floor, lowerIsBetter: true },
    { name: `${name}, output piped to the bench`, value: pipe.heard, unit: 's', baselineName: 'JSON-lines passthrough process', baseline: pipe.floor, lowerIsBetter: true },
  ];
}
