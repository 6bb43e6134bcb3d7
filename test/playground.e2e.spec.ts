import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { signIntake } from '../api/intake-signature';
import { DEMO_CURRENT_USER, DEMO_PEOPLE, DEMO_TEAMS, seedDemoCouncil } from '../scripts/demo/demo-council';
import { loadOrganisation } from '../domain/organisation';
import { StatementService } from '../domain/statement-service';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { lineMatching, localEnv, start, stop } from './playground-harness';

/**
 * End to end in the Microsoft 365 Agents Playground (Teams, emulated offline): the real
 * Heard process (dist/, built by `npm test`) and the real Playground, driven in Chromium
 * the way a worker would use Teams. A statement from Mind Of My Own arrives through the
 * signed intake API, its card appears in the worker's personal chat, the worker presses
 * Acknowledge, and the card and the store both show it acknowledged by them.
 */

const ROOT = path.join(__dirname, '..');
const PLAYGROUND_CONFIG = path.join(ROOT, '.m365agentsplayground.yml');
const PLAYGROUND_CLI = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const HEARD_MAIN = path.join(ROOT, 'dist', 'bot', 'main.js');
const SCREENSHOT = path.join(ROOT, 'test-results', 'playground-acknowledged.png');
const FAILURE_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-failure.png');
const CHROMIUM = process.env.HEARD_E2E_CHROMIUM ?? '/usr/bin/chromium';
const INTAKE_SECRET = 'e2e-intake-secret-0123456789abcdef0123456789abcdef';
const DOWNLOAD_SECRET = 'e2e-download-secret-0123456789abcdef0123456789abcd';

/** The whole browser journey, start-up included. */
const E2E_TIMEOUT_MS = 120_000;

interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

function playgroundConfig(): { tenantId: string; currentUser: PlaygroundUser; users: PlaygroundUser[] } {
  return parseYaml(fs.readFileSync(PLAYGROUND_CONFIG, 'utf8'));
}

