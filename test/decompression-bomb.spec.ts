import * as http from 'http';
import type { AddressInfo } from 'net';
import * as zlib from 'zlib';
import { DOWNLOAD_SECRET, INTAKE_SECRET, MONDAY_10AM, PEOPLE, TEAMS, removeTempDir, signedHeaders, statementBody, tempDatabaseFile } from './test-council.fixture';
import { MAX_ACTIVITY_BYTES } from '../bot/activity-endpoint';
import { createHeard, type Heard } from '../bot/heard-server';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * The attack of issue 13, item 1: a body of about 200 KB that inflates to 200 MiB, sent
 * without a token to /api/messages (and to the intake). restify's JSON body parser
 * inflated it whole before authenticating anything (the process went from 207 to
 * 1,002 MiB); now a body is counted once decoded while it is read, and refused the
 * moment it passes the limit.
 */

const BOMB_INFLATED_BYTES = 200 * 1024 * 1024;

/** Compresses `size` zero bytes with `make`, a mebibyte at a time: only the compressed bytes are ever held. */
async function bomb(make: () => zlib.Gzip | zlib.Deflate, size = BOMB_INFLATED_BYTES): Promise<Buffer> {
  const compressor = make();
  const parts: Buffer[] = [];
  compressor.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise<void>((resolve, reject) => {
    compressor.on('end', resolve);
    compressor.on('error', reject);
  });
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += zeros.length) {
    if (!compressor.write(zeros)) await new Promise((resolve) => compressor.once('drain', resolve));
  }
  compressor.end();
  await done;
  return Buffer.concat(parts);
}

/** Counts what `compressed` inflates to without holding it. */
function inflatedSize(inflater: zlib.Gunzip | zlib.Inflate, compressed: Buffer): Promise<number> {
  let size = 0;
  inflater.on('data', (c: Buffer) => {
    size += c.length;
  });
  return new Promise((resolve, reject) => {
    inflater.on('end', () => resolve(size));
    inflater.on('error', reject);
    inflater.end(compressed);
  });
}

/** POSTs raw bytes and reads the reply, even when the server refuses before it has read everything. */
function post(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString('utf8') || 'null') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let file: string;
let heard: Heard;
let baseUrl: string;
let gzipBomb: Buffer;
let deflateBomb: Buffer;
const logs: { event: string; fields: Record<string, unknown> }[] = [];

