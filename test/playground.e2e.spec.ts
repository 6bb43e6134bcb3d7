import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { signIntake } from '../api/intake-signature';
import type { Store } from '../domain/ports/store.port';
import { DEMO_CURRENT_USER, DEMO_PEOPLE, DEMO_ROLES, DEMO_TEAMS, fictionalStatementPdf, playgroundConfigFor, seedDemoCouncil } from '../scripts/demo/demo-council';
import { jumpTarget } from '../bot/demo-clock';
import { standardsAndCalendar } from './test-council.fixture';
import { dateWords } from '../cards/admin-view';
import { compileCalendar, dueInstant } from '../standards';
import { loadOrganisation } from '../domain/organisation';
import { StatementService } from '../domain/statement-service';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * End to end in the Microsoft 365 Agents Playground (Teams, emulated offline): the real
 * Heard process (dist/, built by `npm test`) with the demo's clock, and two real
 * Playgrounds — the worker's and their manager's, each its own person and chat, as
 * `npm run demo` runs them — driven in Chromium the way they would use Teams. A
 * statement from Mind Of My Own arrives through the signed intake API, its card appears
 * in the worker's personal chat, the worker presses Acknowledge, and the card and the
 * store both show it acknowledged by them. Then the clock jumps three working days: the
 * worker is reminded and the manager told of the missed deadlines; and to the next
 * working morning: the manager's digest of the team's overdue work arrives.
 * Then, as the team manager with the youth justice standards on, a Safety Link statement
 * from arrival to its recorded follow-up.
 */

