import * as fs from 'fs';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Server } from 'restify';
import { signAccessLink } from '../api/access-link';
import { createApiServer } from '../api/api-server';
import { dashboardLink, historyExportLink } from '../api/dashboard-route';
import { TabSso } from '../api/tab-sso';
import { historyTable } from '../cards/history-view';
import { History } from '../domain/history';
import { Permissions } from '../domain/permissions';
import type { Store } from '../domain/ports/store.port';
import { StatementService } from '../domain/statement-service';
import { compileCalendar, loadBuiltInStandards } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { REPORT_AT, seedReportWorld } from './report-world.fixture';
import { DOWNLOAD_SECRET, INTAKE_SECRET } from './test-council.fixture';

/**
 * The dashboard tab, served for real: each person's dashboard in headless Chromium at a
 * phone's 320 px and a desktop's width, checked with axe-core against WCAG 2.2 AA (colour
 * contrast included) with screenshots under test-results/; only the signed-in person's
 * scope; refused to anyone else, to a forged or expired link; the Teams single sign-on
 * token checked against the tenant's keys (a local JWKS and tokens signed here); and a
 * history's CSV export. "UK public-sector services must meet WCAG 2.2 AA" (issue 18).
 */

const CHROMIUM = process.env.HEARD_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE = require.resolve('axe-core/axe.min.js');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const RESULTS = path.join(__dirname, '..', 'test-results');

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT_ID = '99999999-8888-7777-6666-555555555555';
const APP_ID_URI = `api://heard.council.example/${CLIENT_ID}`;

interface Axe {
  run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
}

const calendar = compileCalendar({}, { from: 2024, to: 2030 });
const standards = loadBuiltInStandards();

