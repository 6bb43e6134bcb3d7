import { MONDAY_10AM, PEOPLE, TEAMS, removeTempDir, standardsAndCalendar, tempDatabaseFile } from '../test/test-council.fixture';
import { actionData, words } from '../test/conversation-replies';
import { Broadcasts } from '../domain/broadcasts';
import { Handovers } from '../domain/handovers';
import type { Person } from '../domain/person';
import { statementObligation } from '../domain/obligation';
import type { Store } from '../domain/ports/store.port';
import { StatementService } from '../domain/statement-service';
import { Worklists } from '../domain/worklists';
import { formatInstant, parseInstant } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { Conversation } from './conversation';
import { Understander } from './understand';
import { CaseWorkService } from '../domain/case-work-service';

/**
 * The participation team's and managers' journeys of issue 17 below the bot: the real
 * understanding, domain, store and cards. Reassigning one statement and many, the queue,
 * absences people can see and change, and notices with their delivery report. Every card
 * is checked against the Adaptive Card 1.5 schema and by the SDK.
 */
const PAT: Person = { id: 'p_pat', aadObjectId: 'aad-pat', name: 'Pat Participation', email: 'pat@council.example', roles: ['participation'], teamId: null, lineManagerId: null };
const JO: Person = { id: 'p_jo', aadObjectId: 'aad-jo', name: 'Jo Participation', email: 'jo@council.example', roles: ['participation'], teamId: null, lineManagerId: null };
const person = (id: string): Person => [...PEOPLE, PAT, JO].find((p) => p.id === id) as Person;
const sam = () => person('p_sam');
const ali = () => person('p_ali');
const priya = () => person('p_priya');

let understander: Understander;
let file: string;
let store: Store;
let service: StatementService;
let conversation: Conversation;
let clock: number;
const queued: string[] = [];

beforeAll(async () => {
  understander = await Understander.create(standardsAndCalendar().calendar);
});

beforeEach(async () => {
  file = tempDatabaseFile();
  store = await openSqliteStore(file);
  await store.directory.upsert([...PEOPLE, PAT, JO], TEAMS);
  clock = MONDAY_10AM;
  queued.length = 0;
  const { standards, calendar } = standardsAndCalendar();
  const now = () => clock;
  service = new StatementService({ store, standards, packs: new Set(['momo']), calendar, now });
  conversation = new Conversation({
    store,
    service,
    caseWork: new CaseWorkService({ store, standards, packs: new Set(['momo']), calendar, now }),
    worklists: new Worklists({ store, standards, now }),
    understander,
    standards,
    calendar,
    now,
    broadcastQueued: (id) => queued.push(id),
    reportLink: (id, p) => ({ url: `https://heard.example/api/broadcasts/${id}/report.csv?token=for-${p.id}`, validUntil: '10:15 today' }),
  });
});

afterEach(async () => {
  await store.close();
  removeTempDir(file);
});

function handovers(): Handovers {
  const { calendar } = standardsAndCalendar();
  const now = () => clock;
  let n = 0;
  return new Handovers({ store, service, broadcasts: new Broadcasts({ store, now }), calendar, now, newId: (p) => `${p}_test_${++n}` });
}

async function statementFor(email: string | null, reference: string, sentAt = clock): Promise<string> {
  const { statementId } = await service.receive(
    {
      externalId: `momo-${reference}-${Math.random()}`,
      sentAt,
      child: { reference, initials: 'CD' },
      type: 'my-world',
      intendedRecipient: email ? { kind: 'person', email } : { kind: 'person', email: 'nobody-we-know@council.example' },
      flags: { complaint: false, safetyLink: false, unidentified: false },
      pdf: Buffer.from('%PDF-1.4 fictional'),
    },
    'api',
  );
  return statementId;
}

const holders = async (id: string) => (await store.statements.get(id))?.assigneeIds;

