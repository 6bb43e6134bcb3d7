import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'crypto';
import type { AddressInfo } from 'net';
import nock from 'nock';
import { DOWNLOAD_SECRET, INTAKE_SECRET, MONDAY_10AM, PEOPLE, TEAMS, removeTempDir, tempDatabaseFile } from './test-council.fixture';
import { createHeard, type Heard } from '../bot/heard-server';
import type { Store } from '../domain/ports/store.port';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * Issue 13, item 6: forged Bot Framework tokens. Every one was refused, but with a 500, a
 * body that echoed an internal URL when the key endpoint was unreachable, and a stack
 * trace on stderr per request. Now each is a 401 with a JSON error that names nothing
 * internal, one JSON log line, and nothing on the console; the activity never reaches
 * the bot. The Bot Framework's key endpoint is played by nock, serving one signing key
 * (so that a correctly signed token is accepted, and the refusals are the forgeries').
 */

const APP_ID = '22222222-2222-4222-8222-222222222222';
const TENANT = '11111111-1111-4111-8111-111111111111';
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';
const METADATA_HOST = 'https://login.botframework.com';
const METADATA_PATH = '/v1/.well-known/openidconfiguration';
const KEYS_PATH = '/v1/.well-known/keys';
const KID = 'heard-test-signing-key';

const botFrameworkKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, sign: (input: string) => string): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(input)}`;
}
const rs256 = (key: KeyObject) => (input: string) => createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
const hs256 = (secret: string) => (input: string) => createHmac('sha256', secret).update(input).digest('base64url');

/** What a Bot Framework channel token claims, at the test's clock (real time: the library checks expiry against it). */
function channelClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, exp: now + 3600, ...overrides };
}

function activity(aad: string, tenant = TENANT): Record<string, unknown> {
  return {
    type: 'message',
    text: 'help',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: `29:${aad}`, aadObjectId: aad, name: 'Fictional' },
    recipient: { id: `28:${APP_ID}`, name: 'Heard' },
    conversation: { id: `a:${aad}`, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
    id: 'in-1',
  };
}

function keyEndpoint(): void {
  const jwk = botFrameworkKey.publicKey.export({ format: 'jwk' });
  nock(METADATA_HOST)
    .persist()
    .get(METADATA_PATH)
    .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: `${METADATA_HOST}${KEYS_PATH}`, id_token_signing_alg_values_supported: ['RS256'] })
    .get(KEYS_PATH)
    .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
}

let file: string;
let store: Store;
let heard: Heard;
let url: string;
const logs: { event: string; fields: Record<string, unknown> }[] = [];
const consoleCalls: unknown[][] = [];
const stderrWrites: string[] = [];

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
  file = tempDatabaseFile();
  store = await openSqliteStore(file);
  await store.directory.upsert(PEOPLE, TEAMS);
  heard = await createHeard(
    {
      port: 0,
      host: '127.0.0.1',
      auth: { appId: APP_ID, appPassword: 'fictional-app-password', tenantId: TENANT },
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
  url = `http://127.0.0.1:${(heard.server.address() as AddressInfo).port}/api/messages`;
});

afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await heard.close();
  removeTempDir(file);
});

beforeEach(() => {
  logs.length = 0;
  consoleCalls.length = 0;
  stderrWrites.length = 0;
  for (const level of ['error', 'warn', 'log', 'info'] as const) {
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleCalls.push(args));
  }
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderrWrites.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

async function send(token: string | null, body = activity('aad-sam')): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
  });
  return { status: res.status, text: await res.text() };
}

