import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { signIntake } from '../api/intake-signature';
import { importChildReferences } from '../cli/import-child-references-command';
import type { Store } from '../domain/ports/store.port';
import {
  DEMO_CASES,
  DEMO_CURRENT_USER,
  DEMO_PEOPLE,
  DEMO_ROLES,
  DEMO_TEAMS,
  fictionalStatementPdf,
  playgroundConfigFor,
  prepareDemoSettings,
  seedDemoCases,
  seedDemoCouncil,
} from '../scripts/demo/demo-council';
import { jumpTarget } from '../bot/demo-clock';
import { calendarDayName } from '../cards/local-time';
import { standardsAndCalendar } from './test-council.fixture';
import { dateWords } from '../cards/admin-view';
import { compileCalendar, dueInstant } from '../standards';
import { CaseWorkService } from '../domain/case-work-service';
import { loadOrganisation, type Organisation } from '../domain/organisation';
import { StatementService } from '../domain/statement-service';
import { Worklists, type WorkItem } from '../domain/worklists';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { E2E, launchChromium, lineMatching, localEnv, start, stop } from './playground-harness';

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
 * from arrival to its recorded follow-up. And, as the IRO of a child in care, the card
 * before the child's review listing the statements they sent since their last one.
 */

const { ROOT, PLAYGROUND_CONFIG, PLAYGROUND_CLI, HEARD_MAIN, CHROMIUM, INTAKE_SECRET, DOWNLOAD_SECRET } = E2E;
const SCREENSHOT = path.join(ROOT, 'test-results', 'playground-acknowledged.png');
const SAFETY_LINK_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-safety-link-followed-up.png');
const MANAGER_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-manager-digest.png');
const ADMIN_PREVIEW_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-admin-preview.png');
const ADMIN_DONE_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-admin-confirmed.png');
const WEEK_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-due-this-week.png');
const RECORDED_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-case-recorded.png');
const REVIEW_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-pre-review-card.png');
const FAILURE_SCREENSHOT = path.join(ROOT, 'test-results', 'playground-failure.png');

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

