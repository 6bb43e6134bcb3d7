import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { loadOrganisation } from '../domain/organisation';
import type { Person } from '../domain/person';
import { parseCaseEvent } from '../domain/case-event-envelope';
import { CaseWorkService } from '../domain/case-work-service';
import { StatementService } from '../domain/statement-service';
import { builtInVocabulary, formatInstant } from '../standards';
import { DEMO_PEOPLE, seedDemoCouncil } from '../scripts/demo/demo-council';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { E2E, HAVE_CHROMIUM, PlaygroundPeople, cardWith, expectE2EReady, say } from './playground-harness';

/**
 * Issue 20 as a person would try it in Teams: the real Heard process (dist/) on the demo
 * council — with one child in care's case sent in as the case system would — and the
 * real Microsoft 365 Agents Playground, driven in Chromium. A worker (Sam Patel) asks
 * about their case work and a standard; a manager (Priya Shah) about one of her workers
 * by name, and is refused about someone she does not manage; a participation officer
 * (Jo Green) gets her own help. Screenshots in test-results/playground-20-*.png.
 */

const { RESULTS } = E2E;
const E2E_TIMEOUT_MS = 150_000;

const person = (email: string) => DEMO_PEOPLE.find((p) => p.email === email) as Person;
const JO = person('jo.green@council.example');
const PRIYA = person('priya.shah@council.example');
const SAM = person('sam.patel@council.example');

