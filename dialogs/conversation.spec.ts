import { MONDAY_10AM, PEOPLE, TEAMS, removeTempDir, standardsAndCalendar, tempDatabaseFile } from '../test/test-council.fixture';
import { actionData, words } from '../test/conversation-replies';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { CaseWorkService } from '../domain/case-work-service';
import { applyOverrides } from '../domain/standard-overrides';
import { StatementService } from '../domain/statement-service';
import { Worklists } from '../domain/worklists';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { Conversation } from './conversation';
import { Understander } from './understand';

/**
 * The conversation end to end below the bot: the real understanding, domain, worklists
 * and embedded store. Each answer card is checked by the Adaptive Cards SDK.
 */
const PARTICIPATION: Person = { id: 'p_pat', aadObjectId: 'aad-pat', name: 'Pat Participation', email: 'pat@council.example', roles: ['participation'], teamId: null, lineManagerId: null };
const person = (id: string): Person => [...PEOPLE, PARTICIPATION].find((p) => p.id === id) as Person;
const sam = () => person('p_sam');
const priya = () => person('p_priya');

let understander: Understander;
let file: string;
let store: Store;
let service: StatementService;
let conversation: Conversation;
let clock: number;

beforeAll(async () => {
  understander = await Understander.create(standardsAndCalendar().calendar);
});

beforeEach(async () => {
  file = tempDatabaseFile();
  store = await openSqliteStore(file);
  await store.directory.upsert([...PEOPLE, PARTICIPATION], TEAMS);
  clock = MONDAY_10AM;
  const { standards, calendar } = standardsAndCalendar();
  const now = () => clock;
  service = new StatementService({ store, standards, packs: new Set(['momo']), calendar, now });
  const caseWork = new CaseWorkService({ store, standards, packs: new Set(['momo', 'childrens-services', 'core-practice']), calendar, now });
  conversation = new Conversation({ store, service, caseWork, worklists: new Worklists({ store, standards, now }), understander, standards, calendar, now });
});

afterEach(async () => {
  await store.close();
  removeTempDir(file);
});

async function statementFor(email: string | null, reference = 'C-2002'): Promise<string> {
  const { statementId } = await service.receive(
    {
      externalId: `momo-${Math.random()}`,
      sentAt: clock,
      child: { reference, initials: 'CD' },
      type: 'my-world',
      intendedRecipient: email ? { kind: 'person', email } : { kind: 'none' },
      flags: { complaint: false, safetyLink: false, unidentified: false },
      pdf: Buffer.from('%PDF-1.4 fictional'),
    },
    'api',
  );
  return statementId;
}

describe('a worker asking about their own work', () => {
  it("what's due this week: grouped by day, with the exact local deadline, the standard and the next action", async () => {
    await statementFor('sam@council.example', 'CR-1');
    const text = words(await conversation.message(sam(), "whats due this wk?"));
    expect(text).toContain('Due this week');
    expect(text).toContain('Today, Mon 23 Nov');
    expect(text).toContain('CR-1');
    expect(text).toMatch(/by 17:00 today|by 1[0-9]:00 tomorrow/);
    // One statement is one item, with its soonest clock and where the standard comes from in words (no internal id).
    expect(text).toContain('1 statement');
    expect(text).toMatch(/· Mind Of My Own practice standards, (2\.1|3\.1)/);
    expect(text).not.toMatch(/momo\.\d/);
    expect(text).toContain('"act":"download"');
  });

  it('says so kindly when nothing is due, and lists overdue only after the due instant', async () => {
    expect(words(await conversation.message(sam(), 'anything due tomorrow?'))).toContain('Nothing due tomorrow.');
    expect(words(await conversation.message(sam(), 'anything overdue?'))).toContain('Nothing overdue');
    await statementFor('sam@council.example', 'CR-7');
    clock += 3 * 86400;
    const text = words(await conversation.message(sam(), 'whats overdue'));
    expect(text).toContain('CR-7');
    expect(text).toContain('overdue since');
  });

  it('unopened lists statements not yet downloaded; acknowledging from a list refreshes it with a notice', async () => {
    const id = await statementFor('sam@council.example', 'CR-3');
    expect(words(await conversation.message(sam(), "which statements haven't I opened"))).toContain('CR-3');
    await service.recordOpened(id, sam(), 'download');
    const list = await conversation.message(sam(), 'what is due this week');
    const data = actionData(list, 'worklist.act', 'Acknowledge');
    const outcome = await conversation.action(sam(), 'worklist.act', data);
    expect(words(outcome)).toContain('Acknowledged CR-3');
    expect((await store.statements.get(id))?.status).toBe('acknowledged');
  });

  it("Download and Show card send the statement's own card; someone else's statement is refused", async () => {
    const id = await statementFor('sam@council.example');
    const data = actionData(await conversation.message(sam(), 'due this week'), 'worklist.act', 'Download');
    expect((await conversation.action(sam(), 'worklist.act', data)).send).toEqual([{ kind: 'statement', statementId: id, download: true }]);
    const ali = person('p_ali');
    const refused = await conversation.action(ali, 'worklist.act', data);
    expect(refused.send).toEqual([]);
    expect(words(refused)).toContain('no longer yours');
  });
});

