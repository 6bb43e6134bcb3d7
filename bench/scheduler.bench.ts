/**
 * One scheduler sweep on the embedded store: over 1,000,000 open obligations of which 1%
 * have a nudge due, the time to find and claim every due one, beside a baseline measured
 * in the same run on the same file:
 * - heard: `claimDue(now, 'bench', 300, 500)` repeated until a batch comes back short —
 *   one UPDATE … RETURNING per batch over the (status, next_nudge_at) index;
 * - baseline: what a scheduler without that query would do — read every open obligation
 *   (full table scan), parse the rows, keep those with nextNudgeAt ≤ now in JavaScript,
 *   then lease each with a version-checked `obligations.update`. Its updates go 500 to a
 *   transaction, so both sides make the same number of durable commits (20) and the
 *   difference is the finding and claiming, not fsyncs.
 * Each side runs once to warm up, then `runs` times alternately; the leases are cleared
 * between sweeps (re-arming the same 10,000), and the median is reported. Every sweep
 * must claim exactly the 10,000 due obligations, none twice, or the bench fails.
 *
 * A second row: `earliestNudgeAt()` against the same answer
 * computed by `SELECT MIN(next_nudge_at)` with SQLite told not to use any index. A third:
 * `countOpenByStandard()`, what each metrics scrape reads, against the same grouped count
 * by full table scan.
 *
 * Knobs: HEARD_BENCH_SWEEP_OPEN (open obligations, default 1,000,000; 1% are due) and
 * HEARD_BENCH_SWEEP_RUNS (measured sweeps per side, default 5).
 */
import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { statementObligation, type Obligation } from '../domain/obligation';
import type { Store } from '../domain/ports/store.port';
import { OBLIGATION_COLUMNS, OBLIGATION_VALUES, obligationFromRow, obligationParams, type ObligationRow } from '../storage/embedded/sqlite-repositories';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { mulberry32 } from '../test/seeded-random';
import type { BenchResult } from './bench-result';
import { median } from './statistics';

const HOLDER = 'bench';
const LEASE_SECONDS = 300;
const BATCH = 500;
const DAY = 86400;
const STANDARDS = ['momo.2.1', 'momo.2.2', 'momo.3.1', 'momo.4.1'];

/**
 * Fills the file with `open` open obligations (exactly `due` of them, scattered, with
 * nextNudgeAt ≤ now, the rest in the six weeks after it) and `closed` met or cancelled
 * ones, half of which kept a nextNudgeAt that has passed (the status must exclude them).
 * Ids are UUID-shaped like the service's; statements have 1–3 obligations; owners are
 * ~1,000 people, 2% sit with the participation team. Returns the ids that are due.
 *
 * Not through the repository: `obligations.insertMany` in 20,000-row batches took ~155 s
 * for this data on a 2-core VM (random keys into four B-trees, each commit durable in
 * the WAL). The store creates and migrates the file; this then writes the adapter's own
 * table with better-sqlite3 — one transaction, no journal, no fsync, and the table's
 * indexes dropped and re-created afterwards from their own SQL as read back from
 * sqlite_master, so the schema the sweeps run on is exactly the adapter's. The journal
 * goes back to WAL before the store reopens it.
 */
async function fill(file: string, now: number, open: number, due: number, closed: number): Promise<Set<string>> {
  await (await openSqliteStore(file)).close();
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    const indexes = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'obligations' AND sql IS NOT NULL",
      )
      .all();
    if (!indexes.some((i) => i.name === 'obligations_by_next_nudge')) throw new Error('the adapter has no obligations_by_next_nudge index');
    const add = db.prepare<ObligationRow>(
      `INSERT INTO obligations (${OBLIGATION_COLUMNS}) VALUES (${OBLIGATION_VALUES})`,
    );
    const dueIds = db.transaction(() => {
      for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
      const made = generate(now, open, due, closed, (o) => add.run(obligationParams(o)));
      for (const index of indexes) db.exec(index.sql);
      return made;
    })();
    db.pragma('journal_mode = WAL');
    if (dueIds.size !== due) throw new Error(`fill made ${dueIds.size} due obligations instead of ${due}: the data set is wrong`);
    return dueIds;
  } finally {
    db.close();
  }
}