describe('the demo council', () => {
  it('is the same people in the Playground configuration and in Heard’s demo directory', () => {
    const config = playgroundConfig();
    // The Playground refuses a configuration without exactly five users besides you.
    expect(config.users).toHaveLength(5);
    const inPlayground = [config.currentUser, ...config.users].map((u) => ({ name: u.name, email: u.email, aadObjectId: u.aadObjectId }));
    const inDirectory = DEMO_PEOPLE.map((p) => ({ name: p.name, email: p.email, aadObjectId: p.aadObjectId }));
    expect(inPlayground).toEqual(inDirectory);
    expect(config.currentUser.email).toBe(DEMO_CURRENT_USER.email);
    expect(DEMO_CURRENT_USER.roles).toEqual(['worker']);
    for (const u of [config.currentUser, ...config.users]) {
      expect(u.userPrincipleName).toBe(u.email);
      expect(`${u.givenName} ${u.surname}`).toBe(u.name);
      expect(u.email).toMatch(/@council\.example$/);
    }
  });

  it('has the roles the routing needs: a second worker, their manager, participation, complaints and head of service', () => {
    const roles = DEMO_PEOPLE.flatMap((p) => p.roles).sort();
    expect(roles).toEqual(['complaints-officer', 'head-of-service', 'manager', 'participation', 'worker', 'worker']);
    const manager = DEMO_PEOPLE.find((p) => p.roles.includes('manager'))!;
    expect(DEMO_TEAMS).toEqual([expect.objectContaining({ managerId: manager.id })]);
    for (const worker of DEMO_PEOPLE.filter((p) => p.roles.includes('worker'))) {
      expect(worker).toEqual(expect.objectContaining({ teamId: DEMO_TEAMS[0].id, lineManagerId: manager.id }));
    }
  });

  it('seeds statements in different states once, and a second run changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-demo-seed-'));
    const store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
    try {
      const organisation = await loadOrganisation(store.settings);
      const now = Date.parse('2026-11-23T11:00:00Z') / 1000; // a Monday morning
      const service = new StatementService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, now: () => now });
      expect(await seedDemoCouncil(store, service, now)).toEqual({ people: 6, statementsCreated: 6 });

      const statements = await store.statements.list({});
      const byName = new Map(DEMO_PEOPLE.map((p) => [p.id, p.name]));
      const summary = Object.fromEntries(statements.map((s) => [s.child.reference, `${s.status}:${s.assigneeIds.map((id) => byName.get(id)).join(',')}`]));
      expect(summary).toEqual({
        'CR-20417': 'assigned:Sam Patel',
        'CR-20388': 'acknowledged:Sam Patel',
        'CR-20291': 'saved:Sam Patel',
        'CR-20455': 'queued:',
        'CR-20462': 'assigned:Cora Mensah',
        'CR-20430': 'assigned:Ali Hassan',
      });
      for (const s of statements) {
        expect(s.sentAt).toBeLessThanOrEqual(now);
        // Sent on a working day between 09:00 and 17:00 (London, winter: UTC).
        const sent = new Date(s.sentAt * 1000);
        expect(sent.getUTCDay()).not.toBe(0);
        expect(sent.getUTCDay()).not.toBe(6);
        expect(sent.getUTCHours()).toBeGreaterThanOrEqual(9);
        expect(sent.getUTCHours()).toBeLessThan(17);
        expect(s.child.initials).toMatch(/^[A-Z]{2}$/);
        expect((await store.pdfs.get(s.id))?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }

      const audit = async () => (await Promise.all(statements.map((s) => store.audit.listForStatement(s.id)))).flat().length;
      const before = { statements: JSON.stringify(await store.statements.list({})), audit: await audit() };
      expect(await seedDemoCouncil(store, service, now + 3600)).toEqual({ people: 6, statementsCreated: 0 });
      expect({ statements: JSON.stringify(await store.statements.list({})), audit: await audit() }).toEqual(before);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping the Agents Playground end-to-end test: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set HEARD_E2E_CHROMIUM.`);
}

(haveChromium || process.env.CI ? describe : describe.skip)('Heard in the Microsoft 365 Agents Playground', () => {
  const children: ChildProcess[] = [];
  let browser: BrowserContext | undefined;
  let dir: string;
  let storeFile: string;

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is required for the Agents Playground test in CI and is not at ${CHROMIUM}: apt-get install chromium (or set HEARD_E2E_CHROMIUM).`);
    if (!fs.existsSync(HEARD_MAIN)) throw new Error(`${path.relative(ROOT, HEARD_MAIN)} is missing: run npm run build (npm test does) first.`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-playground-'));
    storeFile = path.join(dir, 'heard.sqlite');
    // The directory only: Heard finds Sam Patel by their Teams identity when the Playground installs the app.
    const store = await openSqliteStore(storeFile);
    await store.directory.upsert(DEMO_PEOPLE, DEMO_TEAMS);
    await store.close();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await Promise.all(children.map((child) => stop(child)));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 20_000);

  it(
    'delivers a new statement to the worker’s personal chat, and Acknowledge on the card records it',
    async () => {
      const heard = start(process.execPath, [HEARD_MAIN], {
        ...localEnv(),
        PORT: '0',
        HOST: '127.0.0.1',
        HEARD_STORE: storeFile,
        HEARD_INTAKE_SECRET: INTAKE_SECRET,
        HEARD_DOWNLOAD_SECRET: DOWNLOAD_SECRET,
      });
      children.push(heard);
      const heardPort = Number(JSON.parse(await lineMatching(heard, /^\{"port":\d+/, 20_000)).port);
      const heardUrl = `http://127.0.0.1:${heardPort}`;

      // Port 0: the Playground picks a free one (as it does whenever the one asked for is taken).
      const playground = start(process.execPath, [PLAYGROUND_CLI, '-e', `${heardUrl}/api/messages`, '-c', 'msteams', '-p', '0', '--dt'], {
        ...localEnv(),
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, 'playground.log'),
      });
      children.push(playground);
      const playgroundPort = Number(/(\d+)\s*$/.exec(await lineMatching(playground, /^Listening on \d+/, 30_000))![1]);

      browser = await chromium.launchPersistentContext(path.join(dir, 'chromium'), {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: 1400, height: 1000 },
      });
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(20_000);
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      let statementId: string;
      try {
        await page.goto(`http://localhost:${playgroundPort}`);
        // Opening the Playground installs the app in Sam's personal chat: Heard saves the chat and welcomes them.
        await page.getByText('Welcome to Heard').first().waitFor({ timeout: 30_000 });
        await page.locator('[data-lexical-editor="true"]').waitFor();

        const now = Math.floor(Date.now() / 1000);
        const body = JSON.stringify({
          externalId: `e2e-${now}`,
          sentAt: new Date((now - 120) * 1000).toISOString(),
          child: { reference: 'CR-30517', initials: 'ZQ' },
          type: 'my-world',
          intendedRecipient: { kind: 'person', email: DEMO_CURRENT_USER.email },
          flags: { complaint: false, safetyLink: false, unidentified: false },
          pdf: Buffer.from('%PDF-1.4\n% fictional end-to-end statement\n%%EOF\n', 'latin1').toString('base64'),
        });
        const response = await fetch(`${heardUrl}/api/statements`, {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'application/json', 'X-Heard-Timestamp': String(now), 'X-Heard-Signature': signIntake({ secret: INTAKE_SECRET, timestamp: now, body }) },
        });
        const received = (await response.json()) as { statementId: string; status: string; assigneeIds: string[] };
        expect(response.status).toBe(201);
        expect(received).toEqual(expect.objectContaining({ status: 'assigned', assigneeIds: [DEMO_CURRENT_USER.id] }));
        statementId = received.statementId;

        // The card arrives unprompted (a proactive message into the saved chat).
        const card = page.locator('.ac-adaptiveCard', { hasText: 'CR-30517' });
        await card.waitFor();
        await card.getByRole('button', { name: 'Acknowledge', exact: true }).click();
        // The card is replaced in place: the reply's notice, the new status, no Acknowledge button.
        await card.getByText('Acknowledged. Thank you.').waitFor();
        await card.getByRole('button', { name: 'Acknowledge', exact: true }).waitFor({ state: 'detached' });
        expect(await card.innerText()).toMatch(/Acknowledged by Sam Patel/);
        // Nothing overwrites it a moment later (the change's own update skips the pressed card).
        await page.waitForTimeout(1500);
        expect(await card.innerText()).toContain('Acknowledged. Thank you.');
      } catch (error) {
        // What the Playground showed when it went wrong (its log panel lists every activity).
        await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
        throw error;
      }
      await page.screenshot({ path: SCREENSHOT });

      await browser.close();
      browser = undefined;
      await stop(heard);
      const store = await openSqliteStore(storeFile);
      try {
        expect((await store.statements.get(statementId))?.status).toBe('acknowledged');
        const audit = await store.audit.listForStatement(statementId);
        expect(audit).toContainEqual(
          expect.objectContaining({ action: 'statement-acknowledged', actor: { kind: 'person', id: DEMO_CURRENT_USER.id }, channel: 'card' }),
        );
        expect(audit).toContainEqual(expect.objectContaining({ action: 'statement-delivered', details: expect.objectContaining({ to: DEMO_CURRENT_USER.id }) }));
      } finally {
        await store.close();
      }
    },
    E2E_TIMEOUT_MS,
  );
});