beforeAll(async () => {
  gzipBomb = await bomb(() => zlib.createGzip({ level: 9 }));
  deflateBomb = await bomb(() => zlib.createDeflate({ level: 9 }));
  file = tempDatabaseFile();
  const store = await openSqliteStore(file);
  await store.directory.upsert(PEOPLE, TEAMS);
  heard = await createHeard(
    {
      port: 0,
      host: '127.0.0.1',
      auth: null,
      intakeSecret: INTAKE_SECRET,
      downloadSecret: DOWNLOAD_SECRET,
      publicUrl: 'https://heard.council.example',
      store: { kind: 'embedded', file },
      maxPdfBytes: undefined,
      scheduler: { enabled: false, instanceId: 'test' },
    },
    { store, now: () => MONDAY_10AM, log: (event, fields) => logs.push({ event, fields }) },
  );
  await new Promise<void>((resolve) => heard.server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(heard.server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await heard.close();
  removeTempDir(file);
});

const activityHeaders = (encoding: string) => ({ 'Content-Type': 'application/json', 'Content-Encoding': encoding });

describe('a decompression bomb (200 MiB of zeros in about 200 KB)', () => {
  it('is built as the attacker built it: a small body that inflates to 200 MiB', async () => {
    expect(gzipBomb.length).toBeLessThan(256 * 1024);
    expect(await inflatedSize(zlib.createGunzip(), gzipBomb)).toBe(BOMB_INFLATED_BYTES);
    expect(await inflatedSize(zlib.createInflate(), deflateBomb)).toBe(BOMB_INFLATED_BYTES);
  }, 60_000);

  it('to /api/messages, four at once with no token: each refused with 413 while reading, memory bounded, nothing stored', async () => {
    const before = process.memoryUsage();
    let peak = before.rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const replies = await Promise.all([
      post(`${baseUrl}/api/messages`, gzipBomb, activityHeaders('gzip')),
      post(`${baseUrl}/api/messages`, gzipBomb, activityHeaders('gzip')),
      post(`${baseUrl}/api/messages`, deflateBomb, activityHeaders('deflate')),
      post(`${baseUrl}/api/messages`, gzipBomb, activityHeaders('x-gzip')),
    ]);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    for (const reply of replies) {
      expect(reply.status).toBe(413);
      expect(reply.json).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: `the request body must be at most ${MAX_ACTIVITY_BYTES} bytes` } });
    }
    // Inflating even one bomb whole would add 200 MiB; each stops at the 256 KiB limit.
    expect((peak - before.rss) / (1024 * 1024)).toBeLessThan(64);
    expect(logs.filter((l) => l.event === 'request-refused')).toHaveLength(4);
    expect(logs.filter((l) => l.event === 'request-refused').every((l) => l.fields.route === 'messages' && l.fields.code === 'PAYLOAD_TOO_LARGE')).toBe(true);
    for (const person of PEOPLE) expect(await heard.store.conversations.get(person.aadObjectId!)).toBeNull();
  });

  it('to the intake: refused with 415 before anything is inflated (the intake takes no Content-Encoding), nothing stored', async () => {
    const reply = await post(`${baseUrl}/api/statements`, gzipBomb, { ...signedHeaders('{}', MONDAY_10AM), 'Content-Encoding': 'gzip' });

    expect(reply.status).toBe(415);
    expect(reply.json).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the body uncompressed (no Content-Encoding)' } });
    expect(await heard.store.statements.list({})).toEqual([]);
  });

  it('stacked or unknown encodings are refused with 415 without reading them', async () => {
    for (const encoding of ['gzip, gzip', 'br', 'zstd', 'compress']) {
      const reply = await post(`${baseUrl}/api/messages`, gzipBomb, activityHeaders(encoding));
      expect([encoding, reply.status, (reply.json.error as { code: string }).code]).toEqual([encoding, 415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
  });

  it('a gzip body that is not gzip is a 400, and a compressed intake body that fits is still refused unread (415)', async () => {
    const notGzip = await post(`${baseUrl}/api/messages`, Buffer.from('{"type":"message"}'), activityHeaders('gzip'));
    const text = JSON.stringify(statementBody('momo-small-gzip'));
    const smallIntake = await post(`${baseUrl}/api/statements`, zlib.gzipSync(text), { ...signedHeaders(text, MONDAY_10AM), 'Content-Encoding': 'gzip' });

    expect([notGzip.status, (notGzip.json.error as { code: string }).code]).toEqual([400, 'BODY_UNREADABLE']);
    expect(smallIntake.status).toBe(415);
    expect(await heard.store.statements.list({})).toEqual([]);
  });

  it('a real activity compressed with gzip, well under the limit, is still accepted', async () => {
    await heard.store.conversations.save({ aadObjectId: 'aad-ali', reference: {}, installed: true, updatedAt: MONDAY_10AM - 3600 });
    const uninstall = {
      type: 'installationUpdate',
      action: 'remove',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      from: { id: '29:aad-ali', aadObjectId: 'aad-ali', name: 'Fictional' },
      recipient: { id: '28:heard', name: 'Heard' },
      conversation: { id: 'a:aad-ali', conversationType: 'personal', tenantId: 'tenant' },
      id: 'in-1',
    };
    const reply = await post(`${baseUrl}/api/messages`, zlib.gzipSync(JSON.stringify(uninstall)), activityHeaders('gzip'));

    expect(reply.status).toBe(200);
    expect(await heard.store.conversations.get('aad-ali')).toMatchObject({ installed: false, updatedAt: MONDAY_10AM });
  });
});