/** Makes the obligations `fill` describes, handing each to `put`; returns the due ids. */
function generate(now: number, open: number, due: number, closed: number, put: (o: Obligation) => void): Set<string> {
  const next = mulberry32(20261123);
  const rand = (n: number) => next() % n;
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const uuid = () => {
    const [a, b, c, d] = [next(), next(), next(), next()];
    return `${hex(a)}-${hex(b).slice(0, 4)}-4${hex(b).slice(5)}-${hex(c).slice(0, 4)}-${hex(c).slice(4)}${hex(d)}`;
  };

  const isDue = new Uint8Array(open);
  for (let picked = 0; picked < due; ) {
    const i = rand(open);
    if (isDue[i] === 0) {
      isDue[i] = 1;
      picked++;
    }
  }
  const closedEvery = closed > 0 ? Math.max(1, Math.floor(open / closed)) : 0;

  const dueIds = new Set<string>();
  let statementId = '';
  let statementLeft = 0;
  let triggeredAt = 0;
  let closedMade = 0;
  const make = (): Obligation => {
    if (statementLeft === 0) {
      statementId = `st_${uuid()}`;
      statementLeft = 1 + rand(3);
      triggeredAt = now - rand(42 * DAY);
    }
    statementLeft--;
    const team = rand(50) === 0;
    return statementObligation({
      id: `ob_${uuid()}`,
      standardId: STANDARDS[rand(STANDARDS.length)],
      statementId,
      ownerId: team ? null : `p_${rand(1000)}`,
      ownerRole: team ? 'participation-team' : 'recipient',
      triggeredAt,
      due: triggeredAt + DAY + rand(20 * DAY),
      status: 'open',
      completedAt: null,
      nextNudgeAt: null,
      lease: null,
      version: 1,
    });
  };

  for (let i = 0; i < open; i++) {
    const o = make();
    if (isDue[i] === 1) {
      o.nextNudgeAt = now - rand(3 * DAY);
      dueIds.add(o.id);
    } else {
      o.nextNudgeAt = now + 1 + rand(42 * DAY);
    }
    put(o);
    if (closedEvery > 0 && i % closedEvery === 0 && closedMade < closed) {
      const c = make();
      c.status = closedMade % 6 === 0 ? 'cancelled' : 'met';
      c.completedAt = Math.min(now, c.triggeredAt + rand(10 * DAY));
      c.nextNudgeAt = closedMade % 2 === 0 ? null : now - rand(10 * DAY);
      c.version = 2;
      put(c);
      closedMade++;
    }
  }
  return dueIds;
}

/** Fails the bench unless `claimed` is exactly the due set, each id once. */
function checkSweep(side: string, claimed: string[], dueIds: Set<string>): void {
  const unique = new Set(claimed);
  if (unique.size !== claimed.length) throw new Error(`${side} sweep claimed ${claimed.length - unique.size} obligations twice`);
  if (claimed.length !== dueIds.size) throw new Error(`${side} sweep claimed ${claimed.length} obligations, expected exactly ${dueIds.size}`);
  for (const id of claimed) if (!dueIds.has(id)) throw new Error(`${side} sweep claimed ${id}, which is not due`);
}