describe('the queue', () => {
  it('lists oldest first, shows why a statement was handed back with the clock that runs again, and gives it back', async () => {
    // momo.1.1: "Statements are assigned to the members of staff they are intended for within 5 working hours of being sent by the young person"
    const newer = await statementFor(null, 'CR-NEW');
    const back = await statementFor('sam@council.example', 'CR-BACK', MONDAY_10AM - 3 * 86400);
    clock += 1800;
    await service.handBack(back, sam(), 'child-moved-team', 'card');
    const queue = await conversation.message(PAT, "what's in the queue?");
    const text = words(queue);
    expect(text.indexOf('CR-BACK')).toBeLessThan(text.indexOf('CR-NEW'));
    expect(text).toContain('Handed back by Sam Worker at 10:30 today: “The child has moved to another team”');
    // 5 working hours from the hand-back at 10:30: 15:30 today.
    expect(text).toContain('Mind Of My Own practice standards, 1.1');
    expect(text).not.toContain('momo.1.1.handed-back');
    expect(text).toContain('15:30 today');
    const undone = await conversation.action(PAT, 'handback.undo', actionData(queue, 'handback.undo', 'Give back to Sam'));
    expect(words(undone)).toContain('CR-BACK is back with Sam Worker');
    expect(await holders(back)).toEqual(['p_sam']);
    expect(await holders(newer)).toEqual([]);
  });

  it('offers everyone who may take a statement — the Head of Service and the complaints officer too — and types ahead', async () => {
    await statementFor(null, 'CR-Q');
    const text = words(await conversation.message(PAT, 'unassigned statements'));
    for (const name of ['Hana Head · head of service', 'Cora Complaints · complaints officer', 'Sam Worker · North CiC team', 'Dev Duty · duty manager']) expect(text).toContain(name);
    expect(text).toContain('"choices.data":{"type":"Data.Query","dataset":"heard.people"}');
    expect(await conversation.searchPeople(PAT, 'ha', 15)).toEqual([{ title: 'Hana Head · head of service', value: 'p_hana' }]);
    expect((await conversation.searchPeople(PAT, 'worker', 15)).map((c) => c.value)).toEqual(['p_ali', 'p_sam']);
    // A manager may give statements only to the people they manage.
    expect((await conversation.searchPeople(priya(), '', 15)).map((c) => c.value)).toEqual(['p_ali', 'p_sam']);
    expect(await conversation.searchPeople(sam(), '', 15)).toEqual([]);
  });

  it('warns before assigning to someone away, then assigns to them or to their cover', async () => {
    const id = await statementFor(null, 'CR-AWAY');
    await store.directory.putAbsence({ id: 'ab_ali', personId: 'p_ali', from: '2026-11-23', until: '2026-11-27', coverId: 'p_sam' });
    const warned = await conversation.action(PAT, 'queue.assign', { queueStatementId: id, queuePersonId: 'p_ali' });
    expect(words(warned)).toContain('Ali Worker is away until Fri 27 Nov, Sam Worker covering. Assign CR-AWAY to them anyway, or to Sam Worker?');
    expect(await holders(id)).toEqual([]);
    const toCover = await conversation.action(PAT, 'queue.assign', actionData(warned, 'queue.assign', 'Assign to Sam Worker'));
    expect(words(toCover)).toContain('CR-AWAY is now with Sam Worker.');
    expect(await holders(id)).toEqual(['p_sam']);
  });

  it('two officers assigning the same statement at once: one wins, the other is told who has it', async () => {
    const id = await statementFor(null, 'CR-RACE');
    const [a, b] = await Promise.all([
      conversation.action(PAT, 'queue.assign', { queueStatementId: id, queuePersonId: 'p_sam' }),
      conversation.action(JO, 'queue.assign', { queueStatementId: id, queuePersonId: 'p_ali' }),
    ]);
    const winner = (await holders(id))?.[0];
    const [won, lost] = winner === 'p_sam' ? [words(a), words(b)] : [words(b), words(a)];
    const [winnerName, officer] = winner === 'p_sam' ? ['Sam Worker', 'Pat Participation'] : ['Ali Worker', 'Jo Participation'];
    expect(won).toContain(`CR-RACE is now with ${winnerName}.`);
    expect(lost).toContain(`${officer} assigned CR-RACE to ${winnerName} a moment ago, so nothing changed.`);
  });
});

