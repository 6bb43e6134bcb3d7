import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadOrganisation } from '../domain/organisation';
import type { Person } from '../domain/person';
import { StatementService } from '../domain/statement-service';
import { DEMO_PEOPLE, seedDemoCouncil } from '../scripts/demo/demo-council';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { E2E, HAVE_CHROMIUM, PlaygroundPeople, cardWith, expectE2EReady, say } from './playground-harness';
import { CaseWorkService } from '../domain/case-work-service';

/**
 * The participation officer and the team manager in the Microsoft 365 Agents Playground,
 * as a person would use Heard in Teams: the real Heard process (dist/) on the demo
 * council and the real Playground, driven in Chromium, with the follow-ups a person would
 * type. Jo Green (participation) looks at the queue, moves one statement by its reference
 * and sends the team a notice, whose delivery report arrives and names who it could not
 * reach; Priya Shah (manager) asks who is off and starts her own leave, asking something
 * else half way. Screenshots in test-results/.
 */

const { RESULTS } = E2E;
const E2E_TIMEOUT_MS = 150_000;

const person = (email: string) => DEMO_PEOPLE.find((p) => p.email === email) as Person;
const JO = person('jo.green@council.example');
const PRIYA = person('priya.shah@council.example');
const SAM = person('sam.patel@council.example');

(HAVE_CHROMIUM || process.env.CI ? describe : describe.skip)('the participation team and a manager in the Microsoft 365 Agents Playground', () => {
  let dir: string;
  let storeFile: string;
  let people: PlaygroundPeople;

  beforeAll(async () => {
    expectE2EReady();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-playground-17-'));
    storeFile = path.join(dir, 'heard.sqlite');
    people = new PlaygroundPeople(dir, storeFile);
    const store = await openSqliteStore(storeFile);
    try {
      const organisation = await loadOrganisation(store.settings);
      const now = Math.floor(Date.now() / 1000);
      const service = new StatementService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, now: () => now });
      const caseWork = new CaseWorkService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, now: () => now });
      await seedDemoCouncil(store, { service, caseWork }, now);
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


  it(
    'Jo Green: the queue, one statement moved by its reference, and a notice to the team with its delivery report',
    async () => {
      await people.journey(JO, 'playground-17-failure.png', async (page) => {
        await say(page, "what's in the queue?");
        const queue = cardWith(page, 'Unassigned statements');
        await queue.getByText('CR-20455').waitFor();
        await queue.getByText(/waiting, oldest first/).waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-17-queue.png') });

        await say(page, 'reassign CR-20430 to Sam');
        const preview = cardWith(page, 'Move CR-20430 EW from Ali Hassan to Sam Patel?');
        await preview.getByText(/Told in their chats: Sam Patel/).waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-17-reassign-preview.png') });
        await preview.getByRole('button', { name: 'Move it', exact: true }).click();
        await page.getByText('CR-20430 EW is now with Sam Patel.').last().waitFor();

        await say(page, 'send a notice to the Riverside children in care team: Team meeting moved to Thursday at 10:00.');
        const notice = cardWith(page, 'Send “Team meeting moved to Thursday at 10:00.” to 3 people?');
        await notice.getByText('Priya Shah').waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-17-notice-preview.png') });
        await notice.getByRole('button', { name: 'Send to 3', exact: true }).click();
        // The delivery report arrives by itself and fills in as sends complete: nobody else has Heard installed in the Playground.
        const report = cardWith(page, 'Delivery report · Team meeting moved to Thursday at 10:00.');
        await report.getByText(/Finished at/).waitFor({ timeout: 40_000 });
        await report.getByText('Ali Hassan: Heard is not installed for them').waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-17-delivery-report.png') });

        await say(page, 'show me the delivery report');
        await cardWith(page, 'Delivery report · Team meeting').getByRole('button', { name: 'Export CSV', exact: true }).waitFor();
      });
      const store = await openSqliteStore(storeFile);
      try {
        const moved = (await store.statements.list({})).find((s) => s.child.reference === 'CR-20430');
        expect(moved?.assigneeIds).toEqual([SAM.id]);
        const [notice] = (await store.broadcasts.listRecent({ createdBy: JO.id })).filter((b) => b.kind === 'notice');
        expect(notice).toMatchObject({ state: 'done', audience: 'the Riverside children in care team' });
      } finally {
        await store.close();
      }
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'Priya Shah: who is off, then her own leave "until Monday" — with a question asked half way, answered and the leave still waiting',
    async () => {
      await people.journey(PRIYA, 'playground-17-failure.png', async (page) => {
        await say(page, "who's off?");
        await cardWith(page, 'away today').getByText(/Sam Patel: away until .*Ali Hassan covering/).waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-17-whos-off.png') });

        await say(page, "I'm on annual leave");
        await page.getByText('What is the last day you are away?').last().waitFor();
        await say(page, "what's due for my team this week?");
        await page.getByText("I'm still setting up the absence: I need the last day.").last().waitFor();
        await say(page, 'until Monday');
        await page.getByText(/Who is covering\?/).last().waitFor();
        await say(page, 'no one');
        const preview = cardWith(page, 'You are away');
        await preview.getByText(/read as back on Mon/).waitFor();
        await page.screenshot({ path: path.join(RESULTS, 'playground-17-leave-until-monday.png') });
        await preview.getByRole('button', { name: 'Cancel', exact: true }).click();
        await page.getByText('Nothing was changed.').last().waitFor();
      });
    },
    E2E_TIMEOUT_MS,
  );
});
