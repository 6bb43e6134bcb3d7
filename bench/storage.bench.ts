/**
 * Intake throughput and the "what's due for these 40 people" query on the embedded
 * store, each beside a baseline measured in the same run:
 * - intake: the real API (signature, validation, routing, obligations, audit, PDF, one
 *   durable SQLite transaction per statement) against the same restify stack with a
 *   route that only reads the body and checks the signature — the HTTP floor;
 * - query: `openForOwners` over 100,000 obligations, with the (owner, status, due)
 *   index, against the same query and data read by a full table scan.
 */
import Database from 'better-sqlite3';
import * as fs from 'fs';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { createServer, plugins, type Server } from 'restify';
import { createApiServer } from '../api/api-server';
import { signIntake, verifyIntakeSignature } from '../api/intake-signature';
import { statementObligation, type Obligation } from '../domain/obligation';
import type { Person } from '../domain/person';
import { StatementService } from '../domain/statement-service';
import { compileCalendar, loadBuiltInStandards } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import type { BenchResult } from './bench-result';
import { p95 } from './statistics';

const SECRET = 'bench-intake-secret-0123456789abcdef0123456789';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1').toString('base64');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** POSTs `count` signed statements with `concurrency` in flight; statements/s and p95 latency in ms. */
async function drive(url: string, count: number, concurrency: number, prefix: string): Promise<{ perSecond: number; p95: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const now = Math.floor(Date.now() / 1000);
      const body = JSON.stringify({
        externalId: `${prefix}-${i}`,
        sentAt: new Date((now - 60) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        child: { reference: `C-${i}`, initials: 'AB' },
        type: 'my-world',
        intendedRecipient: { kind: 'person', email: `worker${i % 40}@council.example` },
        flags: { complaint: false, safetyLink: false, unidentified: false },
        pdf: PDF,
      });
      const started = performance.now();
      const res = await fetch(`${url}/api/statements`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', 'X-Heard-Timestamp': String(now), 'X-Heard-Signature': signIntake({ secret: SECRET, timestamp: now, body }) },
      });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`intake answered ${res.status}`);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { perSecond: count / ((performance.now() - t0) / 1000), p95: p95(latencies) };
}

export async function benchIntake(): Promise<BenchResult[]> {
  const count = Number(process.env.HEARD_BENCH_INTAKE ?? 2000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-intake-'));
  const store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
  const people: Person[] = Array.from({ length: 40 }, (_, i) => ({
    id: `p_${i}`,
    aadObjectId: null,
    name: `Fictional Worker ${i}`,
    email: `worker${i}@council.example`,
    roles: ['worker'],
    teamId: null,
    lineManagerId: null,
  }));
  await store.directory.upsert(people, []);
  const year = new Date().getUTCFullYear();
  const service = new StatementService({
    store,
    standards: loadBuiltInStandards(),
    packs: new Set(['momo']),
    calendar: compileCalendar({}, { from: year - 2, to: year + 3 }),
    now: () => Math.floor(Date.now() / 1000),
  });
  const api = createApiServer({ service, store, intakeSecret: SECRET, downloadSecret: `${SECRET}-download`, now: () => Math.floor(Date.now() / 1000), log: () => {} });

  const floor = createServer({ name: 'floor' });
  floor.post('/api/statements', plugins.bodyReader({ maxBodySize: 1 << 20 }), (req, res, next) => {
    const ok = verifyIntakeSignature({
      secret: SECRET,
      timestamp: String(req.header('x-heard-timestamp')),
      signature: String(req.header('x-heard-signature')),
      body: (req as unknown as { body: Buffer }).body ?? Buffer.alloc(0),
      now: Math.floor(Date.now() / 1000),
    });
    res.send(ok.ok ? 201 : 401, { ok: ok.ok });
    next();
  });

  const apiUrl = await listen(api);
  const floorUrl = await listen(floor);
  await drive(floorUrl, 200, 8, 'warm-floor');
  await drive(apiUrl, 200, 8, 'warm-api');
  const heard = await drive(apiUrl, count, 16, 'bench');
  const baseline = await drive(floorUrl, count, 16, 'bench');
  api.close();
  floor.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    {
      name: `intake: ${count.toLocaleString('en-GB')} signed statements, 16 in flight, embedded store`,
      value: heard.perSecond,
      unit: 'statements/s',
      baselineName: 'same HTTP stack, signature check only',
      baseline: baseline.perSecond,
    },
    {
      name: 'intake: p95 latency',
      value: heard.p95,
      unit: 'ms',
      baselineName: 'same HTTP stack, signature check only',
      baseline: baseline.p95,
      lowerIsBetter: true,
    },
  ];
}

export async function benchObligationQuery(): Promise<BenchResult[]> {
  const total = Number(process.env.HEARD_BENCH_OBLIGATIONS ?? 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-query-'));
  const file = path.join(dir, 'heard.sqlite');
  const store = await openSqliteStore(file);
  const t0 = Math.floor(Date.UTC(2026, 10, 23) / 1000);
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const batch: Obligation[] = [];
  for (let i = 0; i < total; i++) {
    batch.push(
      statementObligation({
      id: `ob_${i}`,
      standardId: ['momo.2.1', 'momo.2.2', 'momo.3.1'][i % 3],
      statementId: `st_${Math.floor(i / 3)}`,
      ownerId: `p_${rand(1000)}`,
      ownerRole: 'recipient',
      triggeredAt: t0 - rand(30 * 86400),
      due: t0 + rand(60 * 86400) - 20 * 86400,
      status: rand(4) === 0 ? 'met' : 'open',
      completedAt: null,
      nextNudgeAt: null,
      lease: null,
      version: 1,
      }),
    );
    if (batch.length === 5000) await store.obligations.insertMany(batch.splice(0));
  }
  if (batch.length > 0) await store.obligations.insertMany(batch.splice(0));
  await store.close();

  const queries = Array.from({ length: 220 }, () => Array.from({ length: 40 }, () => `p_${rand(1000)}`));
  const dueBefore = t0 + 7 * 86400;
  const timed = async (run: (owners: string[]) => Promise<number> | number) => {
    const samples: number[] = [];
    for (const [q, owners] of queries.entries()) {
      const started = performance.now();
      const found = await run(owners);
      if (q >= 20) samples.push(performance.now() - started);
      if (found === 0) throw new Error('query found nothing: the data set is wrong');
    }
    return p95(samples);
  };
  const s = await openSqliteStore(file);
  const indexed = await timed(async (owners) => (await s.obligations.openForOwners(owners, dueBefore)).length);
  await s.close();
  // The baseline reads the same rows with SQLite told not to use any index (a full scan),
  // and skips the store's row mapping, which only flatters the baseline.
  const raw = new Database(file, { readonly: true });
  const scan = raw.prepare(
    `SELECT * FROM obligations NOT INDEXED
     WHERE owner_id IN (SELECT value FROM json_each(@owners)) AND status = 'open' AND due < @due_before
     ORDER BY due, id`,
  );
  const unindexed = await timed((owners) => scan.all({ owners: JSON.stringify(owners), due_before: dueBefore }).length);
  raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    {
      name: `open obligations of 40 people due before T, ${total.toLocaleString('en-GB')} obligations: p95`,
      value: indexed,
      unit: 'ms',
      baselineName: 'same query and data, full table scan (NOT INDEXED)',
      baseline: unindexed,
      lowerIsBetter: true,
    },
  ];
}