describe('reassigning one statement', () => {
  it('"reassign CR-20430 to Ali" moves that statement only, after a preview that says who is told', async () => {
    const one = await statementFor('sam@council.example', 'CR-20430');
    const other = await statementFor('sam@council.example', 'CR-20431');
    const preview = await conversation.message(PAT, 'reassign CR-20430 to Ali');
    const text = words(preview);
    expect(text).toContain('Move CR-20430 CD from Sam Worker to Ali Worker?');
    expect(text).toContain('Told in their chats: Ali Worker (what is now theirs, and the cards), Sam Worker (what moved), Priya Manager (a summary)');
    const done = await conversation.action(PAT, 'flow.confirm', actionData(preview, 'flow.confirm'));
    expect(words(done)).toContain('CR-20430 CD is now with Ali Worker.');
    expect(await holders(one)).toEqual(['p_ali']);
    expect(await holders(other)).toEqual(['p_sam']);
    // Everyone it affects is queued to be told, once.
    expect(queued).toHaveLength(1);
    const told = await store.broadcasts.listRecipients(queued[0]);
    expect(told.map((r) => [r.personId, r.part])).toEqual([
      ['p_ali', 'new-holder'],
      ['p_priya', 'manager'],
      ['p_sam', 'previous-holder'],
    ]);
    // Confirming the old preview again changes nothing.
    expect(words(await conversation.action(PAT, 'flow.confirm', actionData(preview, 'flow.confirm')))).toContain('expired');
  });

  it('"assign CR-20388 to Hana" assigns a queued statement to the Head of Service (momo 1.3)', async () => {
    const id = await statementFor(null, 'CR-20388');
    const preview = await conversation.message(PAT, 'assign CR-20388 to Hana');
    expect(words(preview)).toContain('Assign CR-20388 CD to Hana Head?');
    expect(words(await conversation.action(PAT, 'flow.confirm', actionData(preview, 'flow.confirm')))).toContain('CR-20388 CD is now with Hana Head.');
    expect(await holders(id)).toEqual(['p_hana']);
    // A manager may not assign from the queue.
    const other = await statementFor(null, 'CR-20389');
    expect(words(await conversation.message(priya(), 'assign CR-20389 to Ali'))).toContain('Only the participation team can assign it from the queue');
    expect(await holders(other)).toEqual([]);
  });

  it('from a manager’s list: Reassign… gives a people picker, then the preview warns that the person is away', async () => {
    const id = await statementFor('sam@council.example', 'CR-LIST');
    await store.directory.putAbsence({ id: 'ab_ali', personId: 'p_ali', from: '2026-11-23', until: '2026-11-24', coverId: null });
    const team = await conversation.message(priya(), "what's due for my team this week");
    const drill = await conversation.action(priya(), 'team.person', actionData(team, 'team.person'));
    const picker = await conversation.action(priya(), 'reassign.one', actionData(drill, 'reassign.one', 'Reassign…'));
    const pickerText = words(picker);
    expect(pickerText).toContain('Reassign CR-LIST · CD');
    expect(pickerText).toContain('It is with Sam Worker.');
    const preview = await conversation.action(priya(), 'reassign.one', { ...actionData(picker, 'reassign.one'), reassignPersonId: 'p_ali' });
    expect(words(preview)).toContain('Ali Worker is away until Tue 24 Nov: check before moving work to them.');
    await conversation.action(priya(), 'flow.confirm', actionData(preview, 'flow.confirm'));
    expect(await holders(id)).toEqual(['p_ali']);
  });
});

