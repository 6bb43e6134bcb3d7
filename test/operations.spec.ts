import type { AddressInfo } from 'net';
import { Writable } from 'stream';
import nock from 'nock';
import { MONDAY_10AM, PEOPLE, TEAMS, DOWNLOAD_SECRET, INTAKE_SECRET, removeTempDir, signedHeaders, statementBody, tempDatabaseFile } from './test-council.fixture';
import { createLogger, eventLog, type LogLevel } from '../bot/event-log';
import { createHeard, type Heard } from '../bot/heard-server';
import type { BotConfig } from '../bot/config';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * Run as a council's IT team would (issue 14): JSON-line logs through pino with levels and
 * no personal data, Prometheus metrics an operator can scrape (and nobody else), and
 * health split into live and ready for the load balancer's probes. The real server, the
 * real store and pino; nock plays the Teams connector.
 */

const CONNECTOR = 'http://connector.test';
const TENANT = '11111111-1111-4111-8111-111111111111';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef0123456789abcdef';

let file: string;
let heard: Heard;
let baseUrl: string;
let lines: string[];
let counter = 0;

/** Heard with its real pino logger writing into `lines`. */
async function start(options: { level?: LogLevel; metricsToken?: string } = {}): Promise<void> {
  lines = [];
  file = tempDatabaseFile();
  const store = await openSqliteStore(file);
  await store.directory.upsert(PEOPLE, TEAMS);
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config: BotConfig = {
    port: 0,
    host: '127.0.0.1',
    auth: null,
    intakeSecret: INTAKE_SECRET,
    downloadSecret: DOWNLOAD_SECRET,
    publicUrl: 'http://localhost',
    store: { kind: 'embedded', file },
    maxPdfBytes: undefined,
    scheduler: { enabled: false, instanceId: 'web-1' },
    metricsToken: options.metricsToken ?? null,
  };
  const logger = createLogger({ level: options.level ?? 'info', instance: 'web-1', destination });
  heard = await createHeard(config, { store, now: () => MONDAY_10AM + 3600, log: eventLog(logger) });
  await new Promise<void>((resolve) => heard.server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(heard.server.address() as AddressInfo).port}`;
}

async function postStatement(externalId: string, overrides: Record<string, unknown> = {}): Promise<number> {
  const text = JSON.stringify(statementBody(externalId, overrides));
  const res = await fetch(`${baseUrl}/api/statements`, { method: 'POST', body: text, headers: signedHeaders(text, MONDAY_10AM + 3600) });
  await res.text();
  return res.status;
}

async function installSam(): Promise<void> {
  nock(CONNECTOR)
    .persist()
    .post(/\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/)
    .reply(200, () => ({ id: `msg-${++counter}` }));
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'installationUpdate',
      action: 'add',
      channelId: 'msteams',
      serviceUrl: CONNECTOR,
      from: { id: '29:aad-sam', aadObjectId: 'aad-sam', name: 'Sam Worker' },
      recipient: { id: '28:heard', name: 'Heard' },
      conversation: { id: 'a:aad-sam', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      id: `in-${++counter}`,
    }),
  });
  expect(res.status).toBeLessThan(300);
}

async function metrics(headers: Record<string, string> = {}): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${baseUrl}/api/metrics`, { headers });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** The value of one series in a Prometheus text exposition (null when absent). */
function series(text: string, name: string, labels: Record<string, string> = {}): number | null {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((w) => have.includes(w)) && have.filter((h) => !h.endsWith('=""')).length === wanted.length) return Number(match[3]);
  }
  return null;
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
});
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  await heard.close();
  removeTempDir(file);
});

