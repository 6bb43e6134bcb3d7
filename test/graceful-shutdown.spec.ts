import type { ChildProcess } from 'child_process';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { PEOPLE, TEAMS, removeTempDir, signedHeaders, statementBody, tempDatabaseFile } from './test-council.fixture';
import { PARTICIPATION } from './scheduler-harness';
import type { Store } from '../domain/ports/store.port';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { startHeardProcess, until } from './heard-process';

/**
 * SIGTERM, as a platform sends it before replacing an instance (issue 14): Heard stops
 * taking work, finishes what is in flight — a statement half uploaded, the scheduler's
 * sweep, the cards queued for Teams — within the grace period, hands back the
 * scheduler's leases so another instance carries on at once, closes the store and exits.
 * The real `npm start` entry point in a child process; a connector stub here plays Teams,
 * slowly, so that there is work in flight when the signal comes.
 */

jest.setTimeout(60_000);

interface Connector {
  url: string;
  received: string[];
  close(): Promise<void>;
}

/** Teams, answering each message after `delayMs` (never, for conversations in `hang`). */
async function connector(delayMs: number, hang: Set<string> = new Set()): Promise<Connector> {
  const received: string[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = decodeURIComponent(req.url ?? '');
      received.push(url);
      if ([...hang].some((c) => url.includes(c))) return void held.push(res);
      setTimeout(() => {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `act-${received.length}` }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The test council with Heard installed for everyone (their chats at the stub), Safety Link's pack enabled. */
async function council(file: string, connectorUrl: string): Promise<void> {
  const store = await openSqliteStore(file);
  const people = [...PEOPLE, PARTICIPATION];
  await store.directory.upsert(people, TEAMS);
  await store.settings.set('packs', ['momo', 'yjs']);
  for (const p of people) {
    await store.conversations.save({
      aadObjectId: p.aadObjectId ?? '',
      installed: true,
      updatedAt: 0,
      reference: { channelId: 'msteams', serviceUrl: connectorUrl, conversation: { id: `a:${p.aadObjectId}`, conversationType: 'personal' }, user: { id: `29:${p.aadObjectId}`, aadObjectId: p.aadObjectId }, bot: { id: '28:heard' } },
    });
  }
  await store.close();
}

const startHeard = (file: string, graceSeconds: number) => startHeardProcess(file, { HEARD_SHUTDOWN_GRACE_SECONDS: String(graceSeconds) });

async function post(port: number, body: Record<string, unknown>): Promise<{ status: number; json: { statementId: string } }> {
  const text = JSON.stringify(body);
  const now = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/api/statements`, { method: 'POST', body: text, headers: signedHeaders(text, now) });
  return { status: res.status, json: (await res.json()) as { statementId: string } };
}

/** Starts a signed intake request and sends all but its last bytes; `finish()` sends them and reads the reply. */
function halfSent(port: number, body: Record<string, unknown>): { finish(): Promise<{ status: number; body: string }> } {
  const text = JSON.stringify(body);
  const headers = { ...signedHeaders(text, Math.floor(Date.now() / 1000)), 'Content-Length': String(Buffer.byteLength(text)) };
  const req = http.request({ host: '127.0.0.1', port, path: '/api/statements', method: 'POST', headers });
  const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
  });
  req.write(text.slice(0, text.length - 10));
  return {
    finish: () => {
      req.end(text.slice(text.length - 10));
      return reply;
    },
  };
}

async function withStore<T>(file: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(file);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

let file: string;
let stub: Connector | undefined;
let heard: ChildProcess | undefined;
afterEach(async () => {
  if (heard && heard.exitCode === null) heard.kill('SIGKILL');
  await stub?.close();
  if (file) removeTempDir(file);
});

it('on SIGTERM finishes a statement being uploaded, the sweep and the cards in flight, hands back its leases and exits 0', async () => {
  file = tempDatabaseFile();
  stub = await connector(800);
  await council(file, stub.url);
  const started = await startHeard(file, 25);
  heard = started.child;

  // A Safety Link statement: cards to Sam and Priya, and the scheduler's immediate notices at any hour.
  const safety = await post(started.port, statementBody('safety-1', { flags: { complaint: false, safetyLink: true, unidentified: false } }));
  expect(safety.status).toBe(201);
  await until(() => stub!.received.length >= 2, 'Teams to be receiving (slowly)');
  const uploading = halfSent(started.port, statementBody('late-1', { child: { reference: 'C-2002', initials: 'CD' } }));
  await new Promise((resolve) => setTimeout(resolve, 200));

  heard.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Stopped taking work: a new connection is refused…
  await expect(fetch(`http://127.0.0.1:${started.port}/api/health/live`)).rejects.toThrow();
  // …but the statement already on its way is received, and acknowledged.
  const late = await uploading.finish();
  expect(late.status).toBe(201);
  expect(await started.exited).toBe(0);
  expect(started.output()).toMatch(/"event":"heard-stopped".*"clean":true|"clean":true.*"event":"heard-stopped"/);

  await withStore(file, async (store) => {
    const statements = await store.statements.list({});
    expect(statements.map((s) => s.externalId).sort()).toEqual(['late-1', 'safety-1']);
    // Every card queued before the signal went out: both assignees of each statement have theirs.
    for (const s of statements) {
      const deliveries = await store.cards.listForStatement(s.id);
      expect(deliveries.map((d) => [d.personId, d.state]).sort()).toEqual(s.assigneeIds.map((id) => [id, 'delivered']).sort());
    }
    // The sweep finished what it started: nothing left half sent, and no lease held by the stopped instance.
    const records = await store.nudges.listBetween(0, 2 ** 40, 1_000);
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((r) => r.state === 'sending')).toEqual([]);
    const obligations = (await Promise.all(statements.map((s) => store.obligations.listForStatement(s.id)))).flat();
    expect(obligations.filter((o) => o.lease !== null)).toEqual([]);
  });
});

it('when Teams does not answer within the grace period, drops what has not left, hands every lease back and exits 1', async () => {
  file = tempDatabaseFile();
  // Priya's chat never answers: her card and her notice hang; everyone else's get through.
  stub = await connector(0, new Set(['a:aad-priya']));
  await council(file, stub.url);
  const started = await startHeard(file, 2);
  heard = started.child;

  const safety = await post(started.port, statementBody('safety-2', { flags: { complaint: false, safetyLink: true, unidentified: false } }));
  expect(safety.status).toBe(201);
  await until(() => stub!.received.filter((u) => u.includes('a:aad-priya')).length >= 1, 'a message to Priya to hang');
  const signalled = Date.now();
  heard.kill('SIGTERM');
  expect(await started.exited).toBe(1);
  expect(Date.now() - signalled).toBeLessThan(8_000);
  expect(started.output()).toContain('"event":"heard-stop-timed-out"');

  const now = Math.floor(Date.now() / 1000);
  await withStore(file, async (store) => {
    const [statement] = await store.statements.list({});
    const obligations = await store.obligations.listForStatement(statement.id);
    expect(obligations.filter((o) => o.lease !== null)).toEqual([]);
    // What was not sent is left for the next instance, due now: another scheduler claims it at once.
    const records = await store.nudges.listBetween(0, 2 ** 40, 1_000);
    const unsent = obligations.filter((o) => o.status === 'open' && o.nextNudgeAt !== null && o.nextNudgeAt <= now && !records.some((r) => r.obligationId === o.id && r.state === 'sent'));
    expect(unsent.length).toBeGreaterThan(0);
    const claimed = await store.obligations.claimDue(now, 'web-2', 300, 100);
    for (const o of unsent) expect(claimed.map((c) => c.id)).toContain(o.id);
    // A message already on its way is never sent again: at most once.
    expect(records.filter((r) => r.state === 'sending').every((r) => r.recipientId === 'p_priya')).toBe(true);
  });
});