describe('managers and the team', () => {
  it("team due: per-person counts and the oldest item, most urgent first, with drill-down", async () => {
    await statementFor('sam@council.example', 'CR-1');
    await statementFor('sam@council.example', 'CR-2');
    clock += 86400;
    await statementFor('ali@council.example', 'CR-3');
    const replies = await conversation.message(priya(), "what's due for my team this week");
    const text = words(replies);
    expect(text).toContain('Sam Worker');
    expect(text).toContain('Ali Worker');
    expect(text.indexOf('Sam Worker')).toBeLessThan(text.indexOf('Ali Worker'));
    const drill = await conversation.action(priya(), 'team.person', actionData(replies, 'team.person'));
    expect(words(drill)).toContain('CR-1');
    expect(words(drill)).not.toContain('CR-3');
    const back = await conversation.action(priya(), 'team.back', { list: { kind: 'due', from: null, to: null } });
    expect(words(back)).toContain('Ali Worker');
  });

  it("a worker asking for the team gets their own list and a note, never other people's data; drill-down is refused", async () => {
    await statementFor('ali@council.example', 'CR-ALI');
    const text = words(await conversation.message(sam(), 'what is my team overdue on'));
    expect(text).toContain('Team lists are for team managers');
    expect(text).not.toContain('CR-ALI');
    const refused = await conversation.action(sam(), 'team.person', { personId: 'p_ali', list: { kind: 'due' } });
    expect(words(refused)).toContain('only see the lists of people you manage');
  });
});

describe('the participation queue', () => {
  it('shows unassigned statements with the clock of standard 1.1, and assigns from the card', async () => {
    const id = await statementFor('nobody-we-know@council.example', 'CR-Q');
    const replies = await conversation.message(PARTICIPATION, "what's in the queue?");
    const text = words(replies);
    expect(text).toContain('CR-Q');
    expect(text).toContain('Mind Of My Own practice standards, 1.1');
    const outcome = await conversation.action(PARTICIPATION, 'queue.assign', { queueStatementId: id, queuePersonId: 'p_ali' });
    expect(words(outcome)).toContain('is now with Ali Worker');
    expect((await store.statements.get(id))?.assigneeIds).toEqual(['p_ali']);
  });

  it('tells a worker the queue is for the participation team', async () => {
    expect(words(await conversation.message(sam(), 'unassigned statements'))).toContain('The queue is for the participation team');
  });
});