describe('the logs', () => {
  beforeEach(() => start());

  it('are one JSON object per line with a level, an ISO time, the instance and an event code', async () => {
    expect(await postStatement('ops-1')).toBe(201);
    await heard.settled();
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r).toEqual(expect.objectContaining({ level: expect.stringMatching(/^(info|warn|error|fatal|debug)$/), instance: 'web-1', event: expect.any(String) }));
      expect(new Date(String(r.time)).toISOString()).toBe(r.time);
    }
    expect(records).toContainEqual(expect.objectContaining({ level: 'info', event: 'intake-created', routedBy: 'intended-worker' }));
    // Sam has not installed Heard: the card is kept as not delivered, a warning.
    expect(records).toContainEqual(expect.objectContaining({ level: 'warn', event: 'card-not-delivered', reason: 'not-installed', personId: 'p_sam' }));
  });

  it('carry ids and codes only: no name, e-mail address, initials or child reference, whatever happens', async () => {
    await installSam();
    expect(await postStatement('ops-2', { child: { reference: 'C-7731', initials: 'QZ' } })).toBe(201);
    expect(await postStatement('ops-3', { intendedRecipient: { kind: 'person', email: 'someone.unknown@council.example' }, child: { reference: 'C-7732', initials: 'XW' } })).toBe(201);
    expect(await postStatement('ops-2', { child: { reference: 'C-7731', initials: 'QY' } })).toBe(409);
    expect(await postStatement('ops-4', { child: { reference: 'C-7733', initials: 'Amy' } })).toBe(400);
    await heard.settled();
    const all = lines.join('\n');
    expect(all).toContain('intake-conflict');
    expect(all).toContain('card-delivered');
    for (const p of PEOPLE) {
      expect(all).not.toContain(p.name);
      expect(all).not.toContain(p.email);
    }
    for (const secret of ['someone.unknown', 'C-7731', 'C-7732', 'C-7733', '"QZ"', '"XW"', '"QY"', 'Amy', 'aad-sam']) expect(all).not.toContain(secret);
  });
});

describe('the log level (LOG_LEVEL)', () => {
  beforeEach(() => start({ level: 'warn' }));

  it('leaves out what is below it, and still counts it in the metrics', async () => {
    expect(await postStatement('ops-5')).toBe(201);
    await heard.settled();
    const events = lines.map((l) => (JSON.parse(l) as { event: string; level: string }));
    expect(events.map((e) => e.event)).toEqual(['card-not-delivered']);
    expect(series((await metrics()).text, 'heard_statements_received_total', { outcome: 'created' })).toBe(1);
  });
});