/** The refusal as issue 13 asks for it: 401, a JSON error naming nothing internal, one JSON log line, a quiet console, nothing stored. */
async function expectRefused(reply: { status: number; text: string }, reason: string): Promise<void> {
  expect(reply.status).toBe(401);
  expect(JSON.parse(reply.text)).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'a valid Bot Framework token for this bot is required' } });
  expect(reply.text).not.toMatch(/botframework\.com|https?:|Error|at /);
  expect(logs).toEqual([{ event: 'activity-refused', fields: { status: 401, code: 'UNAUTHENTICATED', reason } }]);
  expect(consoleCalls).toEqual([]);
  expect(stderrWrites).toEqual([]);
  expect(await store.conversations.get('aad-sam')).toBeNull();
}

describe('/api/messages with an app id configured: forged Bot Framework tokens', () => {
  // First, while no key has been fetched yet (the library caches the keys once it has them).
  // (Down rather than refusing connections: nock's replyWithError leaks an unhandled
  // socket error when another test file's interceptor is still in place.)
  it.each([
    ['its discovery document', () => nock(METADATA_HOST).get(METADATA_PATH).reply(503, 'Service Unavailable')],
    ['its keys', () => nock(METADATA_HOST).get(METADATA_PATH).reply(200, { jwks_uri: `${METADATA_HOST}${KEYS_PATH}` }).get(KEYS_PATH).reply(502, 'Bad Gateway')],
  ])('a correctly signed token while the key endpoint is down (%s): 401, and the endpoint’s address is not echoed', async (_what, down) => {
    down();
    const token = jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, channelClaims(), rs256(botFrameworkKey.privateKey));

    await expectRefused(await send(token), 'keys-unavailable');
  });

  it('no token at all: 401', async () => {
    await expectRefused(await send(null), 'no-token');
  });

  it.each([
    ['alg "none", unsigned', () => jwt({ alg: 'none', typ: 'JWT' }, channelClaims(), () => '')],
    ['alg "none" naming the real key', () => jwt({ alg: 'none', typ: 'JWT', kid: KID }, channelClaims(), () => '')],
    ['HS256 with a guessed key (the app password)', () => jwt({ alg: 'HS256', typ: 'JWT', kid: KID }, channelClaims(), hs256('fictional-app-password'))],
    ['HS256 with the public key as the HMAC secret', () => jwt({ alg: 'HS256', typ: 'JWT', kid: KID }, channelClaims(), hs256(String(botFrameworkKey.publicKey.export({ type: 'spki', format: 'pem' }))))],
    ['RS256 signed with the wrong key, naming the real one', () => jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, channelClaims(), rs256(attackerKey.privateKey))],
    ['RS256 signed with a key the endpoint does not have', () => jwt({ alg: 'RS256', typ: 'JWT', kid: 'attacker-key' }, channelClaims(), rs256(attackerKey.privateKey))],
    ['correctly signed, but not valid for another hour (nbf)', () => jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, channelClaims({ nbf: Math.floor(Date.now() / 1000) + 3600 }), rs256(botFrameworkKey.privateKey))],
    ['correctly signed, but expired an hour ago', () => jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, channelClaims({ exp: Math.floor(Date.now() / 1000) - 3600 }), rs256(botFrameworkKey.privateKey))],
    ['correctly signed, but for another bot', () => jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, channelClaims({ aud: '33333333-3333-4333-8333-333333333333' }), rs256(botFrameworkKey.privateKey))],
    ['not a token', () => 'not.a.token'],
  ])('%s: 401', async (_name, token) => {
    keyEndpoint();
    await expectRefused(await send(token()), 'token-invalid');
  });

  it('while a correctly signed token for this bot is accepted (so the refusals above are the forgeries’)', async () => {
    keyEndpoint();
    const token = jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, channelClaims(), rs256(botFrameworkKey.privateKey));
    // From another tenant, so the bot answers nothing and no outbound token is needed.
    const reply = await send(token, activity('aad-sam', '99999999-9999-4999-8999-999999999999'));

    expect(reply.status).toBe(200);
    expect(logs).toEqual([{ event: 'activity-refused', fields: { reason: 'other-tenant', activityType: 'message' } }]);
  });
});
