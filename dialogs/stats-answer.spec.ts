import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { reportFacts } from '../cards/report-facts';
import { ComplianceReports } from '../domain/compliance-report';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { StatementService } from '../domain/statement-service';
import { Worklists } from '../domain/worklists';
import { compileCalendar, loadBuiltInStandards } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { REPORT_AT, REPORT_PEOPLE, seedReportWorld } from '../test/report-world.fixture';
import { validateAdaptiveCard } from '../test/validate-card';
import { Conversation } from './conversation';
import { Understander } from './understand';
import { CaseWorkService } from '../domain/case-work-service';

/**
 * "How many statements this month?" is answered from the compliance report — the same
 * computation as `heard report` and the dashboard (one computation, two faces) — for the
 * scope the asker may see.
 */
const calendar = compileCalendar({}, { from: 2024, to: 2030 });
const standards = loadBuiltInStandards();
const person = (id: string) => REPORT_PEOPLE.find((p) => p.id === id) as Person;

let dir: string;
let store: Store;
let conversation: Conversation;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-stats-'));
  store = await openSqliteStore(path.join(dir, 'heard.db'));
  await seedReportWorld(store);
  const now = () => REPORT_AT;
  const service = new StatementService({ store, standards, packs: new Set(['momo']), calendar, now });
  conversation = new Conversation({ store, service, caseWork: new CaseWorkService({ store, standards, packs: new Set(['momo']), calendar, now }), worklists: new Worklists({ store, standards, now }), understander: await Understander.create(calendar), standards, calendar, now });
});

afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The facts of the one card answering `words`, as title → value. */
async function factsOf(asker: Person, words: string): Promise<{ facts: Record<string, string>; card: string }> {
  const [reply] = await conversation.message(asker, words);
  if (reply.kind !== 'card') throw new Error(`expected a card, got ${reply.kind}`);
  expect(validateAdaptiveCard(reply.card)).toEqual([]);
  const card = JSON.stringify(reply.card);
  const facts: Record<string, string> = {};
  for (const m of card.matchAll(/\{"title":"([^"]+)","value":"([^"]*)"\}/g)) facts[m[1]] = m[2];
  return { facts, card };
}

describe('the stats answer', () => {
  it("gives a manager their team's month from the report: statements, children heard, standard 2.1, deadlines, overdue, reviews", async () => {
    const { facts, card } = await factsOf(person('p_priya'), 'how is my team doing this month');
    expect(card).toContain('How your team is doing, Sun 1 Nov–Mon 30 Nov');
    expect(facts).toEqual({
      'Statements received': '4',
      'Children heard': '3 in November 2026',
      'Opened within standard 2.1': '1 of 4 (25%)',
      'Deadlines met on time': '1 of 5 (20%)',
      'Overdue now': '2',
      "Reviews with the child's views in a statement": '0 of 1 (0%)',
    });
  });

  it('says the same as the report for the service, to the participation team', async () => {
    const { facts } = await factsOf(person('p_jo'), 'how many statements this month?');
    const report = await new ComplianceReports({ store, calendar, standards }).report({ from: '2026-11-01', to: '2026-11-30' }, REPORT_AT, { kind: 'service' });
    expect(Object.fromEntries(reportFacts(report).map((f) => [f.title, f.value]))).toEqual(facts);
    expect(facts['Statements received']).toBe('7');
    expect(facts["Reviews with the child's views in a statement"]).toBe('1 of 2 (50%)');
  });

  it("gives a worker who asks about the service their own figures, and says so — never anyone else's", async () => {
    const { facts, card } = await factsOf(person('p_sam'), 'how many statements this month?');
    expect(card).toContain('These are the figures for you: the ones you may see.');
    expect(facts['Statements received']).toBe('2');
    expect(facts['Opened within standard 2.1']).toBe('1 of 2 (50%)');
  });
});