(HAVE_CHROMIUM || process.env.CI ? describe : describe.skip)('every role understood, in the Microsoft 365 Agents Playground', () => {
  let dir: string;
  let storeFile: string;
  let people: PlaygroundPeople;

  beforeAll(async () => {
    expectE2EReady();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-playground-20-'));
    storeFile = path.join(dir, 'heard.sqlite');
    people = new PlaygroundPeople(dir, storeFile);
    const store = await openSqliteStore(storeFile);
    try {
      // A council that keeps its children's services standards in Heard as well as Mind Of My Own's (as an administrator would set it).
      await store.settings.set('packs', ['momo', 'childrens-services']);
      const organisation = await loadOrganisation(store.settings);
      const now = Math.floor(Date.now() / 1000);
      const service = new StatementService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, now: () => now });
      const caseWork = new CaseWorkService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, vocabulary: builtInVocabulary(), now: () => now });
      await seedDemoCouncil(store, { service, caseWork }, now);
      // C-10442 (child AB): in care since September, Sam Patel its social worker, last visited a week ago.
      const at = (daysAgo: number) => formatInstant(now - daysAgo * 86400);
      const envelopes = [
        { eventId: 'LCS-E2E-1', source: 'lcs', caseRef: 'C-10442', childInitials: 'AB', type: 'case-allocated', occurredAt: at(80), details: { role: 'social-worker', person: SAM.email } },
        { eventId: 'LCS-E2E-2', source: 'lcs', caseRef: 'C-10442', childInitials: 'AB', type: 'child-became-looked-after', occurredAt: at(80), details: { legalStatus: 's20' } },
        { eventId: 'LCS-E2E-3', source: 'lcs', caseRef: 'C-10442', childInitials: 'AB', type: 'visit-completed', occurredAt: at(7), details: { kind: 'cic' }, by: SAM.email },
      ];
      const events = envelopes.map((raw) => {
        const parsed = parseCaseEvent(raw, { vocabulary: builtInVocabulary(), calendar: organisation.calendar, now });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        return parsed.event;
      });
      await caseWork.receive(events, 'api');
      // Sam is off this week, Ali covering: what Priya will ask about.
      const today = organisation.calendar.dateOf(organisation.calendar.dayOf(now));
      const inFour = organisation.calendar.dateOf(organisation.calendar.dayOf(now) + 4);
      await store.directory.putAbsence({ id: 'ab_demo_sam', personId: SAM.id, from: today, until: inFour, coverId: person('ali.hassan@council.example').id });
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    await people?.closeAll();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 20_000);


  /** How many cards show `text`. */
  const cardsWith = (page: Page, text: string) => page.locator('.ac-adaptiveCard', { hasText: text }).count();
  /** Waits (bounded) for one more card showing `text` than `before`. */
  const anotherCard = async (page: Page, text: string, before: number) => {
    for (let i = 0; i < 60; i++) {
      if ((await cardsWith(page, text)) > before) return;
      await page.waitForTimeout(500);
    }
    throw new Error(`no new card showing "${text}"`);
  };
  /** Says `message` and waits for the new card showing `text` it answers with (not an earlier one). */
  const sayForAnother = async (page: Page, message: string, text: string) => {
    const before = await cardsWith(page, text);
    await say(page, message);
    await anotherCard(page, text, before);
  };

  /** A card's text as shown, for the assertions that nothing internal shows. */
  const shown = (page: Page, text: string) => cardWith(page, text).innerText();

  it(
    'Sam Patel (worker): case work from the case, a standard in words, help for a worker',
    async () => {
      await people.journey(SAM, 'playground-20-failure.png', async (page) => {
        await say(page, "when is AB's next visit due?");
        await cardWith(page, 'AB: visits due').getByText(/C-10442 · AB/).first().waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-worker-next-visit.png') });
        await say(page, 'whats due on C-10442?');
        await cardWith(page, 'C-10442: due').getByText(/open deadlines?/).waitFor();
        await say(page, 'how long do I have to open a statement?');
        const standard = await shown(page, 'Recipient downloads or views the statement');
        expect(standard).toContain('Mind Of My Own practice standards, 2.1');
        expect(standard).not.toMatch(/momo\.|\.txt|Who\s*recipient/);
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-worker-standard.png') });
        await say(page, 'help');
        await cardWith(page, 'What Heard does').getByText(/when is AB's next visit due\?/).waitFor();
        // A message that says other things before the question: the question is answered.
        await say(page, 'court tomorrow and two home visits thursday - what else have I got due next week?');
        await page.getByText(/^(?:Due next week|Nothing due next week\.)$/).last().waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-worker-long-message.png') });
        // Text-speak on a phone between visits: "4 me" is "for me", "tmrw" tomorrow — the asker's own list.
        await say(page, "wot's due 4 me tmrw");
        await page.getByText(/^(?:Due tomorrow|Nothing due tomorrow\.)$/).last().waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-worker-text-speak.png') });
        // Spelt as it sounds: "dew" is due, "weak" the week.
        await say(page, 'wots dew this weak');
        await page.getByText(/^(?:Due this week|Nothing due this week\.)$/).last().waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-worker-phonetic.png') });
        // Typed in a hurry: "du" is due, "tomoro" tomorrow; then up to a day named by its name.
        await say(page, 'whts du tomoro');
        await page.getByText(/^(?:Due tomorrow|Nothing due tomorrow\.)$/).last().waitFor();
        await say(page, 'whats due before xmas');
        await page.getByText(/^(?:Due|Nothing due) .+ – \w{3} 25 Dec\.?$/).last().waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-worker-before-xmas.png') });
      });
    },
    E2E_TIMEOUT_MS,
  );

  it(
    "Priya Shah (manager): her own help, Sam's statements and figures by name, whether he is away, and a refusal about someone she does not manage",
    async () => {
      await people.journey(PRIYA, 'playground-20-failure.png', async (page) => {
        await page.getByText(/For your team, ask what is due or overdue/).first().waitFor();
        await say(page, "show me Sam's statements");
        await cardWith(page, 'Sam Patel: due').waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-manager-sams-statements.png') });
        await say(page, 'how is Sam getting on');
        await cardWith(page, 'How Sam Patel is doing').waitFor();
        await say(page, 'is Sam away?');
        await cardWith(page, 'Sam Patel is away').getByText(/Sam Patel is away until .*Ali Hassan covering/).waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-manager-sam.png') });
        // Who a pronoun points back to: Sam, named before the question (each answer a new card, not an earlier one).
        await sayForAnother(page, "Sam's not picking up his phone, is he on a/l?", 'Sam Patel is away');
        await sayForAnother(page, "Sam has just rung in sick - what's he got due this week?", 'Sam Patel: due');
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-manager-pronoun.png') });
        // A question forwarded for someone: "asking for Sam:" makes it Sam's.
        await sayForAnother(page, 'asking for Sam: what has he got due next week', 'Sam Patel: due');
        // A manager before supervision, the way she would type it.
        await say(page, "Morning! I've got supervision with Sam tomorrow and want to go through his caseload beforehand - could you show me what he's got due over the next 14 days please?");
        await cardWith(page, 'Sam Patel: due').waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-manager-before-supervision.png') });
        // A possessive typed without its apostrophe, and a name with why after it.
        await sayForAnother(page, 'Sams visits due this wk', 'Sam Patel: due');
        await sayForAnother(page, "anything overdue for Sam while he's been off", 'Sam Patel: overdue');
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-manager-while-off.png') });
        await say(page, "what's overdue for Jo");
        await page.getByText(/I can only show you the work of people you manage/).last().waitFor();
      });
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'Jo Green (participation): a welcome and help about the queue and notices, and figures for anyone by name',
    async () => {
      await people.journey(JO, 'playground-20-failure.png', async (page) => {
        await page.getByText(/Statements waiting to be assigned come to you here/).first().waitFor();
        await say(page, 'help');
        const help = cardWith(page, 'What Heard does');
        await help.getByText(/who hasn't read my notice\?/).waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-participation-help.png') });
        await say(page, 'how is Ali getting on this month');
        await cardWith(page, 'How Ali Hassan is doing').waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-participation-ali.png') });
        // Monday morning, the queue asked for in passing, then whether a notice was read (none sent yet).
        await sayForAnother(page, 'time to sort the unassigned pile', 'Unassigned statements');
        await say(page, 'anyone not seen my last broadcast yet?');
        await page.getByText(/Nothing has been sent yet/).last().waitFor();
        // "it" is the notice: who in a team has not read it.
        const reports = await page.getByText(/Nothing has been sent yet/).count();
        await say(page, 'anyone in Riverside not read it yet?');
        await page.getByText(/Nothing has been sent yet/).nth(reports).waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-participation-queue.png') });
        // The queue in a letter, and the month's figures so far.
        await sayForAnother(page, 'q?', 'Unassigned statements');
        await say(page, 'numbers for the month so far pls');
        await page.getByText(/^How .+ doing, \w{3} 1 \w{3}–/).last().waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-20-participation-month.png') });
      });
    },
    E2E_TIMEOUT_MS,
  );
});
