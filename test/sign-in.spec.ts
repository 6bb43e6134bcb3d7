import { spawn, type ChildProcess } from 'child_process';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { signDownloadToken } from '../api/download-token';
import { DOWNLOAD_SECRET, INTAKE_SECRET, MONDAY_10AM, PDF, PEOPLE, TEAMS, removeTempDir, startApi, statementBody, tempDatabaseFile } from './test-council.fixture';
import { createHeard, type Heard } from '../bot/heard-server';
import type { Person } from '../domain/person';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * Issue 13, item 3: the PDF link was a bearer token — whoever held it got the child's
 * PDF, as often as they liked, for 15 minutes. With the council's Entra ID configured,
 * the link now signs the person in (OpenID Connect, authorisation code with PKCE) and
 * serves the PDF only to the person it was made for, once. Tested against a real OpenID
 * provider (oidc-provider, in a child process: test/oidc-provider.mjs) as the right
 * person, the wrong person, an outsider, someone of another tenant, and with replays.
 * The browser is played by fetch with a cookie jar, following redirects as a browser does.
 */

const PUBLIC_URL = 'https://heard.council.example';
const TENANT = '11111111-1111-4111-8111-111111111111';
const CLIENT_ID = '44444444-4444-4444-8444-444444444444';
const CLIENT_SECRET = 'fictional-entra-client-secret';
const ACCOUNTS = {
  sam: { oid: 'aad-sam', tid: TENANT },
  ali: { oid: 'aad-ali', tid: TENANT },
  outsider: { oid: 'aad-not-in-the-directory', tid: TENANT },
  'sam-elsewhere': { oid: 'aad-sam', tid: '99999999-9999-4999-8999-999999999999' },
};

let provider: ChildProcess;
let issuer: string;
let file: string;
let heard: Heard;
let heardOrigin: string;
const logs: { event: string; fields: Record<string, unknown> }[] = [];
let sequence = 0;

/** A browser: one cookie jar per origin, redirects followed by hand, Heard's public address mapped to where it listens. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();
  /** Every address visited, in order. */
  readonly visited: string[] = [];

  async open(url: string): Promise<Response> {
    return this.follow(url, { method: 'GET' });
  }

  /** Submits a form (application/x-www-form-urlencoded) and follows where it leads. */
  async submit(url: string, fields: Record<string, string>): Promise<Response> {
    return this.follow(url, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }

  /** Opens a URL without following anything (to look at a redirect). */
  async fetchOnce(url: string, init: RequestInit = { method: 'GET' }): Promise<Response> {
    const target = new URL(url.startsWith(PUBLIC_URL) ? `${heardOrigin}${url.slice(PUBLIC_URL.length)}` : url);
    this.visited.push(url);
    const jar = this.jars.get(target.origin) ?? new Map<string, string>();
    this.jars.set(target.origin, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(target, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { Cookie: cookie } : {}) } });
    for (const set of res.headers.getSetCookie()) {
      const [pair, ...attributes] = set.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  private async follow(url: string, init: RequestInit): Promise<Response> {
    let res = await this.fetchOnce(url, init);
    for (let hops = 0; hops < 10 && res.status >= 300 && res.status < 400; hops++) {
      const next = new URL(res.headers.get('location')!, this.visited.at(-1)).toString();
      res = await this.fetchOnce(next);
    }
    return res;
  }

  /** The cookies this browser holds for Heard. */
  heardCookies(): Map<string, string> {
    return this.jars.get(heardOrigin) ?? new Map();
  }
}

/** Opens the link and signs in at the provider's page as `account`; returns where that lands. */
async function openAndSignIn(browser: Browser, link: string, account: string): Promise<Response> {
  const signInPage = await browser.open(link);
  expect(signInPage.status).toBe(200);
  const form = /action="([^"]+)"/.exec(await signInPage.text())?.[1];
  expect(form).toMatch(/^\/interaction\/[^/]+\/login$/);
  return browser.submit(new URL(form!, browser.visited.at(-1)).toString(), { login: account });
}

