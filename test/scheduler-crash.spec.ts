/**
 * kill -9 mid-run: the scheduler runs in a child process (real throttled sender, real Bot
 * Framework sender) against a connector stub here, and is killed three times — once the
 * instant the connector receives a message, before the child hears back, and twice at
 * random moments. After each restart it carries on from the store. In the end every
 * nudge that fell due was sent at most once and recorded: none twice, and none lost but a
 * message a kill caught in flight — recorded "sending" before the connector had it whole
 * (the recorded sender's at-most-once rule: such a message is never sent again). A random
 * kill can catch at most the scheduler's concurrency (8) in flight.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MONDAY_10AM, removeTempDir, standardsAndCalendar, tempDatabaseFile } from './test-council.fixture';
import { DEFAULT_NUDGE_POLICY, nudgePlan } from '../domain/nudge-policy';
import type { Person, Team } from '../domain/person';
import { StatementService } from '../domain/statement-service';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { PARTICIPATION } from './scheduler-harness';

const START = MONDAY_10AM - 3600; // Monday 09:00
/** How many obligations the scheduler works at once (its default): what one kill can catch in flight. */
const SCHEDULER_CONCURRENCY = 8;
const END = MONDAY_10AM + 4 * 86400; // Friday 10:00
// Three teams, so escalations spread over three managers' chats as they would (Teams' per-chat limits apply).
const TEAMS: Team[] = [0, 1, 2].map((t) => ({ id: `t_${t}`, name: `Team ${t}`, managerId: `p_m${t}` }));
const MANAGERS: Person[] = TEAMS.map((t, i) => ({ id: `p_m${i}`, aadObjectId: `aad-m${i}`, name: `Manager ${i}`, email: `m${i}@council.example`, roles: ['manager'], teamId: t.id, lineManagerId: null }));
const WORKERS: Person[] = Array.from({ length: 30 }, (_, i) => ({
  id: `p_w${i}`,
  aadObjectId: `aad-w${i}`,
  name: `Worker ${i}`,
  email: `w${i}@council.example`,
  roles: ['worker'],
  teamId: `t_${i % 3}`,
  lineManagerId: `p_m${i % 3}`,
}));

jest.setTimeout(240_000);

let file: string;
let server: Server;
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (file) removeTempDir(file);
});

it('after three kill -9s mid-run, every nudge that fell due was sent exactly once', async () => {
  file = tempDatabaseFile();
  const received: string[] = [];
  let child: ChildProcess | null = null;
  let killAt: number | null = null;
  let kills = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      // Each card's one line is its idempotency key (scheduler-crash-child.ts).
      const activity = JSON.parse(body || '{}') as { attachments?: { content?: { body?: { text?: string }[] } }[] };
      const text = activity.attachments?.[0]?.content?.body?.[0]?.text ?? '';
      received.push(text);
      if (killAt !== null && received.length >= killAt && child) {
        // The connector has the message; the child dies before it hears so.
        child.kill('SIGKILL');
        killAt = null;
        kills++;
      }
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `act-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const connector = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The council: 30 workers, their three managers and the participation team, all with Heard installed; 24 statements on Monday.
  const people = [...WORKERS, ...MANAGERS, PARTICIPATION];
  const setup = await openSqliteStore(file);
  await setup.directory.upsert(people, TEAMS);
  for (const p of people) {
    await setup.conversations.save({
      aadObjectId: p.aadObjectId ?? '',
      installed: true,
      updatedAt: START,
      reference: { channelId: 'msteams', serviceUrl: connector, conversation: { id: `a:${p.aadObjectId}`, conversationType: 'personal' }, user: { id: `29:${p.aadObjectId}`, aadObjectId: p.aadObjectId }, bot: { id: '28:heard' } },
    });
  }
  const { standards, calendar } = standardsAndCalendar();
  let clock = START;
  const service = new StatementService({ store: setup, standards, packs: new Set(['momo']), calendar, now: () => clock });
  for (let i = 0; i < 24; i++) {
    clock = START + i * 240;
    await service.receive(
      {
        externalId: `crash-${i}`,
        sentAt: clock,
        child: { reference: `C-${i}`, initials: 'AB' },
        type: 'my-world',
        intendedRecipient: { kind: 'person', email: WORKERS[i % WORKERS.length].email },
        flags: { complaint: false, safetyLink: false, unidentified: false },
        pdf: null,
      },
      'api',
    );
  }
  await setup.close();

  const run = () =>
    new Promise<'done' | 'killed'>((resolve, reject) => {
      let out = '';
      let err = '';
      child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(__dirname, 'scheduler-crash-child.ts'), file, String(START), String(END)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code, signal) => {
        if (signal === 'SIGKILL') resolve('killed');
        else if (code === 0 && out.includes('done')) resolve('done');
        else reject(new Error(`the scheduler child exited with ${code}: ${err}`));
      });
    });
  const killRandomlyAfter = (ms: number) => setTimeout(() => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      kills++;
    }
  }, ms);

  killAt = 80; // the instant the connector has the 80th message
  expect(await run()).toBe('killed');
  const timer = killRandomlyAfter(1500 + Math.floor(Math.random() * 1500));
  const second = await run();
  clearTimeout(timer);
  const timer3 = killRandomlyAfter(1000 + Math.floor(Math.random() * 2000));
  const third = await run();
  clearTimeout(timer3);
  while ((await run()) !== 'done');
  expect(kills).toBeGreaterThanOrEqual(2);

  // None twice.
  const twice = received.filter((k, i) => received.indexOf(k) !== i);
  expect(twice).toEqual([]);

  // None lost: every step due by the end, of every obligation still open, has its record,
  // and a record left "sending" that never reached the connector was caught in flight by a kill.
  const store = await openSqliteStore(file);
  try {
    const records = await store.nudges.listBetween(0, 2 ** 40, 100_000);
    const lost = records.filter((r) => r.state === 'sending' && !received.includes(r.key));
    expect(lost.length).toBeLessThanOrEqual(kills * SCHEDULER_CONCURRENCY);
    expect(records.filter((r) => r.state === 'sent').every((r) => received.includes(r.key))).toBe(true);
    const missing: string[] = [];
    const byStandard = new Map(standards.map((s) => [s.id, s]));
    for (const s of await store.statements.list({})) {
      for (const o of await store.obligations.listForStatement(s.id)) {
        const standard = byStandard.get(o.standardId);
        if (o.status !== 'open' || !standard) continue;
        const done = new Set(records.filter((r) => r.obligationId === o.id).map((r) => r.kind));
        for (const step of nudgePlan(o, standard, calendar, DEFAULT_NUDGE_POLICY)) if (step.at <= END && !done.has(step.kind)) missing.push(`${o.id}:${step.kind}`);
      }
    }
    expect(missing).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`kill -9 test: ${kills} kills (${second}, ${third}), ${received.length} messages received by the connector, ${records.filter((r) => r.state === 'sending').length - lost.length} left "sending" by a kill and delivered once, ${lost.length} caught in flight by a kill and not sent again, none twice`);
    expect(received.length).toBeGreaterThan(200);
  } finally {
    await store.close();
  }
});