export async function benchSchedulerSweep(): Promise<BenchResult[]> {
  const open = Number(process.env.HEARD_BENCH_SWEEP_OPEN ?? 1_000_000);
  const runs = Number(process.env.HEARD_BENCH_SWEEP_RUNS ?? 5);
  const due = Math.round(open / 100);
  const closed = Math.min(6000, Math.round(open / 100));
  const now = Math.floor(Date.UTC(2026, 10, 23, 9) / 1000);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-sweep-'));
  const file = path.join(dir, 'heard.sqlite');
  let store: Store | null = null;
  let raw: Database.Database | null = null;
  try {
    const filling = performance.now();
    const dueIds = await fill(file, now, open, due, closed);
    process.stderr.write(
      `scheduler-sweep: filled ${(open + closed).toLocaleString('en-GB')} obligations ` +
        `(${open.toLocaleString('en-GB')} open, ${due.toLocaleString('en-GB')} due) with better-sqlite3 into the adapter's schema ` +
        `in ${((performance.now() - filling) / 1000).toFixed(1)} s (not counted)\n`,
    );
    const s = await openSqliteStore(file);
    store = s;

    // A second connection on the same file for what the store has no method for: the
    // baseline's scans, and clearing the leases between sweeps. The store is idle
    // whenever it is used, so the two never wait on each other.
    const r = new Database(file, { timeout: 5000 });
    raw = r;
    // The baseline reads with SQLite told not to use any index: the scheduler without a due
    // query. It also skips the store's mutex, which only flatters the baseline.
    const scanOpen = r.prepare<[], ObligationRow>(`SELECT ${OBLIGATION_COLUMNS} FROM obligations NOT INDEXED WHERE status = 'open'`);
    const rearm = r.prepare<{ now: number }>(
      `UPDATE obligations SET lease_holder = NULL, lease_until = NULL
       WHERE status = 'open' AND next_nudge_at <= @now AND lease_holder IS NOT NULL`,
    );

    const heardSweep = async (): Promise<number> => {
      const claimed: string[] = [];
      const started = performance.now();
      for (;;) {
        const batch = await s.obligations.claimDue(now, HOLDER, LEASE_SECONDS, BATCH);
        for (const o of batch) claimed.push(o.id);
        if (batch.length < BATCH) break;
      }
      const ms = performance.now() - started;
      checkSweep('heard', claimed, dueIds);
      return ms;
    };

    const baselineScans: number[] = [];
    const baselineSweep = async (): Promise<number> => {
      const claimed: string[] = [];
      const started = performance.now();
      const found: Obligation[] = [];
      for (const row of scanOpen.iterate()) {
        const o = obligationFromRow(row);
        if (o.nextNudgeAt !== null && o.nextNudgeAt <= now && (o.lease === null || o.lease.until <= now)) found.push(o);
      }
      baselineScans.push(performance.now() - started);
      for (let i = 0; i < found.length; i += BATCH) {
        const chunk = found.slice(i, i + BATCH);
        await s.transaction(async (tx) => {
          for (const o of chunk) {
            await tx.obligations.update({ ...o, lease: { holder: HOLDER, until: now + LEASE_SECONDS }, version: o.version + 1 });
            claimed.push(o.id);
          }
        });
      }
      const ms = performance.now() - started;
      checkSweep('baseline', claimed, dueIds);
      return ms;
    };

    const rearmAll = () => {
      const cleared = rearm.run({ now }).changes;
      if (cleared !== due) throw new Error(`re-arming cleared ${cleared} leases, expected ${due}`);
      r.pragma('wal_checkpoint(TRUNCATE)');
    };

    const heardTimes: number[] = [];
    const baselineTimes: number[] = [];
    for (let round = 0; round <= runs; round++) {
      const order: Array<[() => Promise<number>, number[]]> = [
        [heardSweep, heardTimes],
        [baselineSweep, baselineTimes],
      ];
      if (round % 2 === 1) order.reverse();
      for (const [sweep, times] of order) {
        const ms = await sweep();
        if (round > 0) times.push(ms);
        rearmAll();
      }
    }
    process.stderr.write(
      `scheduler-sweep: heard sweeps ${heardTimes.map((t) => t.toFixed(0)).join(', ')} ms; ` +
        `baseline sweeps ${baselineTimes.map((t) => t.toFixed(0)).join(', ')} ms ` +
        `(of which the scan and filter ${baselineScans.slice(1).map((t) => t.toFixed(0)).join(', ')} ms)\n`,
    );

    const results: BenchResult[] = [
      {
        name: `scheduler sweep: find and claim ${due.toLocaleString('en-GB')} due among ${open.toLocaleString('en-GB')} open obligations (median of ${runs})`,
        value: median(heardTimes),
        unit: 'ms',
        baselineName: 'full scan of open obligations, due filter in JS, a version-checked update per claim (500 per transaction)',
        baseline: median(baselineTimes),
        lowerIsBetter: true,
      },
    ];

    // When to wake: the next nudge instant, against the same answer by full scan.
    const minScan = r.prepare<[], { m: number | null }>(
      `SELECT MIN(next_nudge_at) AS m FROM obligations NOT INDEXED WHERE status = 'open'`,
    );
    const expected = minScan.get()?.m ?? null;
    const heardSamples: number[] = [];
    for (let i = 0; i < 220; i++) {
      const started = performance.now();
      const got = await s.obligations.earliestNudgeAt();
      if (i >= 20) heardSamples.push(performance.now() - started);
      if (got !== expected) throw new Error(`earliestNudgeAt answered ${got}, the scan ${expected}`);
    }
    const scanSamples: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const got = minScan.get()?.m ?? null;
      if (i >= 1) scanSamples.push(performance.now() - started);
      if (got !== expected) throw new Error(`the MIN scan answered ${got}, expected ${expected}`);
    }
    results.push({
      name: `earliestNudgeAt() over ${(open + closed).toLocaleString('en-GB')} obligations: median`,
      value: median(heardSamples),
      unit: 'ms',
      baselineName: "SELECT MIN(next_nudge_at) WHERE status = 'open', full table scan (NOT INDEXED)",
      baseline: median(scanSamples),
      lowerIsBetter: true,
    });

    // What a metrics scrape reads: open and overdue obligations per standard, against the
    // same grouped query by full scan.
    const countScan = r.prepare<{ now: number }, { standard_id: string; open: number; overdue: number }>(
      `SELECT standard_id, COUNT(*) AS open, SUM(due < @now) AS overdue FROM obligations NOT INDEXED
       WHERE status = 'open' GROUP BY standard_id ORDER BY standard_id`,
    );
    const expectedCounts = JSON.stringify(countScan.all({ now }).map((c) => ({ standardId: c.standard_id, open: c.open, overdue: c.overdue })));
    const countTimes: number[] = [];
    const countScanTimes: number[] = [];
    for (let i = 0; i <= runs; i++) {
      let started = performance.now();
      const got = JSON.stringify(await s.obligations.countOpenByStandard(now));
      if (i > 0) countTimes.push(performance.now() - started);
      if (got !== expectedCounts) throw new Error(`countOpenByStandard answered ${got}, the scan ${expectedCounts}`);
      started = performance.now();
      countScan.all({ now });
      if (i > 0) countScanTimes.push(performance.now() - started);
    }
    results.push({
      name: `countOpenByStandard() (a metrics scrape) over ${(open + closed).toLocaleString('en-GB')} obligations: median of ${runs}`,
      value: median(countTimes),
      unit: 'ms',
      baselineName: 'the same grouped count by full table scan (NOT INDEXED)',
      baseline: median(countScanTimes),
      lowerIsBetter: true,
    });
    return results;
  } finally {
    raw?.close();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