describe('dates and standards', () => {
  it('works out "10 working days before 12 March" with the engine\'s explanation', async () => {
    const text = words(await conversation.message(sam(), 'when is 10 working days before 12 March?'));
    expect(text).toContain('Fri 26 Feb 2027, 17:00');
    expect(text).toContain('10 working days before the event on Fri 12 Mar');
    // No bare "72 working hours" (the nine whole days between) beside it, reading as a second timescale.
    expect(text).not.toContain('working hours');
  });

  it('works out "7 working hours from now" across the night', async () => {
    clock = MONDAY_10AM + 4 * 3600;
    const text = words(await conversation.message(sam(), '7 working hours from now'));
    expect(text).toContain('Tue 24 Nov 2026, 13:00');
    expect(text).toContain('3 h on Mon 23 Nov, 4 h on Tue 24 Nov');
  });

  it('gives a standard\'s timescale and its verbatim source sentence', async () => {
    const text = words(await conversation.message(sam(), 'how long do I have to open a statement?'));
    // momo 2.1: "It must be downloaded or viewed within 7 working hours." — sourced by the document's title and section, never its file name.
    expect(text).toContain('Mind Of My Own practice standards, 2.1');
    expect(text).toContain('Whoever the statement is assigned to');
    expect(text).not.toMatch(/momo\.|\.txt|recipient"/);
    expect(text).toContain('It must be downloaded or viewed within 7 working hours.');
    expect(words(await conversation.message(sam(), 'what does standard 3.1 say'))).toContain('Mind Of My Own practice standards, 3.1');
  });

  it('gives both readings of a standard the council reads differently, and why, beside the same source sentence', async () => {
    const { calendar } = standardsAndCalendar();
    const standards = applyOverrides(standardsAndCalendar().standards, {
      'momo.2.1': { amount: 5, reason: 'Cabinet decision 14/2026: five working hours' },
      'momo.3.1': { disabled: true, reason: 'Children are told through the case system' },
    });
    const now = () => clock;
    const caseWork = new CaseWorkService({ store, standards, packs: new Set(['momo']), calendar, now });
    const council = new Conversation({ store, service, caseWork, worklists: new Worklists({ store, standards, now }), understander, standards, calendar, now });
    const text = words(await council.message(sam(), 'how long do I have to open a statement?'));
    expect(text).toContain("Timescale: 5 working hours (the council's reading).");
    expect(text).toContain("The pack's timescale");
    expect(text).toContain('Cabinet decision 14/2026: five working hours');
    expect(text).toContain('It must be downloaded or viewed within 7 working hours.');
    const off = words(await council.message(sam(), 'what does standard 3.1 say'));
    expect(off).toContain('Switched off here: it opens no clocks.');
    expect(off).toContain('Children are told through the case system');
  });
});

describe('reassigning, in several turns', () => {
  it('asks for whose, to whom and until when; survives a bad date and a change of mind; then moves them', async () => {
    const a = await statementFor('sam@council.example', 'CR-A');
    const b = await statementFor('sam@council.example', 'CR-B');
    expect(words(await conversation.message(priya(), 'I need to reassign some statements'))).toContain('Whose statements');
    expect(words(await conversation.message(priya(), 'Sam Worker'))).toContain("Who should Sam Worker's statements go to?");
    expect(words(await conversation.message(priya(), 'ali'))).toContain('Until when?');
    const bad = words(await conversation.message(priya(), 'blurgsday'));
    expect(bad).toContain('I couldn\'t read a date in "blurgsday"');
    expect(bad).toContain('Until when?');
    expect(words(await conversation.message(priya(), 'last monday'))).toContain('has passed');
    const preview = await conversation.message(priya(), 'friday');
    expect(words(preview)).toContain('Move 2 open statements from Sam Worker to Ali Worker?');
    expect(words(preview)).toContain('CR-A');
    const changed = await conversation.message(priya(), 'actually to Hana Head instead');
    expect(words(changed)).toContain('to Hana Head?');
    const done = await conversation.action(priya(), 'flow.confirm', actionData(changed, 'flow.confirm'));
    expect(words(done)).toContain('Moved 2 statements to Hana Head.');
    expect((await store.statements.get(a))?.assigneeIds).toEqual(['p_hana']);
    expect((await store.statements.get(b))?.assigneeIds).toEqual(['p_hana']);
    expect(await store.directory.listAbsences('p_sam', '2026-11-27')).toEqual([expect.objectContaining({ coverId: 'p_hana', until: '2026-11-27' })]);
    // The old preview cannot be confirmed twice.
    expect(words(await conversation.action(priya(), 'flow.confirm', actionData(changed, 'flow.confirm')))).toContain('expired');
  });

  it('takes everything from one message, and nothing moves on cancel', async () => {
    const a = await statementFor('sam@council.example', 'CR-A');
    const preview = await conversation.message(priya(), "move Sam Worker's statements to Ali until friday");
    expect(words(preview)).toContain('Move 1 open statement from Sam Worker to Ali Worker?');
    expect(words(await conversation.action(priya(), 'flow.cancel', actionData(preview, 'flow.cancel')))).toContain('Nothing was changed');
    expect((await store.statements.get(a))?.assigneeIds).toEqual(['p_sam']);
  });

  it("offers this week from next week's list, and next week from any other, never the question it answers", async () => {
    const buttons = (card: unknown) => [...new Set([...JSON.stringify(card).matchAll(/"title":"(This week|Next week)"/g)].map((m) => m[1]))];
    expect(buttons(await conversation.message(sam(), "what's due next week"))).toEqual(['This week']);
    expect(buttons(await conversation.message(sam(), "what's due this week"))).toEqual(['Next week']);
  });

  it('refuses a worker moving statements and says what they can do instead', async () => {
    const text = words(await conversation.message(sam(), 'move my statements to Ali'));
    expect(text).toContain('moved by your team manager or the participation team');
  });

  it('names an unknown person and asks again', async () => {
    const text = words(await conversation.message(priya(), "move Zed's statements to Ali"));
    expect(text).toContain('I can\'t find "Zed" in the directory.');
    expect(text).toContain('Whose statements');
  });

  it('answers another question asked half way, and keeps the flow, saying what it still needs', async () => {
    await conversation.message(priya(), 'reassign');
    const text = words(await conversation.message(priya(), 'anything overdue?'));
    expect(text).toContain('Overdue');
    expect(text).toContain("I'm still setting up the reassignment: I need whose statements to move.");
    expect(words(await conversation.message(priya(), 'Sam Worker'))).toContain("Who should Sam Worker's statements go to?");
  });

  it('drops a half-finished flow when something else is asked for, and says so', async () => {
    await conversation.message(priya(), 'reassign');
    const text = words(await conversation.message(priya(), 'morning, can you show me the unassigned queue please'));
    expect(text).toContain("I've dropped the reassignment");
  });
});

describe('recording an absence, in several turns', () => {
  it('asks until when and who covers; "no one" is an answer; the preview is confirmed', async () => {
    expect(words(await conversation.message(sam(), "I'm on annual leave"))).toContain('What is the last day you are away?');
    expect(words(await conversation.message(sam(), 'next friday'))).toContain('Who is covering?');
    const preview = await conversation.message(sam(), 'no one');
    expect(words(preview)).toContain('You are away Mon 23 Nov – Fri 4 Dec');
    expect(words(await conversation.action(sam(), 'flow.confirm', actionData(preview, 'flow.confirm')))).toContain('Recorded: away until Fri 4 Dec');
    expect(await store.directory.listAbsences('p_sam', '2026-12-01')).toEqual([expect.objectContaining({ coverId: null, from: '2026-11-23', until: '2026-12-04' })]);
  });

  it('a manager records a worker off sick with cover and moves their open statements in one go', async () => {
    const a = await statementFor('sam@council.example', 'CR-A');
    const preview = await conversation.message(priya(), 'Sam Worker is off sick until Wednesday, Ali covering');
    const data = actionData(preview, 'flow.confirm', 'Record it and move it to Ali');
    const done = words(await conversation.action(priya(), 'flow.confirm', data));
    expect(done).toContain('Ali Worker covering');
    expect(done).toContain('Moved 1 statement to Ali Worker.');
    expect((await store.statements.get(a))?.assigneeIds).toEqual(['p_ali']);
  });

  it('cancel half way records nothing', async () => {
    await conversation.message(sam(), "i'm off sick");
    expect(words(await conversation.message(sam(), 'cancel'))).toContain('nothing recorded');
    expect(await store.directory.listAbsences('p_sam')).toEqual([]);
  });

  it('refuses recording an absence for someone you do not manage', async () => {
    const text = words(await conversation.message(sam(), 'Ali Worker is on leave next week'));
    expect(text).toContain('Only Ali Worker, their manager or the participation team');
  });
});

describe('never silence', () => {
  it.each(['help', 'hello', 'qwertyuiop', '🙏', 'thanks!'])('answers %p with a card', async (text) => {
    const replies = await conversation.message(sam(), text);
    expect(replies.length).toBeGreaterThan(0);
    words(replies);
  });

  it('keeps private answers out of channels', async () => {
    expect(words(await conversation.message(sam(), "what's due this week", 'shared'))).toContain('personal chat');
    expect(words(await conversation.message(sam(), 'when is 5 working days after friday', 'shared'))).toContain('working days');
  });
});