describe('GET /api/metrics', () => {
  beforeEach(() => start({ metricsToken: METRICS_TOKEN }));

  it('counts statements received and refused, cards delivered or not, and the open and overdue obligations per standard', async () => {
    await installSam();
    expect(await postStatement('m-1')).toBe(201);
    expect(await postStatement('m-1')).toBe(200);
    expect(await postStatement('m-2', { intendedRecipient: { kind: 'person', email: 'ali@council.example' } })).toBe(201);
    expect(await postStatement('m-3', { child: { reference: 'C-1', initials: 'Amy' } })).toBe(400);
    const unsigned = await fetch(`${baseUrl}/api/statements`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    await heard.settled();

    const { status, text, type } = await metrics();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(series(text, 'heard_statements_received_total', { outcome: 'created' })).toBe(2);
    expect(series(text, 'heard_statements_received_total', { outcome: 'repeat' })).toBe(1);
    expect(series(text, 'heard_intake_refused_total', { code: 'INVALID_BODY' })).toBe(1);
    expect(series(text, 'heard_intake_refused_total', { code: 'SIGNATURE_MISSING' })).toBe(1);
    expect(series(text, 'heard_card_deliveries_total', { outcome: 'delivered' })).toBe(1);
    expect(series(text, 'heard_card_deliveries_total', { outcome: 'not-delivered', reason: 'not-installed' })).toBe(1);
    expect(series(text, 'heard_teams_requests_total', { result: 'ok' })).toBeGreaterThanOrEqual(1);
    // momo 2.1: open within 7 working hours — two statements, both just received.
    expect(series(text, 'heard_obligations_open', { standard: 'momo.2.1' })).toBe(2);
    expect(series(text, 'heard_obligations_overdue', { standard: 'momo.2.1' })).toBe(0);
    expect(text).toContain('process_cpu_seconds_total');
    for (const p of PEOPLE) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.email);
      expect(text).not.toContain(p.id);
    }
    expect(text).not.toContain('C-1001');
  });

  it('counts case events beside statements: imported, unchanged, and refused by code (each event of a batch, or the whole request)', async () => {
    const postEvents = async (body: unknown, signed = true) => {
      const text = JSON.stringify(body);
      const headers = signed ? signedHeaders(text, MONDAY_10AM + 3600) : { 'Content-Type': 'application/json' };
      return (await fetch(`${baseUrl}/api/case-events`, { method: 'POST', body: text, headers })).status;
    };
    const visit = (eventId: string, kind = 'cic') => ({ eventId, source: 'liquidlogic', caseRef: 'C-7731', childInitials: 'QZ', type: 'visit-completed', occurredAt: '2026-11-20T14:30:00Z', details: { kind } });
    expect(await postEvents([visit('LCS-1'), visit('LCS-2')])).toBe(200);
    // A resend, a conflict (same id, other content) and an event of no known type, in one batch: 207.
    expect(await postEvents([visit('LCS-1'), visit('LCS-2', 'cp'), { ...visit('LCS-3'), type: 'visit-happened' }])).toBe(207);
    expect(await postEvents(visit('LCS-4'), false)).toBe(401);
    expect(await postEvents({ ...visit('LCS-5'), childInitials: 'Amy' })).toBe(400);
    const { text } = await metrics();
    expect(series(text, 'heard_case_events_received_total', { outcome: 'imported' })).toBe(2);
    expect(series(text, 'heard_case_events_received_total', { outcome: 'unchanged' })).toBe(1);
    expect(series(text, 'heard_case_events_refused_total', { code: 'EVENT_ID_CONFLICT' })).toBe(1);
    expect(series(text, 'heard_case_events_refused_total', { code: 'INVALID_EVENT' })).toBe(2);
    expect(series(text, 'heard_case_events_refused_total', { code: 'SIGNATURE_MISSING' })).toBe(1);
    for (const secret of ['C-7731', 'QZ', 'LCS-']) expect(text).not.toContain(secret);
  });

  it('is read from this machine, or with the bearer token; a proxied or remote request without it is refused and told nothing', async () => {
    expect((await metrics()).status).toBe(200);
    // Through a proxy on the same machine, the connection is loopback but the request is not.
    const proxied = await metrics({ 'X-Forwarded-For': '203.0.113.9' });
    expect(proxied.status).toBe(401);
    expect(proxied.text).not.toContain('heard_');
    expect((await metrics({ 'X-Forwarded-For': '203.0.113.9', Authorization: 'Bearer wrong-token' })).status).toBe(401);
    expect((await metrics({ 'X-Forwarded-For': '203.0.113.9', Authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(200);
    expect(lines.map((l) => JSON.parse(l) as { event: string; reason?: string }).filter((r) => r.event === 'metrics-refused').map((r) => r.reason)).toEqual(['no-token', 'wrong-token']);
  });
});

describe('GET /api/metrics without a token configured', () => {
  beforeEach(() => start());

  it('is served to this machine only', async () => {
    expect((await metrics()).status).toBe(200);
    const remote = await metrics({ Forwarded: 'for=203.0.113.9' });
    expect(remote.status).toBe(403);
    expect(remote.text).not.toContain('heard_');
  });
});

describe('health', () => {
  beforeEach(() => start());

  it('is split into live (the process answers) and ready (the store answers, not shutting down); /api/health works as before', async () => {
    const get = async (path: string) => {
      const res = await fetch(`${baseUrl}${path}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await get('/api/health/live')).toEqual({ status: 200, body: { status: 'live' } });
    expect(await get('/api/health/ready')).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await get('/api/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
