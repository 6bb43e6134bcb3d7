import type { Person } from '../domain/person';
import { StatementService } from '../domain/statement-service';
import { Worklists } from '../domain/worklists';
import { caseWorld, envelope, calendar, standards, type CaseWorld } from '../test/case-world';
import { words } from '../test/conversation-replies';
import { validateAdaptiveCard } from '../test/validate-card';
import { Conversation } from './conversation';
import { Understander } from './understand';

/**
 * Issue 20, asked as people would on the embedded store with the real case-work intake:
 * a worker's case-work questions answered from the case's obligations, a manager's
 * questions about one of their workers (and a polite refusal about anyone else), help
 * fitted to each role, and cards without file names or internal ids.
 */
const people: Person[] = [
  { id: 'p_priya', aadObjectId: 'aad-priya', name: 'Priya Shah', email: 'priya@council.example', roles: ['manager'], teamId: 't_north', lineManagerId: null },
  { id: 'p_sam', aadObjectId: 'aad-sam', name: 'Sam Patel', email: 'sam@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_ali', aadObjectId: 'aad-ali', name: 'Ali Khan', email: 'ali@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_kim', aadObjectId: 'aad-kim', name: 'Kim Reid', email: 'kim@council.example', roles: ['worker'], teamId: 't_south', lineManagerId: 'p_lee' },
  { id: 'p_lee', aadObjectId: 'aad-lee', name: 'Lee Jones', email: 'lee@council.example', roles: ['manager'], teamId: 't_south', lineManagerId: null },
  { id: 'p_jo', aadObjectId: 'aad-jo', name: 'Jo Green', email: 'jo@council.example', roles: ['participation'], teamId: null, lineManagerId: null },
];
const who = (id: string) => people.find((p) => p.id === id)!;

let world: CaseWorld;
let conversation: Conversation;
let service: StatementService;
let understander: Understander;

beforeAll(async () => {
  understander = await Understander.create(calendar);
});

beforeEach(async () => {
  world = await caseWorld({ now: '2026-11-23T10:00:00Z' });
  await world.store.directory.upsert(people, [
    { id: 't_north', name: 'North CiC team', managerId: 'p_priya' },
    { id: 't_south', name: 'South CiC team', managerId: 'p_lee' },
  ]);
  const now = () => world.clock.now;
  service = new StatementService({ store: world.store, standards, packs: new Set(['momo']), calendar, now });
  conversation = new Conversation({ store: world.store, service, caseWork: world.service, worklists: new Worklists({ store: world.store, standards, now }), understander, standards, calendar, now });
  // C-1 (child AB): in care since September, Sam its social worker, last visited on 20 November; a CiC review booked for 18 December.
  await world.send(
    envelope('case-allocated', '2026-09-01T09:00:00Z', { role: 'social-worker', person: 'sam@council.example' }),
    envelope('child-became-looked-after', '2026-09-01T10:00:00Z', { legalStatus: 's20' }),
    envelope('visit-completed', '2026-11-20T14:30:00Z', { kind: 'cic' }, { by: 'sam@council.example' }),
    envelope('meeting-scheduled', '2026-11-02T09:00:00Z', { type: 'cic-review', meetingId: 'R-1' }, { scheduledFor: '2026-12-18T10:00:00Z' }),
  );
});

afterEach(() => world.close());

async function statementFor(email: string, reference: string): Promise<void> {
  await service.receive(
    {
      externalId: `momo-${reference}`,
      sentAt: world.clock.now,
      child: { reference, initials: 'CD' },
      type: 'my-world',
      intendedRecipient: { kind: 'person', email },
      flags: { complaint: false, safetyLink: false, unidentified: false },
      pdf: Buffer.from('%PDF-1.4 fictional'),
    },
    'api',
  );
}

async function ask(asker: string, message: string): Promise<string> {
  const replies = await conversation.message(who(asker), message);
  for (const reply of replies) if (reply.kind === 'card') expect(validateAdaptiveCard(reply.card)).toEqual([]);
  return words(replies);
}