describe('moving all of a person’s work', () => {
  it('previews exactly what moves — every open statement and every other clock they own — and who is told, then moves it in one go', async () => {
    const a = await statementFor('sam@council.example', 'CR-A');
    const b = await statementFor('sam@council.example', 'CR-B');
    // A clock Sam owns on a statement someone else holds (as a case's would be): it moves too, keeping its date.
    const elsewhere = await statementFor('ali@council.example', 'CR-ALI');
    await store.obligations.insertMany([
      statementObligation({ id: 'ob_case', standardId: 'momo.3.1', statementId: elsewhere, ownerId: 'p_sam', ownerRole: 'recipient', triggeredAt: clock, due: clock + 86400, status: 'open', completedAt: null, nextNudgeAt: null, lease: null, version: 1 }),
    ]);
    const preview = await conversation.message(PAT, "move Sam Worker's statements to Ali until Friday");
    const text = words(preview);
    expect(text).toContain('Move 2 open statements and 1 other deadline from Sam Worker to Ali Worker?');
    expect(text).toContain('CR-A CD · My World');
    expect(text).toContain('Recipient lets the child know the statement was received');
    // "until Friday" said on a Monday: back on Friday, so the last day away is Thursday.
    expect(text).toContain('\\"Until Friday\\" read as back on Fri 27 Nov, so the last day away is Thu 26 Nov');
    expect(text).toContain('Told in their chats: Ali Worker');
    const done = words(await conversation.action(PAT, 'flow.confirm', actionData(preview, 'flow.confirm')));
    expect(done).toContain('Moved 2 statements to Ali Worker.');
    expect(done).toContain('And 1 other deadline, each keeping its date.');
    expect(done).toContain('What is still open on Fri 27 Nov goes back to Sam Worker.');
    expect(await holders(a)).toEqual(['p_ali']);
    expect(await holders(b)).toEqual(['p_ali']);
    expect(await store.obligations.get('ob_case')).toMatchObject({ ownerId: 'p_ali', due: clock + 86400 });
    const [handover] = await store.handovers.listFrom('p_sam');
    expect(handover).toMatchObject({ state: 'active', until: '2026-11-26', returnAt: parseInstant('2026-11-27T00:00:00Z') });
    const audit = await store.audit.listForStatement(a);
    expect(audit.filter((e) => e.action === 'statement-reassigned').map((e) => e.details.handover)).toEqual([handover.id]);

    // Confirming again (a retry with the same key) moves nothing twice.
    const again = await handovers().confirm(PAT, handover.id, { from: sam(), to: ali(), until: '2026-11-26', statements: [], obligations: [], toAbsence: null });
    expect(again).toMatchObject({ ok: true, handover: { id: handover.id, state: 'active' } });
    expect((await store.audit.listForStatement(a)).filter((e) => e.action === 'statement-reassigned')).toHaveLength(1);

    // Meanwhile Ali passes CR-B on to Hana; on Friday at 00:00 what is still with Ali goes back to Sam.
    await service.reassign(b, 'p_hana', PAT, 'message');
    clock = parseInstant('2026-11-26T23:59:59Z');
    expect(await handovers().finishDue(clock)).toBe(0);
    clock = parseInstant('2026-11-27T00:00:00Z');
    expect(await handovers().finishDue(clock)).toBe(1);
    expect(await holders(a)).toEqual(['p_sam']);
    expect(await holders(b)).toEqual(['p_hana']);
    expect(await store.obligations.get('ob_case')).toMatchObject({ ownerId: 'p_sam' });
    expect(await store.handovers.get(handover.id)).toMatchObject({ state: 'returned' });
    // Both are told it went back.
    expect((await store.broadcasts.listRecipients(`bc_${handover.id}_back`)).map((r) => [r.personId, r.part])).toEqual([
      ['p_ali', 'previous-holder'],
      ['p_priya', 'manager'],
      ['p_sam', 'new-holder'],
    ]);
    expect(await handovers().finishDue(clock + 60)).toBe(0);
  });

  it('a manager records a worker off sick with cover "until Wednesday" and moves their work: back on Wednesday', async () => {
    const a = await statementFor('sam@council.example', 'CR-A');
    const preview = await conversation.message(priya(), 'Sam Worker is off sick until Wednesday, Ali covering');
    const text = words(preview);
    expect(text).toContain('Sam Worker is away Mon 23 Nov – Tue 24 Nov');
    expect(text).toContain('Back on Wed 25 Nov.');
    const done = words(await conversation.action(priya(), 'flow.confirm', actionData(preview, 'flow.confirm', 'Record it and move it to Ali')));
    expect(done).toContain('Recorded: away until Tue 24 Nov, Ali Worker covering.');
    expect(done).toContain('Moved 1 statement to Ali Worker.');
    expect(await holders(a)).toEqual(['p_ali']);
    expect(await store.directory.listAbsences('p_sam')).toEqual([expect.objectContaining({ from: '2026-11-23', until: '2026-11-24', coverId: 'p_ali' })]);
  });
});