const ROOT = path.join(__dirname, '..');
const PLAYGROUND_CONFIG = path.join(ROOT, '.m365agentsplayground.yml');
const PLAYGROUND_CLI = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const HEARD_MAIN = path.join(ROOT, 'dist', 'bot', 'main.js');
const SCREENSHOT = path.join(ROOT, 'test-results', 'playground-acknowledged.png');
const SAFETY_LINK_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-safety-link-followed-up.png');
const MANAGER_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-manager-digest.png');
const ADMIN_PREVIEW_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-admin-preview.png');
const ADMIN_DONE_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-admin-confirmed.png');
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

  it('has the roles the routing needs: a second worker, their manager, participation, complaints, head of service, a duty officer and duty manager on the rota, and an administrator', () => {
    const roles = DEMO_PEOPLE.flatMap((p) => p.roles).sort();
    expect(roles).toEqual(['admin', 'complaints-officer', 'duty-manager', 'duty-officer', 'head-of-service', 'manager', 'participation', 'worker', 'worker']);
    const manager = DEMO_PEOPLE.find((p) => p.roles.includes('manager'))!;
    expect(DEMO_TEAMS).toEqual([expect.objectContaining({ managerId: manager.id })]);
    for (const worker of DEMO_PEOPLE.filter((p) => p.roles.includes('worker'))) {
      expect(worker).toEqual(expect.objectContaining({ teamId: DEMO_TEAMS[0].id, lineManagerId: manager.id }));
    }
  });

  it('can make anyone of the council you in the Playground, the others staying the five other users, each in a chat of their own', () => {
    const config = playgroundConfig();
    const priya = DEMO_PEOPLE.find((p) => p.email === 'priya.shah@council.example')!;
    const asPriya = parseYaml(playgroundConfigFor(priya, fs.readFileSync(PLAYGROUND_CONFIG, 'utf8'))) as ReturnType<typeof playgroundConfig> & { personalChat: { id: string } };
    expect(asPriya.currentUser.name).toBe('Priya Shah');
    expect([asPriya.currentUser, ...asPriya.users].map((u) => u.email).sort()).toEqual([config.currentUser, ...config.users].map((u) => u.email).sort());
    expect(asPriya.users).toHaveLength(5);
    expect(asPriya.personalChat.id).not.toBe((parseYaml(fs.readFileSync(PLAYGROUND_CONFIG, 'utf8')) as { personalChat: { id: string } }).personalChat.id);
    expect(() => playgroundConfigFor({ ...priya, aadObjectId: 'not-in-the-playground' }, fs.readFileSync(PLAYGROUND_CONFIG, 'utf8'))).toThrow('is not in the Playground configuration');
  });

  it('seeds statements in different states once, and a second run changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-demo-seed-'));
    const store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
    try {
      const organisation = await loadOrganisation(store.settings);
      const now = Date.parse('2026-11-23T11:00:00Z') / 1000; // a Monday morning
      const service = new StatementService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, now: () => now });
      expect(await seedDemoCouncil(store, service, now)).toEqual({ people: 6, statementsCreated: 6 });
      // A Safety Link or an unidentified young person always reaches someone in the demo: Jo and Hana are on duty round the clock.
      const idOf = (email: string) => DEMO_PEOPLE.find((p) => p.email === email)!.id;
      for (const at of [now, now + 3 * 86400 + 3 * 3600, now + 27 * 86400]) {
        expect((await store.rota.onDutyAt('duty-officer', at)).map((shift) => shift.personId)).toEqual([idOf('jo.green@council.example')]);
        expect((await store.rota.onDutyAt('duty-manager', at)).map((shift) => shift.personId)).toEqual([idOf('hana.lewis@council.example')]);
      }

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
        // A real one-page PDF (what a viewer needs: a page tree with one page, a trailer), saying it is fictional.
        const pdf = (await store.pdfs.get(s.id))?.toString('latin1') ?? '';
        expect(pdf.startsWith('%PDF-1.7')).toBe(true);
        expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
        expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(1);
        expect(pdf).toMatch(/\/Count 1\b/);
        expect(pdf).toContain(`(Statement ${s.child.reference} \\(fictional\\))`);
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
    'delivers a new statement to the worker’s personal chat, Acknowledge on the card records it, and jumps of the clock bring the nudges, escalations and digest to each person’s chat',
    async () => {
      // The demo's clock, an hour after the next working morning opens: the journey is the same whatever day the test runs.
      const { calendar } = standardsAndCalendar();
      const realNow = Math.floor(Date.now() / 1000);
      const clockFile = path.join(dir, 'clock.json');
      fs.writeFileSync(clockFile, JSON.stringify({ offsetSeconds: jumpTarget('next working morning', realNow, calendar) + 3600 - realNow }));
      const heard = start(process.execPath, [HEARD_MAIN], {
        ...localEnv(),
        PORT: '0',
        HOST: '127.0.0.1',
        HEARD_STORE: storeFile,
        HEARD_INTAKE_SECRET: INTAKE_SECRET,
        HEARD_DOWNLOAD_SECRET: DOWNLOAD_SECRET,
        HEARD_DEMO_CLOCK: clockFile,
      });
      children.push(heard);
      const heardPort = Number(JSON.parse(await lineMatching(heard, /^\{"port":\d+/, 20_000)).port);
      const heardUrl = `http://127.0.0.1:${heardPort}`;

      // One Playground per person, as npm run demo runs them: Sam (the worker) and Priya (their manager).
      const managerConfig = path.join(dir, 'playground-manager.yml');
      fs.writeFileSync(managerConfig, playgroundConfigFor(DEMO_ROLES.manager, fs.readFileSync(PLAYGROUND_CONFIG, 'utf8')));
      const playgrounds = [PLAYGROUND_CONFIG, managerConfig].map((config, i) => {
        // Port 0: the Playground picks a free one (as it does whenever the one asked for is taken).
        const playground = start(process.execPath, [PLAYGROUND_CLI, '-e', `${heardUrl}/api/messages`, '-c', 'msteams', '-p', '0', '--dt'], {
          ...localEnv(),
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: config,
          M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, `playground-${i}.log`),
        });
        children.push(playground);
        return playground;
      });
      const [playgroundPort, managerPort] = await Promise.all(playgrounds.map(async (p) => Number(/(\d+)\s*$/.exec(await lineMatching(p, /^Listening on \d+/, 30_000))![1])));
      const jump = async (to: string) => {
        const res = await fetch(`${heardUrl}/api/demo/clock?jump=${encodeURIComponent(to)}`, { method: 'POST' });
        expect(res.status).toBe(200);
      };

      browser = await chromium.launchPersistentContext(path.join(dir, 'chromium'), {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: 1400, height: 1000 },
      });
      const page = browser.pages()[0] ?? (await browser.newPage());
      const managerPage = await browser.newPage();
      page.setDefaultTimeout(20_000);
      managerPage.setDefaultTimeout(20_000);
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      let statementId: string;
      try {
        // Opening a Playground installs the app in that person's personal chat: Heard saves the chat and welcomes them.
        await Promise.all(
          [
            [page, playgroundPort],
            [managerPage, managerPort],
          ].map(async ([p, port]) => {
            const tab = p as typeof page;
            await tab.goto(`http://localhost:${port}`);
            await tab.getByText('Welcome to Heard').first().waitFor({ timeout: 30_000 });
            await tab.locator('[data-lexical-editor="true"]').waitFor();
          }),
        );
        // Each Playground is its own person.
        expect(await page.getByText(DEMO_CURRENT_USER.name, { exact: true }).first().isVisible()).toBe(true);
        expect(await managerPage.getByText(DEMO_ROLES.manager.name, { exact: true }).first().isVisible()).toBe(true);

        // Signed at the demo's time, as npm run demo -- send does.
        const now = Math.floor(Date.parse(((await (await fetch(`${heardUrl}/api/demo/clock`)).json()) as { now: string }).now) / 1000);
        const body = JSON.stringify({
          externalId: `e2e-${now}`,
          sentAt: new Date((now - 120) * 1000).toISOString(),
          child: { reference: 'CR-30517', initials: 'ZQ' },
          type: 'my-world',
          intendedRecipient: { kind: 'person', email: DEMO_CURRENT_USER.email },
          flags: { complaint: false, safetyLink: false, unidentified: false },
          pdf: (await fictionalStatementPdf({ reference: 'CR-30517', initials: 'ZQ', type: 'my-world', sentAt: now - 120 })).toString('base64'),
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
        await page.screenshot({ path: SCREENSHOT });

        // Three working days on, the deadlines still open have passed (momo 2.1.saved, 7 working
        // hours; momo 3.1, the same working day): Sam is told in their chat, Priya in hers.
        await jump('+3 working days');
        await page.locator('.ac-adaptiveCard', { hasText: 'The deadline for statement CR-30517' }).first().waitFor();
        await managerPage.locator('.ac-adaptiveCard', { hasText: 'Missed deadline: CR-30517' }).first().waitFor();
        // The next working morning, the manager's digest of the team's overdue work.
        await jump('next working morning');
        const digest = managerPage.locator('.ac-adaptiveCard', { hasText: 'Morning digest' }).first();
        await digest.waitFor();
        expect(await digest.innerText()).toContain('CR-30517');
        await managerPage.screenshot({ path: MANAGER_SCREENSHOT });
      } catch (error) {
        // What the Playground showed when it went wrong (its log panel lists every activity).
        await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
        await managerPage.screenshot({ path: FAILURE_SCREENSHOT.replace('.png', '-manager.png') }).catch(() => undefined);
        throw error;
      }

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

  /** Starts Heard on the store file and the Playground with `config`, and opens the Playground in Chromium. */
  async function launch(config: string): Promise<{ heard: ChildProcess & { output: string[] }; heardUrl: string; page: Page }> {
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
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: config,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, `playground-${children.length}.log`),
    });
    children.push(playground);
    const playgroundPort = Number(/(\d+)\s*$/.exec(await lineMatching(playground, /^Listening on \d+/, 30_000))![1]);

    browser = await chromium.launchPersistentContext(path.join(dir, `chromium-${children.length}`), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 1000 },
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(20_000);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.goto(`http://localhost:${playgroundPort}`);
    // Opening the Playground installs the app in your personal chat: Heard saves the chat (and
    // welcomes you the first time). A greeting answered proves the chat is saved before anything is sent to it.
    const compose = page.locator('[data-lexical-editor="true"]');
    await compose.waitFor({ timeout: 30_000 });
    await compose.click();
    await page.keyboard.type('hello');
    await page.keyboard.press('Enter');
    await page.locator('.ac-adaptiveCard', { hasText: 'Ask me what is due' }).first().waitFor({ timeout: 30_000 });
    return { heard, heardUrl, page };
  }

  /** Posts a fictional statement through the signed intake. */
  async function post(heardUrl: string, statement: Record<string, unknown>): Promise<{ status: number; body: { statementId: string; status: string; assigneeIds: string[] } }> {
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      sentAt: new Date((now - 120) * 1000).toISOString(),
      type: 'my-world',
      flags: { complaint: false, safetyLink: false, unidentified: false },
      pdf: Buffer.from('%PDF-1.4\n% fictional end-to-end statement\n%%EOF\n', 'latin1').toString('base64'),
      ...statement,
    });
    const response = await fetch(`${heardUrl}/api/statements`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'X-Heard-Timestamp': String(now), 'X-Heard-Signature': signIntake({ secret: INTAKE_SECRET, timestamp: now, body }) },
    });
    return { status: response.status, body: (await response.json()) as { statementId: string; status: string; assigneeIds: string[] } };
  }

  /** Closes the browser and stops Heard, then opens the store it left. */
  async function finish(heard: ChildProcess): Promise<Store> {
    await browser?.close();
    browser = undefined;
    await stop(heard);
    return openSqliteStore(storeFile);
  }

  it(
    'Safety Link: "Team Managers receiving a statement, where the Safety Link has been triggered, will follow up with the allocated worker" — the team manager records the follow-up on the card, from arrival to the clock stopping',
    async () => {
      // You are Priya Shah, the team manager, this time; the youth justice standards are enabled.
      const asPriya = path.join(dir, 'playground-as-priya.yml');
      const manager = DEMO_PEOPLE.find((p) => p.roles.includes('manager'))!;
      fs.writeFileSync(asPriya, playgroundConfigFor(manager, fs.readFileSync(PLAYGROUND_CONFIG, 'utf8')));
      const setup = await openSqliteStore(storeFile);
      await setup.settings.set('packs', ['momo', 'yjs']);
      await setup.close();

      const { heard, heardUrl, page } = await launch(asPriya);
      let statementId: string;
      try {
        const received = await post(heardUrl, {
          externalId: `e2e-sl-${Date.now()}`,
          child: { reference: 'CR-31842', initials: 'KV' },
          intendedRecipient: { kind: 'person', email: DEMO_CURRENT_USER.email },
          flags: { complaint: false, safetyLink: true, unidentified: false },
        });
        expect(received.status).toBe(201);
        // "… to the case manager and the team manager at once" (routing): Sam Patel and Priya Shah.
        expect(received.body).toEqual(expect.objectContaining({ status: 'assigned', assigneeIds: [DEMO_CURRENT_USER.id, manager.id] }));
        statementId = received.body.statementId;

        // It reaches the team manager unprompted, with the follow-up form in the card (the immediate nudges come as cards of their own).
        const card = page.locator('.ac-adaptiveCard', { hasText: 'CR-31842' }).filter({ hasText: 'Safety Link follow-up' }).first();
        await card.waitFor();
        await card.getByText('Follow up with Sam Patel: decide if safeguarding procedures apply or urgent action is required.').waitFor();
        for (const name of ['Download', 'Acknowledge', 'Child told', 'Record follow-up']) await card.getByRole('button', { name, exact: true }).waitFor();
        await card.getByRole('radio', { name: 'Urgent action taken' }).check();
        await card.getByRole('textbox', { name: /Note of what was agreed/ }).fill('Spoke with Sam: home visit today, police aware. (Fictional.)');
        await card.getByRole('button', { name: 'Record follow-up', exact: true }).click();
        await card.getByText('Follow-up recorded: Urgent action taken. The allocated worker has been told, and the clock has stopped.').waitFor();
        await card.getByRole('button', { name: 'Record follow-up', exact: true }).waitFor({ state: 'detached' });
        expect(await card.innerText()).toMatch(/Priya Shah followed up with Sam Patel/);
      } catch (error) {
        await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
        throw error;
      }
      await page.screenshot({ path: SAFETY_LINK_SCREENSHOT });

      const store = await finish(heard);
      try {
        expect(await store.followUps.getForStatement(statementId)).toMatchObject({ decision: 'urgent-action', byId: manager.id });
        const clock = (await store.obligations.listForStatement(statementId)).find((o) => o.standardId === 'yjs.safety-link-2');
        expect(clock).toMatchObject({ ownerId: manager.id, status: 'met' });
        const audit = await store.audit.listForStatement(statementId);
        expect(audit).toContainEqual(expect.objectContaining({ action: 'safety-link-followed-up', actor: { kind: 'person', id: manager.id }, channel: 'card', details: expect.objectContaining({ decision: 'urgent-action' }) }));
        expect(JSON.stringify(audit)).not.toContain('home visit');
      } finally {
        await store.close();
      }
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'an administrator adds a closure day from the admin card: the preview lists what moves before Confirm, and the running Heard works new deadlines out on the new calendar',
    async () => {
      // You are Hana Lewis, head of service and Heard's administrator.
      const asHana = path.join(dir, 'playground-as-hana.yml');
      const admin = DEMO_PEOPLE.find((p) => p.roles.includes('admin'))!;
      fs.writeFileSync(asHana, playgroundConfigFor(admin, fs.readFileSync(PLAYGROUND_CONFIG, 'utf8')));
      const { heard, heardUrl, page } = await launch(asHana);
      const { standards, calendar } = standardsAndCalendar();
      // The next working day is closed: Sam's "within 2 working days" clock, running now, spans it.
      const closed = calendar.dateOf(calendar.nextWorkingDay(calendar.dayOf(Math.floor(Date.now() / 1000))));
      const closedWords = dateWords(closed);
      let before: string;
      let after: string;
      try {
        const running = await post(heardUrl, { externalId: `e2e-admin-before-${Date.now()}`, child: { reference: 'CR-32001', initials: 'LM' }, intendedRecipient: { kind: 'person', email: DEMO_CURRENT_USER.email } });
        expect(running.status).toBe(201);
        before = running.body.statementId;

        const compose = page.locator('[data-lexical-editor="true"]');
        await compose.click();
        await page.keyboard.type('settings');
        await page.keyboard.press('Enter');
        const card = page.locator('.ac-adaptiveCard', { hasText: 'Add a closure day' }).last();
        await card.waitFor();
        await card.getByRole('button', { name: 'Add a closure day' }).click();
        // The Playground's date picker takes a typed date.
        const date = card.locator('input[role="combobox"]');
        await date.fill(closed);
        await date.press('Tab');
        await card.getByPlaceholder('e.g. Snow day').fill('Snow day');
        await card.getByRole('button', { name: 'Preview', exact: true }).locator('visible=true').click();
        // The dry run, before anything changes: the sentence, and the deadline that moves, by reference.
        const preview = page.locator('.ac-adaptiveCard', { hasText: `Add a closure day: ${closedWords}, Snow day?` }).last();
        await preview.waitFor();
        await preview.getByText(/open deadlines? moves?/).first().waitFor();
        expect(await preview.innerText()).toContain('CR-32001');
        await page.screenshot({ path: ADMIN_PREVIEW_SCREENSHOT });
        const unchanged = await openSqliteStore(storeFile);
        expect((await unchanged.settings.get('calendar')) ?? {}).not.toHaveProperty('closures');
        await unchanged.close();

        await preview.getByRole('button', { name: 'Confirm', exact: true }).click();
        const done = page.getByText(`Done: Add a closure day: ${closedWords}, Snow day.`).last();
        await done.waitFor();
        await done.scrollIntoViewIfNeeded();
        await page.screenshot({ path: ADMIN_DONE_SCREENSHOT });
        // The running Heard takes the change up at once: a statement arriving now is clocked on the new calendar.
        await new Promise<void>((resolve, reject) => {
          const end = Date.now() + 20_000;
          const check = () => (heard.output.join('').includes('"why":"admin-card"') ? resolve() : Date.now() > end ? reject(new Error(`Heard did not take up the change:\n${heard.output.join('').slice(-4000)}`)) : setTimeout(check, 100));
          check();
        });
        const arriving = await post(heardUrl, { externalId: `e2e-admin-after-${Date.now()}`, child: { reference: 'CR-32002', initials: 'NP' }, intendedRecipient: { kind: 'person', email: DEMO_CURRENT_USER.email } });
        expect(arriving.status).toBe(201);
        after = arriving.body.statementId;
      } catch (error) {
        await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
        throw error;
      }

      const store = await finish(heard);
      try {
        const closedCalendar = compileCalendar({ closures: [{ date: closed, name: 'Snow day' }] }, { from: 2024, to: 2030 });
        const byId = new Map(standards.map((s) => [s.id, s]));
        for (const statementId of [before, after]) {
          const clocks = (await store.obligations.listForStatement(statementId)).filter((o) => o.status === 'open');
          expect(clocks.map((o) => o.standardId)).toContain('momo.2.2');
          for (const o of clocks) expect([statementId, o.standardId, o.due]).toEqual([statementId, o.standardId, dueInstant(byId.get(o.standardId)!, o.triggeredAt, closedCalendar)]);
        }
        const [changed] = await store.audit.listConfiguration({ setting: 'calendar' });
        expect(changed).toMatchObject({ action: 'configuration-changed', actor: { kind: 'person', id: admin.id }, channel: 'card' });
      } finally {
        await store.close();
      }
    },
    E2E_TIMEOUT_MS,
  );
});

/** The environment of a local run: no Bot Framework credentials, no MongoDB. */
function localEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType', 'MONGODB_URI', 'HEARD_PUBLIC_URL']) delete env[name];
  return env;
}

/** Spawns a child whose output is kept for error messages. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess & { output: string[] } {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & { output: string[] };
  child.output = [];
  const keep = (chunk: Buffer) => {
    child.output.push(chunk.toString('utf8'));
    if (child.output.length > 400) child.output.splice(0, 100);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

/** The first stdout line matching `pattern`; fails with the child's output if it exits or takes too long. */
function lineMatching(child: ChildProcess & { output: string[] }, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => fail(`no line matching ${pattern} within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      const line = lines.find((l) => pattern.test(l.trim()));
      if (line === undefined) return;
      cleanup();
      resolve(line.trim());
    };
    const onExit = (code: number | null) => fail(`exited (code ${code}) before printing a line matching ${pattern}`);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    function fail(why: string) {
      cleanup();
      reject(new Error(`${path.basename(String(child.spawnargs[1]))} ${why}:\n${child.output.join('').slice(-4000)}`));
    }
    child.stdout?.on('data', onData);
    child.on('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