/** The open obligations of C-1 of one kind of standard, soonest first, as the store holds them. */
async function openOnC1(titleWords: RegExp) {
  const c = await world.store.cases.getByRef('C-1');
  const all = await world.store.obligations.listForCase(c!.id);
  return all.filter((o) => o.status === 'open' && titleWords.test(standards.find((s) => s.id === o.standardId)!.title)).sort((a, b) => a.due - b.due);
}

describe("a worker's case-work questions, from the case's obligations", () => {
  it("when is AB's next visit due? — the visit clock of AB's case, not a standard's text", async () => {
    const visits = await openOnC1(/visit|see /i);
    expect(visits.length).toBeGreaterThan(0);
    const text = await ask('p_sam', "when is AB's next visit due?");
    expect(text).toContain('AB: visits due');
    expect(text).toContain('C-1 · AB');
    expect(text).toContain(standards.find((s) => s.id === visits[0].standardId)!.title);
    expect(text).not.toMatch(/review/i);
  });

  it("what's due on C-1? — every open deadline of the case; the CiC review question names the review, never 'before the event before the event'", async () => {
    const text = await ask('p_sam', "what's due on C-1?");
    expect(text).toContain('C-1: due');
    expect(text).toMatch(/open deadlines?/);
    const review = await ask('p_sam', 'when is the next CiC review due for C-1?');
    expect(review).toContain('C-1: reviews due');
    expect(review).not.toContain('before the event before the event');
    expect(review).not.toMatch(/visit/i);
  });

  it('what reviews have I got this month? — only those due this month', async () => {
    // The review on 18 December is not in November: whatever falls in November is listed, nothing later.
    const text = await ask('p_sam', 'what reviews have I got this month?');
    expect(text).toMatch(/Your reviews due/);
    expect(text).not.toContain('18 Dec');
  });

  it('a case the asker does not work on gets an answer that says nothing of it', async () => {
    const text = await ask('p_kim', "what's due on C-1?");
    expect(text).toContain('Nothing to show you for C-1');
    expect(await ask('p_kim', "what's due on C-999?")).toContain('Nothing to show you for C-999');
  });
});

describe('questions about a named colleague', () => {
  it("what's overdue for Ali / show me Sam's statements: that person's list, to their manager", async () => {
    await statementFor('sam@council.example', 'CR-5');
    const sams = await ask('p_priya', "show me Sam's statements");
    expect(sams).toContain('Sam Patel: due');
    expect(sams).toContain('CR-5');
    // Their statement and their case's deadline, each one item.
    expect(sams).toContain('C-1 · AB · Case');
    expect(sams).toContain('2 items, soonest first');
    expect(await ask('p_priya', "what's overdue for Ali")).toContain('Ali Khan: overdue');
  });

  it('a polite refusal to anyone who does not manage them, the same whether or not the person exists', async () => {
    await statementFor('sam@council.example', 'CR-6');
    const refused = await ask('p_lee', "show me Sam's statements");
    expect(refused).toContain('I can only show you the work of people you manage');
    expect(refused).not.toContain('CR-6');
    const nobody = await ask('p_lee', "show me Zed's statements");
    expect(nobody.replace('Zed', 'Sam')).toBe(refused);
  });

  it('how is Sam getting on: his figures, not the service', async () => {
    const text = await ask('p_priya', 'how is Sam getting on');
    expect(text).toContain('How Sam Patel is doing');
    expect(await ask('p_lee', 'how is Sam getting on')).toContain('I can only show you the work of people you manage');
  });

  it('is Ali away? / when is Ali back: his absences', async () => {
    expect(await ask('p_priya', 'is Ali away?')).toContain('Ali Khan is not down as away');
  });
});

describe('help and history fitted to the role', () => {
  it("a manager's help names their own questions; a participation officer's names the queue and notices; a worker's case work", async () => {
    expect(await ask('p_priya', 'help')).toContain("what's overdue for Ali?");
    const jo = await ask('p_jo', 'help');
    expect(jo).toContain("what's in the queue?");
    expect(jo).toContain("who hasn't read my notice?");
    expect(await ask('p_sam', 'help')).toContain("when is AB's next visit due?");
  });

  it("what's happened with C-1 so far: its history", async () => {
    expect(await ask('p_sam', "what's happened with C-1 so far")).toContain('History of C-1 (AB)');
  });
});