/** The demo's services on a store, its packs enabled, as `npm run demo` builds them. */
async function demoServices(store: Store, now: number): Promise<{ service: StatementService; caseWork: CaseWorkService; organisation: Organisation }> {
  await prepareDemoSettings(store.settings);
  const organisation = await loadOrganisation(store.settings);
  const { standards, packs, calendar } = organisation;
  return {
    service: new StatementService({ store, standards, packs, calendar, now: () => now }),
    caseWork: new CaseWorkService({ store, standards, packs, calendar, now: () => now }),
    organisation,
  };
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
      const now = Date.parse('2026-11-23T11:00:00Z') / 1000; // a Monday morning
      const { service, caseWork } = await demoServices(store, now);
      expect(await seedDemoCouncil(store, { service, caseWork }, now)).toEqual({ people: 6, statementsCreated: 6, caseEvents: DEMO_CASES.reduce((n, c) => n + c.events.length, 0) });
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
      const cases = async () => JSON.stringify(await Promise.all(DEMO_CASES.map(async (c) => store.obligations.listForCase((await store.cases.getByRef(c.caseRef))!.id))));
      const before = { statements: JSON.stringify(await store.statements.list({})), audit: await audit(), cases: await cases() };
      expect(await seedDemoCouncil(store, { service, caseWork }, now + 3600)).toEqual({ people: 6, statementsCreated: 0, caseEvents: 0 });
      expect({ statements: JSON.stringify(await store.statements.list({})), audit: await audit(), cases: await cases() }).toEqual(before);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a Monday morning', '2026-11-23T11:00:00Z'],
    ['a Thursday evening', '2026-11-26T20:00:00Z'],
    ['a Saturday afternoon', '2026-11-28T15:00:00Z'],
    ['the Tuesday after the Easter bank holiday', '2027-03-30T08:30:00Z'],
  ])('gives a newcomer, on %s, visits and reviews due this week as Sam and in Priya’s team lists — and little overdue', async (_when, iso) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-demo-cases-'));
    const store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
    try {
      const now = Date.parse(iso) / 1000;
      const { service, caseWork, organisation } = await demoServices(store, now);
      await seedDemoCouncil(store, { service, caseWork }, now);
      const lists = new Worklists({ store, standards: organisation.standards, now: () => now });
      const cal = organisation.calendar;
      const nextSevenDays = { from: cal.midnight[cal.dayOf(now)], to: cal.midnight[cal.dayOf(now) + 7] };
      const sam = DEMO_ROLES.worker;
      const caseWorkOf = (items: WorkItem[]) => items.flatMap((i) => (i.subject === 'case' ? [`${i.case.caseRef} ${i.standard.id}`] : []));
      const samsWeek = caseWorkOf(await lists.due(sam.id, nextSevenDays));
      // A statutory visit to a child in care (every six weeks) and the work before a review, beside the statements.
      expect(samsWeek).toEqual(expect.arrayContaining([expect.stringMatching(/^C-10377 core-practice\.visiting\.cla\./), expect.stringMatching(/^C-10442 (momo\.4\.5|childrens-services\.cic-)/)]));
      // Overdue: only Mind Of My Own not yet introduced (momo 4.1, for Sam to record from Teams), and what fell due
      // earlier on the last working day (today, or the Friday before a weekend).
      const day = cal.dayOf(now);
      const lastWorkingDay = cal.midnight[cal.isWorkingDay(day) ? day : cal.nthWorkingDayBefore(day, 1)];
      const samsOverdue = (await lists.overdue(sam.id)).filter((i) => i.subject === 'case' && i.standard.id !== 'momo.4.1');
      expect(samsOverdue.filter((i) => i.obligation.due < lastWorkingDay).map((i) => i.standard.id)).toEqual([]);
      expect(caseWorkOf(await lists.overdue(sam.id))).toContain('C-10442 momo.4.1');
      // The IRO's and the conference chair's work (people Heard does not know) was done in time: nothing of it overdue.
      expect(await lists.unallocated(await lists.teamOf(DEMO_ROLES.manager.id), null)).toEqual([]);
      const rows = await lists.teamSummary(await lists.teamOf(DEMO_ROLES.manager.id), 'due', nextSevenDays);
      expect(rows.find((r) => r.person.id === sam.id)?.count).toBeGreaterThanOrEqual(samsWeek.length);
      // Ali's child protection visits (every 10 working days) are in Priya's team too.
      expect(caseWorkOf(await lists.due(DEMO_PEOPLE[1].id, nextSevenDays))).toContain('C-10518 childrens-services.cp-visits.1');
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
      const demoNow = jumpTarget('next working morning', realNow, calendar) + 3600;
      fs.writeFileSync(clockFile, JSON.stringify({ offsetSeconds: demoNow - realNow }));
      // The demo's cases, as npm run demo seeds them: their visits and reviews run on the demo's clock.
      const setup = await openSqliteStore(storeFile);
      try {
        const { caseWork, organisation } = await demoServices(setup, demoNow);
        expect(await seedDemoCases(caseWork, organisation.calendar, demoNow)).toBeGreaterThan(0);
      } finally {
        await setup.close();
      }
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
      const demoClock = async () => Math.floor(Date.parse(((await (await fetch(`${heardUrl}/api/demo/clock`)).json()) as { now: string }).now) / 1000);

      browser = await launchChromium(path.join(dir, 'chromium'), 1000);
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

        // "What's due this week?" as Sam: the statutory visits and the review's paperwork of the demo's cases.
        const compose = page.locator('[data-lexical-editor="true"]');
        await compose.click();
        await page.keyboard.type("what's due this week?");
        await page.keyboard.press('Enter');
        // The welcome card suggests "what's due this week" too: the list is the card whose heading says it.
        const week = page.locator('.ac-adaptiveCard').filter({ has: page.getByText('Due this week', { exact: true }) }).first();
        await week.waitFor();
        // C-10377's six-weekly visit falls due today and C-10442's review work is under way, whatever day it is.
        expect(await week.innerText()).toMatch(/C-10377 · RT · Case[\s\S]*Visit the child/);
        expect(await week.innerText()).toMatch(/C-10442 · AB · Case/);
        await week.scrollIntoViewIfNeeded();
        await page.screenshot({ path: WEEK_SCREENSHOT });

        // What the case system will not send, recorded from Teams: "All children in care receive information about
        // Mind Of My Own apps when the worker first meets them" (momo 4.1) — overdue on C-10442 until Sam says so.
        const introduced = page.getByRole('button', { name: 'Introduced Mind Of My Own', exact: true });
        const withIntroduced = page.locator('.ac-adaptiveCard').filter({ has: introduced });
        const listsBefore = await withIntroduced.count();
        await compose.click();
        await page.keyboard.type('anything overdue?');
        await page.keyboard.press('Enter');
        await withIntroduced.nth(listsBefore).waitFor();
        const overdue = withIntroduced.nth(listsBefore);
        expect(await overdue.innerText()).toMatch(/^Overdue/);
        expect(await overdue.innerText()).toMatch(/C-10442 · AB · Case\s+Introduce Mind Of My Own: overdue since/);
        await overdue.getByRole('button', { name: 'Introduced Mind Of My Own', exact: true }).click();
        // The card is replaced in place: what was recorded, and nothing overdue left.
        await page.getByText('Recorded on C-10442 · AB: Introduced Mind Of My Own. Thank you.').waitFor();
        await page.getByText('Nothing overdue. Well done.').waitFor();
        await page.screenshot({ path: RECORDED_SCREENSHOT });

        // Signed at the demo's time, as npm run demo -- send does.
        const now = await demoClock();
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
        await jump(heardUrl, '+3 working days');
        await page.locator('.ac-adaptiveCard', { hasText: 'The deadline for statement CR-30517' }).first().waitFor();
        await managerPage.locator('.ac-adaptiveCard', { hasText: 'Missed deadline: CR-30517' }).first().waitFor();
        // The next working morning, the manager's digest of the team's overdue work.
        await jump(heardUrl, 'next working morning');
        // That morning's digest (not the one Heard sent when it started) counts Sam's overdue work, the statement's and his cases'.
        const digestDay = calendarDayName(calendar, calendar.dayOf(await demoClock()));
        const digest = managerPage.locator('.ac-adaptiveCard', { hasText: `Morning digest, ${digestDay}` }).first();
        await digest.waitFor();
        expect(await digest.innerText()).toMatch(new RegExp(`${DEMO_CURRENT_USER.name} · \\d+ overdue`));
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

  /** Starts Heard on the store file (with `env` added: the demo clock) and the Playground with `config`, and opens the Playground in Chromium. */
  async function launch(config: string, env: NodeJS.ProcessEnv = {}): Promise<{ heard: ChildProcess & { output: string[] }; heardUrl: string; page: Page }> {
    const heard = start(process.execPath, [HEARD_MAIN], {
      ...localEnv(),
      ...env,
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

    browser = await launchChromium(path.join(dir, `chromium-${children.length}`), 1000);
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

  /** Posts to one of the signed intakes (statements, case events), signed at `now` (the demo's time when it runs on the demo clock). */
  async function signedPost(url: string, body: string, now: number): Promise<Response> {
    return fetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'X-Heard-Timestamp': String(now), 'X-Heard-Signature': signIntake({ secret: INTAKE_SECRET, timestamp: now, body }) },
    });
  }

  /** Posts a fictional statement through the signed intake, sent two minutes before `now`. */
  async function post(
    heardUrl: string,
    statement: Record<string, unknown>,
    now = Math.floor(Date.now() / 1000),
  ): Promise<{ status: number; body: { statementId: string; status: string; assigneeIds: string[] } }> {
    const body = JSON.stringify({
      sentAt: new Date((now - 120) * 1000).toISOString(),
      type: 'my-world',
      flags: { complaint: false, safetyLink: false, unidentified: false },
      pdf: Buffer.from('%PDF-1.4\n% fictional end-to-end statement\n%%EOF\n', 'latin1').toString('base64'),
      ...statement,
    });
    const response = await signedPost(`${heardUrl}/api/statements`, body, now);
    return { status: response.status, body: (await response.json()) as { statementId: string; status: string; assigneeIds: string[] } };
  }

  /** Moves the demo's clock (`+3 working days`, `next working morning`, an instant); Heard's scheduler sweeps at once. */
  async function jump(heardUrl: string, to: string): Promise<void> {
    const res = await fetch(`${heardUrl}/api/demo/clock?jump=${encodeURIComponent(to)}`, { method: 'POST' });
    expect(res.status).toBe(200);
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
    'the child’s voice at their review: "IRO must check that the child or young person’s views have been evidenced through a statement" (momo 4.4) — the IRO’s card before the review lists what the child sent since their last one',
    async () => {
      // You are Sam Patel, this child's IRO, on the demo's clock an hour into the next working morning.
      const { calendar } = standardsAndCalendar();
      const realNow = Math.floor(Date.now() / 1000);
      const clockFile = path.join(dir, 'clock-review.json');
      fs.writeFileSync(clockFile, JSON.stringify({ offsetSeconds: jumpTarget('next working morning', realNow, calendar) + 3600 - realNow }));
      const ali = DEMO_PEOPLE.find((p) => p.email === 'ali.hassan@council.example')!;
      // The council's Mind Of My Own portal knows this child as MOMO-50731 too: the administrator's mapping links it to the case.
      const mapping = path.join(dir, 'child-references.csv');
      fs.writeFileSync(mapping, 'child_reference,case_ref\nMOMO-50731,C-50731\n');
      const setup = await openSqliteStore(storeFile);
      expect(await importChildReferences(mapping, setup, realNow)).toEqual({ ok: true, mapped: 1, cases: 1 });
      // Mind Of My Own's standards alone, whatever an earlier test enabled.
      await setup.settings.set('packs', ['momo']);
      await setup.close();

      const { heard, heardUrl, page } = await launch(PLAYGROUND_CONFIG, { HEARD_DEMO_CLOCK: clockFile });
      let mine: string;
      try {
        const now = Math.floor(Date.parse(((await (await fetch(`${heardUrl}/api/demo/clock`)).json()) as { now: string }).now) / 1000);
        const iso = (at: number) => new Date(at * 1000).toISOString();
        const DAY = 86400;
        const reviewAt = jumpTarget('+12 working days', now, calendar);
        // The case system tells Heard about the child's case, through the signed case-events intake: Ali Hassan their
        // social worker, you their IRO, in care since the spring, last reviewed three months ago, the next review arranged now.
        let n = 0;
        const event = (type: string, occurredAt: number, details: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
          eventId: `LCS-e2e-${++n}`,
          source: 'liquidlogic',
          caseRef: 'C-50731',
          childInitials: 'RT',
          type,
          occurredAt: iso(occurredAt),
          details,
          ...extra,
        });
        const events = [
          event('case-allocated', now - 200 * DAY, { role: 'social-worker', person: ali.email }),
          event('case-allocated', now - 200 * DAY, { role: 'iro', person: DEMO_CURRENT_USER.email }),
          event('child-became-looked-after', now - 200 * DAY + 3600, { legalStatus: 's20' }),
          event('review-held', now - 90 * DAY, { type: 'cic', meetingId: 'R1' }),
        ];
        const caseEvents = await signedPost(`${heardUrl}/api/case-events`, JSON.stringify(events), now);
        expect(caseEvents.status).toBe(200);
        expect(((await caseEvents.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);

        // What the child sent: to Ali before the last review (not for this one), to Ali since, and this morning to you under the portal's reference.
        const statement = (externalId: string, reference: string, type: string, sentAt: number, email: string) => ({
          externalId: `e2e-review-${externalId}-${now}`,
          sentAt: iso(sentAt),
          child: { reference, initials: 'RT' },
          type,
          intendedRecipient: { kind: 'person', email },
        });
        for (const s of [statement('before', 'C-50731', 'my-world', now - 120 * DAY, ali.email), statement('since', 'C-50731', 'my-life', now - 40 * DAY, ali.email)]) {
          expect((await post(heardUrl, s, now)).status).toBe(201);
        }
        const received = await post(heardUrl, statement('today', 'MOMO-50731', 'my-world', now - 3600, DEMO_CURRENT_USER.email), now);
        expect(received.status).toBe(201);
        mine = received.body.statementId;
        // Its own card names the case it belongs to, by reference and initials.
        const statementCard = page.locator('.ac-adaptiveCard', { hasText: 'Statement MOMO-50731 · RT' }).first();
        await statementCard.waitFor();
        expect(await statementCard.innerText()).toMatch(/C-50731 · RT, linked through the council’s reference mapping/);

        const arranged = await signedPost(`${heardUrl}/api/case-events`, JSON.stringify(event('meeting-scheduled', now - 60, { type: 'cic-review', meetingId: 'R2', ordinal: 2 }, { scheduledFor: iso(reviewAt) })), now);
        expect(arranged.status).toBe(201);
        // Ten minutes on, the scheduler looks at the reviews: the card arrives unprompted, well before 4.3 and 4.4 fall due.
        await jump(heardUrl, iso(now + 600));
        const card = page.locator('.ac-adaptiveCard', { hasText: 'CiC review: C-50731 · RT' }).first();
        await card.waitFor({ timeout: 30_000 });
        const text = await card.innerText();
        expect(text).toContain('Statements the child sent since their last review');
        expect(text).toMatch(/My Life · sent .*\n*Not opened yet · Not saved to the case record yet/);
        expect(text).toContain('Held by Ali Hassan: they can download it.');
        expect(text).toContain('My World · sent');
        expect(text).toContain('child reference MOMO-50731');
        expect(text).toMatch(/Invitation \(4\.3\) and check of the child's views \(4\.4\) due by 17:00/);
        // Only what was sent since the last review.
        expect(text.match(/· sent /g)).toHaveLength(2);
        for (const name of ['Download', 'Invitation sent (4.3)', "Child's views checked (4.4)"]) {
          await card.getByRole('button', { name, exact: true }).waitFor();
        }
        await card.scrollIntoViewIfNeeded();
        await page.screenshot({ path: REVIEW_SCREENSHOT });

        // The IRO records the check from the card: the card says so and stops offering it.
        await card.getByRole('button', { name: "Child's views checked (4.4)", exact: true }).click();
        await card.getByText("✓ The child's views checked (4.4)").waitFor();
        await card.getByRole('button', { name: "Child's views checked (4.4)", exact: true }).waitFor({ state: 'detached' });
      } catch (error) {
        await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
        throw error;
      }

      const store = await finish(heard);
      try {
        const c = (await store.cases.getByRef('C-50731'))!;
        expect((await store.obligations.listForCase(c.id)).find((o) => o.standardId === 'momo.4.4')).toMatchObject({ status: 'met', ownerId: DEMO_CURRENT_USER.id });
        expect((await store.caseEvents.listForSubject(c.id)).find((e) => e.source === 'teams')).toMatchObject({ type: 'check-completed', by: DEMO_CURRENT_USER.email });
        expect((await store.statements.get(mine))?.child.reference).toBe('MOMO-50731');
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
        // Listed by reference: CR-32001 on the card, or among the rest the card counts
        // when the demo's cases (and earlier tests' ones) have more deadlines that move. Its new
        // deadline is checked against the engine after Confirm, below.
        const listed = await preview.innerText();
        expect(listed).toMatch(/^• [A-Z]+-\d+ · /m);
        if (!listed.includes('CR-32001')) expect(listed).toMatch(/… and \d+ more/);
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