function person(id: string): Person {
  return PEOPLE.find((p) => p.id === id)!;
}

async function newStatementFor(email: string): Promise<string> {
  const received = await heard.service.receive(
    {
      externalId: `momo-sign-in-${++sequence}`,
      sentAt: MONDAY_10AM - 1800,
      child: { reference: 'C-1001', initials: 'AB' },
      type: 'my-world',
      intendedRecipient: { kind: 'person', email },
      flags: { complaint: false, safetyLink: false, unidentified: false },
      pdf: PDF,
    },
    'api',
  );
  return received.statementId;
}

const auditOf = async (statementId: string) => (await heard.store.audit.listForStatement(statementId)).map((e) => ({ action: e.action, actor: e.actor.id, reason: e.details.reason }));

beforeAll(async () => {
  provider = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs'), JSON.stringify({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: `${PUBLIC_URL}/api/auth/callback`, accounts: ACCOUNTS })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  issuer = await new Promise<string>((resolve, reject) => {
    provider.stdout!.once('data', (line: Buffer) => resolve((JSON.parse(line.toString()) as { issuer: string }).issuer));
    provider.once('exit', (code) => reject(new Error(`the OpenID provider stopped (${code})`)));
  });

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
      publicUrl: PUBLIC_URL,
      store: { kind: 'embedded', file },
      maxPdfBytes: undefined,
      scheduler: { enabled: false, instanceId: 'test' },
      signIn: { authority: issuer, tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    },
    { store, now: () => MONDAY_10AM, log: (event, fields) => logs.push({ event, fields }) },
  );
  await new Promise<void>((resolve) => heard.server.listen(0, '127.0.0.1', resolve));
  heardOrigin = `http://127.0.0.1:${(heard.server.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  await heard?.close();
  removeTempDir(file);
  provider.kill('SIGTERM');
});

beforeEach(async () => {
  // Each test starts a fresh counting window for refusals (all come from 127.0.0.1).
  await heard.refusals.endWindow();
  logs.length = 0;
});

describe('a download link, with the council’s Entra ID configured', () => {
  it('sends the person to sign in (code flow with PKCE) instead of serving the PDF', async () => {
    const statementId = await newStatementFor('sam@council.example');
    const link = heard.cards.downloadLink(statementId, person('p_sam')).url;
    const redirect = await new Browser().fetchOnce(link);

    expect(redirect.status).toBe(302);
    const to = new URL(redirect.headers.get('location')!);
    expect(to.origin).toBe(issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({ client_id: CLIENT_ID, response_type: 'code', scope: 'openid profile', code_challenge_method: 'S256' });
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(redirect.headers.get('set-cookie')).toMatch(/^heard_sign_in_[A-Za-z0-9_-]+=[A-Za-z0-9_-]+; Path=\/api\/auth\/callback; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
    // The link was only opened, not used: nothing is recorded against the statement.
    expect((await heard.store.statements.get(statementId))?.status).toBe('assigned');
  });

  it('serves the PDF to the person it was made for once they have signed in, and records it opened', async () => {
    const statementId = await newStatementFor('sam@council.example');
    const link = heard.cards.downloadLink(statementId, person('p_sam')).url;
    const browser = new Browser();
    const res = await openAndSignIn(browser, link, 'sam');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    expect(browser.visited.at(-1)).toMatch(new RegExp(`^${PUBLIC_URL}/api/auth/callback\\?code=`));
    expect(browser.heardCookies().size).toBe(0); // the sign-in cookie is cleared
    expect((await heard.store.statements.get(statementId))?.status).toBe('opened');
    expect(await auditOf(statementId)).toEqual(
      expect.arrayContaining([
        { action: 'download-link-used', actor: 'p_sam', reason: undefined },
        { action: 'statement-opened', actor: 'p_sam', reason: undefined },
      ]),
    );
  });

  it('works once: the same link again is refused (410) before any sign-in, and nothing more is recorded', async () => {
    const statementId = await newStatementFor('sam@council.example');
    const link = heard.cards.downloadLink(statementId, person('p_sam')).url;
    expect((await openAndSignIn(new Browser(), link, 'sam')).status).toBe(200);
    const before = await auditOf(statementId);

    const again = await new Browser().fetchOnce(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('<h1>This link has already been used</h1>');
    const after = await auditOf(statementId);
    expect(after.filter((e) => e.action === 'download-link-used')).toHaveLength(1);
    expect(after.filter((e) => e.action === 'statement-opened')).toHaveLength(1);
    expect(after.slice(before.length)).toEqual([{ action: 'download-refused', actor: 'p_sam', reason: 'link-used' }]);
  });

  it('refuses a replayed sign-in: the callback again, with or without the cookie, serves nothing', async () => {
    const statementId = await newStatementFor('sam@council.example');
    const link = heard.cards.downloadLink(statementId, person('p_sam')).url;
    const browser = new Browser();
    const signInPage = await browser.open(link);
    const cookies = new Map(browser.heardCookies());
    const form = /action="([^"]+)"/.exec(await signInPage.text())![1];
    await browser.submit(new URL(form, browser.visited.at(-1)).toString(), { login: 'sam' });
    const callback = browser.visited.at(-1)!;

    // The same browser (its cookie is gone) and an attacker who copied the cookie and the address.
    const sameBrowser = await browser.open(callback);
    const attacker = new Browser();
    const withCookie = await attacker.fetchOnce(callback, { method: 'GET', headers: { Cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; ') } });

    expect(sameBrowser.status).toBe(400);
    expect(await sameBrowser.text()).toContain('Sign-in did not finish');
    expect(withCookie.status).toBe(400);
    expect(withCookie.headers.get('content-type')).toContain('text/html');
    // The cookie was intact: it is the provider that refused the code, redeemed already.
    expect(logs).toContainEqual({ event: 'sign-in-refused', fields: { kind: 'failed', detail: 'OPError' } });
    expect((await auditOf(statementId)).filter((e) => e.action === 'statement-opened')).toHaveLength(1);
  });

  it('shows the wrong person a page that says nothing about the statement, serves nothing, and keeps the link for its owner', async () => {
    const statementId = await newStatementFor('sam@council.example');
    const link = heard.cards.downloadLink(statementId, person('p_sam')).url;
    const res = await openAndSignIn(new Browser(), link, 'ali');
    const page = await res.text();

    expect(res.status).toBe(403);
    expect(page).toContain('<h1>This link was made for someone else</h1>');
    for (const secret of [statementId, 'C-1001', 'AB', 'Sam', 'my-world', PDF.toString('latin1', 0, 8)]) expect(page).not.toContain(secret);
    expect((await heard.store.statements.get(statementId))?.status).toBe('assigned');
    expect(await auditOf(statementId)).toContainEqual({ action: 'download-refused', actor: 'p_ali', reason: 'wrong-person' });
    const refusal = (await heard.store.audit.listForStatement(statementId)).find((e) => e.details.reason === 'wrong-person');
    expect(refusal?.details).toMatchObject({ linkPersonId: 'p_sam', signedIn: 'in-directory' });

    // Sam, signing in afterwards, still gets it.
    const owner = await openAndSignIn(new Browser(), link, 'sam');
    expect(owner.status).toBe(200);
  });

  it('refuses someone outside the directory, and the same object id from another tenant', async () => {
    const statementId = await newStatementFor('sam@council.example');
    const link = heard.cards.downloadLink(statementId, person('p_sam')).url;
    const outsider = await openAndSignIn(new Browser(), link, 'outsider');
    const elsewhere = await openAndSignIn(new Browser(), link, 'sam-elsewhere');

    expect(outsider.status).toBe(403);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('Sign-in did not finish');
    expect((await heard.store.statements.get(statementId))?.status).toBe('assigned');
    expect(await auditOf(statementId)).toContainEqual({ action: 'download-refused', actor: 'download', reason: 'wrong-person' });
    expect(logs).toContainEqual({ event: 'sign-in-refused', fields: { kind: 'failed', detail: 'other-tenant' } });
  });

  it('refuses a callback that was never started in this browser (a sign-in pushed on someone else)', async () => {
    const statementId = await newStatementFor('sam@council.example');
    const link = heard.cards.downloadLink(statementId, person('p_sam')).url;
    // The attacker signs in as themself and stops before the callback…
    const attacker = new Browser();
    const signInPage = await attacker.open(link);
    const form = /action="([^"]+)"/.exec(await signInPage.text())![1];
    const atProvider = await attacker.fetchOnce(new URL(form, attacker.visited.at(-1)).toString(), {
      method: 'POST',
      body: 'login=ali',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    let next = new URL(atProvider.headers.get('location')!, attacker.visited.at(-1)).toString();
    while (!next.startsWith(PUBLIC_URL)) {
      const hop = await attacker.fetchOnce(next);
      next = new URL(hop.headers.get('location')!, next).toString();
    }
    // …and sends the callback address to Sam, whose browser never started that sign-in.
    const victim = await new Browser().open(next);

    expect(victim.status).toBe(400);
    expect((await heard.store.statements.get(statementId))?.status).toBe('assigned');
  });

  it('logs the provider’s error code when a sign-in is cancelled, and never the free text a crafted callback carries', async () => {
    const statementId = await newStatementFor('sam@council.example');
    const cancelledWith = async (error: string) => {
      const browser = new Browser();
      const redirect = await browser.fetchOnce(heard.cards.downloadLink(statementId, person('p_sam')).url);
      const state = new URL(redirect.headers.get('location')!).searchParams.get('state')!;
      return browser.fetchOnce(`${PUBLIC_URL}/api/auth/callback?${new URLSearchParams({ error, state })}`);
    };

    expect((await cancelledWith('access_denied')).status).toBe(400);
    expect((await cancelledWith('Call Sam Patel on 07700 900123')).status).toBe(400);

    expect(logs).toContainEqual({ event: 'sign-in-refused', fields: { kind: 'cancelled', detail: 'access_denied' } });
    expect(logs).toContainEqual({ event: 'sign-in-refused', fields: { kind: 'cancelled', detail: 'not-an-oauth-error-code' } });
    expect(JSON.stringify(logs)).not.toContain('Sam Patel');
    expect((await heard.store.statements.get(statementId))?.status).toBe('assigned');
  });

  it('says sign-in is not available (503) when the council’s sign-in service cannot be reached, and serves nothing', async () => {
    const down = http.createServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const api = await startApi({
      signIn: { config: { authority: `http://127.0.0.1:${(down.address() as AddressInfo).port}`, tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, publicUrl: PUBLIC_URL },
    });
    try {
      const statementId = (await api.post(statementBody('momo-sign-in-down'))).json.statementId as string;
      const token = signDownloadToken({ statementId, personId: 'p_sam', now: api.clock.now, secret: DOWNLOAD_SECRET });
      const res = await fetch(`${api.baseUrl}/api/statements/${statementId}/pdf?token=${token}`, { redirect: 'manual' });

      expect(res.status).toBe(503);
      expect(await res.text()).toContain('<h1>Sign-in is not available just now</h1>');
      expect(api.logs).toContainEqual({ event: 'sign-in-unavailable', fields: { detail: expect.any(String) } });
      expect((await api.store.statements.get(statementId))?.status).toBe('assigned');
    } finally {
      await api.close();
      await new Promise<void>((resolve) => down.close(() => resolve()));
    }
  });

  it('refuses an expired link at once, without a sign-in', async () => {
    const statementId = await newStatementFor('sam@council.example');
    const stale = signDownloadToken({ statementId, personId: 'p_sam', now: MONDAY_10AM - 16 * 60, secret: DOWNLOAD_SECRET });
    const res = await new Browser().fetchOnce(`${PUBLIC_URL}/api/statements/${statementId}/pdf?token=${stale}`);

    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<h1>This link has expired</h1>');
  });
});