describe('absences people can see and change', () => {
  beforeEach(async () => {
    await store.directory.putAbsence({ id: 'ab_sam', personId: 'p_sam', from: '2026-11-23', until: '2026-11-27', coverId: 'p_ali' });
    await store.directory.putAbsence({ id: 'ab_ali', personId: 'p_ali', from: '2026-11-30', until: '2026-12-04', coverId: null });
  });

  it('"who\'s off?" answers a manager about their team, and records nothing', async () => {
    const text = words(await conversation.message(priya(), "who's off?"));
    expect(text).toContain('1 away today, 1 more in the next two weeks');
    expect(text).toContain('Sam Worker: away until Fri 27 Nov (back Mon 30 Nov), Ali Worker covering');
    expect(text).toContain('Ali Worker: away Mon 30 Nov – Fri 4 Dec (back Mon 7 Dec), no cover');
    expect(words(await conversation.message(priya(), 'is anyone in my team on leave?'))).toContain('Sam Worker: away until Fri 27 Nov');
    expect(await store.directory.listAbsences('p_priya')).toEqual([]);
    expect(await store.flows.get('p_priya')).toBeNull();
    // A worker is pointed at their own.
    expect(words(await conversation.message(sam(), "who's off?"))).toContain('Team absences are for managers');
  });

  it('"am I down as on leave?" says so, and "cancel my leave" removes leave still to come after a preview', async () => {
    expect(words(await conversation.message(ali(), 'am I down as on leave?'))).toContain('away Mon 30 Nov – Fri 4 Dec (back Mon 7 Dec), no cover.');
    const preview = await conversation.message(ali(), 'cancel my leave');
    expect(words(preview)).toContain('Away Mon 30 Nov – Fri 4 Dec: removed.');
    expect(await store.directory.listAbsences('p_ali')).toHaveLength(1);
    expect(words(await conversation.action(ali(), 'flow.confirm', actionData(preview, 'flow.confirm')))).toContain('Removed: away Mon 30 Nov – Fri 4 Dec.');
    expect(await store.directory.listAbsences('p_ali')).toEqual([]);
    expect(words(await conversation.message(ali(), 'am I down as on leave?'))).toContain('You are not down as away');
  });

  it('"I\'m back" ends leave that has started (yesterday was its last day) and can take the work back at once', async () => {
    // Sam's work went to Ali until Friday; Sam is back on Wednesday.
    const a = await statementFor('sam@council.example', 'CR-A');
    // Sam is away, so it was routed to Ali; the participation team gives it to Sam, then moves Sam's work to Ali until Saturday.
    await service.reassign(a, 'p_sam', PAT, 'message');
    const preview = await conversation.message(PAT, "move Sam Worker's statements to Ali until Saturday");
    await conversation.action(PAT, 'flow.confirm', actionData(preview, 'flow.confirm'));
    clock = parseInstant('2026-11-25T09:05:00Z');
    const back = await conversation.message(sam(), "I'm back");
    const text = words(back);
    expect(text).toContain('end your leave today?');
    expect(text).toContain('Away Mon 23 Nov – Fri 27 Nov: ends now, you are back from today.');
    const done = words(await conversation.action(sam(), 'flow.confirm', actionData(back, 'flow.confirm', 'End it and take the work back now')));
    expect(done).toContain('Ended: you are back from today (the leave now ends Tue 24 Nov).');
    expect(done).toContain('went back to you');
    // The leave recorded and the cover recorded with the move both end yesterday.
    expect((await store.directory.listAbsences('p_sam')).map((x) => x.until)).toEqual(['2026-11-24', '2026-11-24']);
    expect(await holders(a)).toEqual(['p_sam']);
  });

  it('"I\'m on leave until Monday" said on a Monday means the coming Monday, back that day; "including Monday" changes it', async () => {
    const preview = await conversation.message(priya(), "I'm on leave until Monday");
    expect(words(preview)).toContain('Who is covering?');
    const card = words(await conversation.message(priya(), 'no one'));
    expect(card).toContain('You are away Mon 23 Nov – Sun 29 Nov');
    expect(card).toContain('Back on Mon 30 Nov. \\"Until Monday\\" read as back on Mon 30 Nov, so the last day away is Sun 29 Nov; if Monday is a day away too, say \\"including Monday\\".');
    const including = words(await conversation.message(priya(), 'including Monday'));
    expect(including).toContain('You are away Mon 23 Nov – Mon 30 Nov');
    expect(including).toContain('Back on Tue 1 Dec.');
  });

  it('a question typed during the away flow is answered, not taken as the last day', async () => {
    await statementFor('priya@council.example', 'CR-P');
    expect(words(await conversation.message(priya(), "I'm on annual leave"))).toContain('What is the last day you are away?');
    const answered = words(await conversation.message(priya(), "what's due by 18/12"));
    expect(answered).toContain('CR-P');
    expect(answered).toContain("I'm still setting up the absence: I need the last day.");
    expect(words(await conversation.message(priya(), 'next friday'))).toContain('Who is covering?');
  });
});