let dir: string;
let store: Store;
let server: Server;
let base: string;
let signingKey: KeyLike;
let publicJwk: JWK;
const clock = { now: REPORT_AT };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-dashboard-'));
  store = await openSqliteStore(path.join(dir, 'heard.db'));
  await seedReportWorld(store);
  const keys = await generateKeyPair('RS256');
  signingKey = keys.privateKey as KeyLike;
  publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const now = () => clock.now;
  const history = new History(store, new Permissions(store.directory));
  server = createApiServer({
    service: new StatementService({ store, standards, packs: new Set(['momo']), calendar, now }),
    store,
    intakeSecret: INTAKE_SECRET,
    downloadSecret: DOWNLOAD_SECRET,
    now,
    log: () => undefined,
    evidence: {
      calendar,
      standards,
      history: async (person, reference) => {
        const records = await history.of(person, reference, calendar.dateOf(calendar.dayOf(now())));
        return records && historyTable(records, calendar);
      },
      tabSso: new TabSso({ tenantId: TENANT, clientId: CLIENT_ID, applicationIdUri: APP_ID_URI, jwks: createLocalJWKSet({ keys: [publicJwk] }) }),
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fs.mkdirSync(RESULTS, { recursive: true });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A Teams SSO access token as Entra ID would issue it for the tab, with `claims` changed. */
async function teamsToken(claims: Record<string, unknown> = {}, key: KeyLike = signingKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { exp, ...rest } = claims;
  return new SignJWT({ tid: TENANT, oid: 'AAD-PRIYA', scp: 'access_as_user', ver: '1.0', ...rest })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })
    .setIssuer(`https://sts.windows.net/${TENANT}/`)
    .setAudience(APP_ID_URI)
    .setIssuedAt(now - 7200)
    .setExpirationTime(typeof exp === 'number' ? exp : now + 3600)
    .sign(key);
}

async function session(authorization: string | undefined): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/dashboard/session`, { method: 'POST', headers: authorization ? { Authorization: authorization } : {} });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the dashboard over HTTP', () => {
  it("shows a manager their team only: North's figures, not South's people", async () => {
    const res = await fetch(dashboardLink(base, 'p_priya', clock.now, DOWNLOAD_SECRET));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Dashboard: your team</h1>');
    expect(html).toContain('North CiC team');
    expect(html).toContain('CR-40002 · AB');
    expect(html).not.toContain('South CiC team');
    expect(html).not.toContain('Kim Reid');
    expect(html).not.toContain('CR-50003');
  });

  it('shows a worker their own work, without the queue, and the participation team the service with the queue', async () => {
    const sam = await (await fetch(dashboardLink(base, 'p_sam', clock.now, DOWNLOAD_SECRET))).text();
    expect(sam).toContain('<h1>Dashboard: your work</h1>');
    expect(sam).not.toContain('Ali Khan');
    expect(sam).not.toContain('participation team&#39;s queue');
    const jo = await (await fetch(dashboardLink(base, 'p_jo', clock.now, DOWNLOAD_SECRET))).text();
    expect(jo).toContain('<h1>Dashboard: the service</h1>');
    expect(jo).toContain('South CiC team');
    expect(jo).toContain('The participation team&#39;s queue');
  });

  it('refuses a link that has expired, was altered to name someone else, or is for another purpose — and says nothing of any dashboard', async () => {
    const expired = await fetch(dashboardLink(base, 'p_priya', clock.now - 16 * 60, DOWNLOAD_SECRET));
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('This dashboard link has expired');
    const genuine = new URL(dashboardLink(base, 'p_sam', clock.now, DOWNLOAD_SECRET)).searchParams.get('link')!;
    const [payload, mac] = genuine.split('.');
    const altered = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('p_sam', 'p_jo')).toString('base64url');
    for (const link of [`${altered}.${mac}`, signAccessLink({ purpose: 'history', personId: 'p_jo', subject: '', now: clock.now, secret: DOWNLOAD_SECRET }), signAccessLink({ purpose: 'dashboard', personId: 'p_jo', subject: '', now: clock.now, secret: 'another-secret-0123456789abcdef0123456789' })]) {
      const res = await fetch(`${base}/dashboard?link=${link}`);
      const html = await res.text();
      expect(res.status).toBe(403);
      expect(html).toContain('This link does not open anything');
      expect(html).not.toContain('North CiC team');
    }
    const stranger = await fetch(dashboardLink(base, 'p_nobody', clock.now, DOWNLOAD_SECRET));
    expect(stranger.status).toBe(403);
    expect(await stranger.text()).toContain('This link is not valid for you');
  });

  it("exchanges the tab's Teams sign-in for the person's dashboard, after checking the token's signature, issuer, audience, tenant, expiry and scope", async () => {
    const ok = await session(`Bearer ${await teamsToken()}`);
    expect(ok.status).toBe(200);
    const page = await fetch(`${base}${String(ok.json.url)}`);
    expect(await page.text()).toContain('For Priya Shah');
    // A v2 token: issuer …/v2.0 and the client id as audience.
    const v2 = await new SignJWT({ tid: TENANT, oid: 'aad-jo', scp: 'access_as_user', ver: '2.0' })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
      .setAudience(CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(signingKey);
    expect((await session(`Bearer ${v2}`)).status).toBe(200);

    const otherKey = (await generateKeyPair('RS256')).privateKey as KeyLike;
    const refused: [string, string | undefined, number][] = [
      ['no token', undefined, 401],
      ['signed by another key', `Bearer ${await teamsToken({}, otherKey)}`, 401],
      ['another tenant', `Bearer ${await teamsToken({ tid: '00000000-0000-0000-0000-000000000000' })}`, 401],
      ['another audience', `Bearer ${await new SignJWT({ tid: TENANT, oid: 'aad-priya', scp: 'access_as_user' }).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setIssuer(`https://sts.windows.net/${TENANT}/`).setAudience('api://elsewhere.example/app').setIssuedAt().setExpirationTime('1h').sign(signingKey)}`, 401],
      ['expired', `Bearer ${await teamsToken({ exp: Math.floor(Date.now() / 1000) - 3600 })}`, 401],
      ['without the access_as_user scope', `Bearer ${await teamsToken({ scp: 'User.Read' })}`, 401],
      ['someone outside the directory', `Bearer ${await teamsToken({ oid: 'aad-stranger' })}`, 403],
    ];
    for (const [why, authorization, status] of refused) {
      const res = await session(authorization);
      expect({ why, status: res.status, url: res.json.url }).toEqual({ why, status, url: undefined });
    }
  });

  it("exports a history as CSV to the person the link was made for, and nothing to someone who may not see it", async () => {
    const res = await fetch(historyExportLink(base, 'p_jo', 'CR-30001', clock.now, DOWNLOAD_SECRET));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="history-CR-30001-2026-11-29.csv"');
    expect((await res.text()).split('\r\n')[0]).toBe('at,when,who,what,channel');
    const colleague = await fetch(historyExportLink(base, 'p_sam', 'CR-30001', clock.now, DOWNLOAD_SECRET));
    expect(colleague.status).toBe(404);
    expect(await colleague.text()).toContain('There is no history to export for you');
    const expired = await fetch(historyExportLink(base, 'p_jo', 'CR-30001', clock.now - 3600, DOWNLOAD_SECRET));
    expect(expired.status).toBe(403);
  });
});

const haveChromium = fs.existsSync(CHROMIUM);
(haveChromium || process.env.CI ? describe : describe.skip)('the dashboard in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens `url` at `width`, checks it with axe-core, the page's own policy (nothing blocked) and its reflow; saves a screenshot. */
  async function check(url: string, width: number, screenshot: string): Promise<{ h1: string; status: number }> {
    // The page under its own policy first: nothing it needs may be blocked.
    const strict: BrowserContext = await browser.newContext({ viewport: { width, height: 900 } });
    const blocked: string[] = [];
    let status: number;
    try {
      const tab = await strict.newPage();
      tab.on('console', (m) => {
        if (/Content Security Policy|integrity/i.test(m.text())) blocked.push(m.text());
      });
      status = (await tab.goto(url))?.status() ?? 0;
      await tab.screenshot({ path: path.join(RESULTS, screenshot), fullPage: true });
      // A phone's first screen, and its first chart, at their own size (a full page at 320 px is too tall to read at a glance).
      if (width === 320) {
        await tab.screenshot({ path: path.join(RESULTS, screenshot.replace('.png', '-first-screen.png')) });
        const chart = tab.locator('section[aria-labelledby="timeliness"]');
        if ((await chart.count()) > 0) await chart.screenshot({ path: path.join(RESULTS, screenshot.replace('.png', '-timeliness.png')) });
      }
      const images = await tab.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as unknown as { naturalWidth: number }).naturalWidth));
      expect(images.every((w) => w > 0)).toBe(true);
    } finally {
      await strict.close();
    }
    expect(blocked).toEqual([]);
    // axe is injected, so this context lets it past the policy.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
    try {
      const tab = await context.newPage();
      await tab.goto(url);
      await tab.addScriptTag({ path: AXE });
      const violations = await tab.evaluate(async (tags) => {
        const { axe, document } = globalThis as unknown as { axe: Axe; document: unknown };
        const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
      }, WCAG_22_AA);
      expect(violations).toEqual([]);
      const scrollWidth = await tab.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      return { h1: (await tab.locator('h1').textContent()) ?? '', status };
    } finally {
      await context.close();
    }
  }

  it.each([
    ['p_priya', 'manager'],
    ['p_jo', 'participation'],
    ['p_sam', 'worker'],
  ])('%s’s dashboard meets WCAG 2.2 AA at 320 px and 1280 px, under its own policy', async (personId, role) => {
    for (const width of [320, 1280]) {
      // Each check opens the page twice: a link of its own for each width.
      const { h1, status } = await check(dashboardLink(base, personId, clock.now, DOWNLOAD_SECRET), width, `dashboard-${role}-${width}.png`);
      expect(status).toBe(200);
      expect(h1).toMatch(/^Dashboard: /);
    }
  }, 60_000);

  it("refusals and the tab's sign-in page meet WCAG 2.2 AA, and the sign-in page's scripts load from Heard past its policy and their integrity hashes", async () => {
    expect((await check(dashboardLink(base, 'p_priya', clock.now - 3600, DOWNLOAD_SECRET), 320, 'dashboard-refused-320.png')).h1).toBe('This dashboard link has expired');
    expect((await check(historyExportLink(base, 'p_sam', 'CR-30001', clock.now, DOWNLOAD_SECRET), 320, 'history-export-refused-320.png')).h1).toBe('There is no history to export for you');
    expect((await check(`${base}/dashboard`, 320, 'dashboard-tab-sign-in-320.png')).h1).toBe('Dashboard');
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      await tab.goto(`${base}/dashboard`);
      // Outside Teams the library loads but finds no host: the page says how to get a link instead.
      expect(await tab.evaluate(() => typeof (globalThis as unknown as { microsoftTeams?: unknown }).microsoftTeams)).toBe('object');
      await tab.locator('#status', { hasText: 'type "dashboard" for a link' }).waitFor({ timeout: 20_000 });
    } finally {
      await context.close();
    }
  }, 60_000);
});