describe('notices and their delivery report', () => {
  it('previews the exact recipients by name, sends after confirming, and reports who read it', async () => {
    const preview = await conversation.message(PAT, 'send a notice to the North CiC team: Office closed on Friday. Please work from home.');
    const text = words(preview);
    expect(text).toContain('Send “Office closed on Friday.” to 3 people?');
    for (const name of ['Ali Worker', 'Priya Manager', 'Sam Worker']) expect(text).toContain(name);
    const sent = words(await conversation.action(PAT, 'flow.confirm', actionData(preview, 'flow.confirm')));
    expect(sent).toContain('is going to the North CiC team: 3 people.');
    expect(queued).toHaveLength(1);
    const id = queued[0];
    expect((await store.broadcasts.listRecipients(id)).map((r) => r.personId)).toEqual(['p_ali', 'p_priya', 'p_sam']);
    // "I've read this", from the person pressing it; someone it was not sent to is refused.
    const read = await conversation.action(sam(), 'broadcast.read', { broadcastId: id });
    expect(words(read)).toContain('You read this at 10:00 today');
    expect(words(await conversation.action(PAT, 'broadcast.read', { broadcastId: id }))).toContain('was not sent to you');
    const report = words(await conversation.message(PAT, 'show me the delivery report'));
    expect(report).toContain('Delivery report · Office closed on Friday.');
    expect(report).toContain('{"title":"Read","value":"1 of 1"}');
    // A worker sees no one else's report.
    expect(words(await conversation.action(sam(), 'broadcast.report', { broadcastId: id }))).toContain('not one you can see');
    const exported = words(await conversation.action(PAT, 'broadcast.export', { broadcastId: id }));
    expect(exported).toContain(`https://heard.example/api/broadcasts/${id}/report.csv?token=for-p_pat`);
  });

  it('asks a second time above the threshold, so nobody sends to everyone by accident; cancelled in flight, nothing more goes', async () => {
    await store.settings.set('broadcast-policy', { secondConfirmationAbove: 5 });
    const preview = await conversation.message(PAT, 'tell everyone: the system is down tonight');
    expect(words(preview)).toContain('That is 8 people: you will be asked once more before it goes.');
    const second = await conversation.action(PAT, 'flow.confirm', actionData(preview, 'flow.confirm'));
    expect(words(second)).toContain('Send to all 8 people?');
    expect(queued).toEqual([]);
    const sent = await conversation.action(PAT, 'flow.confirm', actionData(second, 'flow.confirm', 'Yes, send to all 8'));
    expect(words(sent)).toContain('8 people');
    const id = queued[0];
    const cancelled = words(await conversation.action(PAT, 'broadcast.cancel', { broadcastId: id }));
    expect(cancelled).toContain('Cancelled: 8 not sent.');
    expect(await store.broadcasts.get(id)).toMatchObject({ state: 'cancelled', cancelledBy: 'p_pat' });
    expect(words(await conversation.action(PAT, 'broadcast.cancel', { broadcastId: id }))).toContain('already finished sending');
  });

  it('asks who and what when not said, and is for the participation team only', async () => {
    expect(words(await conversation.message(PAT, 'I want to send a broadcast'))).toContain('Who is it for?');
    expect(words(await conversation.message(PAT, 'all managers'))).toContain('What should it say?');
    const preview = words(await conversation.message(PAT, 'Supervision records are due by Friday, thank you.'));
    expect(preview).toContain('Send “Supervision records are due by Friday, thank you.” to 1 person?');
    expect(preview).toContain('Priya Manager');
    expect(words(await conversation.message(priya(), 'send a notice to everyone: hello'))).toContain('sent by the participation team');
  });

  it('"broadcast the change to everyone affected" explains that moves are told automatically and shows the latest report', async () => {
    await statementFor('sam@council.example', 'CR-20430');
    await conversation.action(PAT, 'flow.confirm', actionData(await conversation.message(PAT, 'reassign CR-20430 to Ali'), 'flow.confirm'));
    const text = words(await conversation.message(PAT, 'broadcast the change to everyone affected'));
    expect(text).toContain('Everyone a move affects is told in their chat as soon as it is confirmed');
    expect(text).toContain('Delivery report · A statement moved');
  });
});

describe('understanding the participation team', () => {
  it.each([
    ['reassign CR-20430 to Sam', 'reassign', 'CR-20430'],
    ['assign CR-20388 to Hana', 'reassign', 'CR-20388'],
    ["who's off?", 'away', null],
    ['show me the delivery report', 'delivery-report', null],
    ['send a notice to everyone: office closed Friday', 'broadcast', null],
  ])('%p is %p', async (message, intent, ref) => {
    const u = await understander.parse(message, MONDAY_10AM);
    expect(u.intent).toBe(intent);
    expect(u.statementRef).toBe(ref);
  });

  it('reads "until Monday" on a Monday as the coming Monday', async () => {
    const u = await understander.parse("I'm on leave until Monday", MONDAY_10AM);
    expect(u).toMatchObject({ intent: 'away', absence: 'record', until: '2026-11-30', untilReading: 'back-on' });
    expect(formatInstant(MONDAY_10AM)).toBe('2026-11-23T10:00:00Z');
  });
});
