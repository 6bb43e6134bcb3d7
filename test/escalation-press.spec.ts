import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { DOWNLOAD_SECRET, MONDAY_10AM, PEOPLE, TEAMS, removeTempDir, standardsAndCalendar, tempDatabaseFile } from './test-council.fixture';
import { createBotApplication, turnHandler } from '../bot/heard-server';
import type { ProactiveSender, SendOutcome } from '../bot/proactive-sender';
import { StatementCards } from '../bot/statement-cards';
import { ANSWER_INPUTS, ANSWER_VERBS } from '../cards/answer-card-models';
import { DIGEST_QUESTIONS } from '../cards/digest-card';
import { QUEUE_QUESTION } from '../cards/nudge-card';
import { validateAdaptiveCard } from './validate-card';
import { Conversation, type ActionOutcome } from '../dialogs/conversation';
import { Understander } from '../dialogs/understand';
import { digestOptIn, setDigestOptIn } from '../domain/digest-preferences';
import type { Obligation } from '../domain/obligation';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { CaseWorkService } from '../domain/case-work-service';
import { StatementService } from '../domain/statement-service';
import { Worklists } from '../domain/worklists';
import { parseInstant } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * What the buttons of the scheduler's cards do, on the real store, statement service and
 * conversation: a manager takes or passes on a statement whose deadline was missed, anyone
 * else is refused and nothing moves; "Show statement" on a nudge; and the morning digest
 * turned on and off by typing it, through the real bot.
 *
 * The statements are Sam's (North CiC team, line-managed by Priya). Received at 10:00 on
 * Monday 23 November 2026, so momo 2.1 ("It must be downloaded or viewed within 7 working
 * hours.") is due at 17:00 that day.
 */
const PARTICIPATION: Person = { id: 'p_pat', aadObjectId: 'aad-pat', name: 'Pat Participation', email: 'pat@council.example', roles: ['participation'], teamId: null, lineManagerId: null };
const everyone = [...PEOPLE, PARTICIPATION];
const person = (id: string): Person => everyone.find((p) => p.id === id) as Person;
const TENANT = '11111111-1111-4111-8111-111111111111';

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
  await store.directory.upsert(everyone, TEAMS);
  clock = MONDAY_10AM;
  const { standards, calendar } = standardsAndCalendar();
  const now = () => clock;
  service = new StatementService({ store, standards, packs: new Set(['momo']), calendar, now });
  const caseWork = new CaseWorkService({ store, standards, packs: new Set(['momo']), calendar, now });
  conversation = new Conversation({ store, service, caseWork, worklists: new Worklists({ store, standards, now }), understander, standards, calendar, now });
});

afterEach(async () => {
  await store.close();
  removeTempDir(file);
});

async function samsStatement(reference = 'C-2002'): Promise<string> {
  const { statementId } = await service.receive(
    {
      externalId: `momo-${Math.random()}`,
      sentAt: clock,
      child: { reference, initials: 'CD' },
      type: 'my-world',
      intendedRecipient: { kind: 'person', email: 'sam@council.example' },
      flags: { complaint: false, safetyLink: false, unidentified: false },
      pdf: Buffer.from('%PDF-1.4 fictional'),
    },
    'api',
  );
  return statementId;
}

/** Sam's momo 2.1 clock on the statement: the one an escalation is about. */
async function missedClock(statementId: string): Promise<Obligation> {
  const found = (await store.obligations.listForStatement(statementId)).find((o) => o.standardId === 'momo.2.1' && o.ownerId === 'p_sam');
  if (!found) throw new Error('no momo.2.1 clock for Sam');
  return found;
}

/** A statement of Sam's whose momo 2.1 deadline (17:00 Monday) passed four working hours ago (13:00 Tuesday). */
async function escalated(): Promise<{ statementId: string; obligation: Obligation }> {
  const statementId = await samsStatement();
  const obligation = await missedClock(statementId);
  clock = parseInstant('2026-11-24T13:00:00Z');
  return { statementId, obligation };
}

/** The replacing card: valid at 1.5, as text. */
function replaced(outcome: ActionOutcome): string {
  expect(outcome.replace).not.toBeNull();
  expect(validateAdaptiveCard(outcome.replace!)).toEqual([]);
  return JSON.stringify(outcome.replace);
}

function press(by: string, verb: string, data: Record<string, unknown>): Promise<ActionOutcome> {
  return conversation.action(person(by), verb, data);
}

const take = (by: string, statementId: string, obligation: Obligation, variant = 'manager') =>
  press(by, ANSWER_VERBS.escalationTake, { verb: ANSWER_VERBS.escalationTake, statementId, obligationId: obligation.id, variant });

const reassign = (by: string, statementId: string, obligation: Obligation, to: string | undefined, variant = 'manager') =>
  press(by, ANSWER_VERBS.escalationReassign, { verb: ANSWER_VERBS.escalationReassign, statementId, obligationId: obligation.id, variant, ...(to === undefined ? {} : { [ANSWER_INPUTS.escalationPersonId]: to }) });

describe('an escalation card’s buttons', () => {
  it('"Reassign to me": Sam’s line manager takes the statement, audited as from the card, and the card says so', async () => {
    const { statementId, obligation } = await escalated();
    const outcome = await take('p_priya', statementId, obligation);

    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_priya'], status: 'assigned' });
    const audit = await store.audit.listForStatement(statementId);
    expect(audit[audit.length - 1]).toMatchObject({
      action: 'statement-reassigned',
      actor: { kind: 'person', id: 'p_priya' },
      channel: 'card',
      details: { from: 'p_sam', to: 'p_priya' },
    });
    // Sam's clocks stop with the move; Priya's start.
    expect((await store.obligations.get(obligation.id))?.status).toBe('cancelled');
    expect((await store.obligations.listForStatement(statementId)).filter((o) => o.status === 'open').map((o) => o.ownerId)).toEqual(expect.arrayContaining(['p_priya']));

    const card = replaced(outcome);
    expect(outcome.send).toEqual([]);
    expect(card).toContain('Now with you.');
    expect(card).toContain('Missed deadline: C-2002');
    expect(card).toContain('"title":"Deadline","value":"17:00 Mon 23 Nov"');
    expect(card).toContain('"title":"Late","value":"4 working hours late"');
    expect(card).toContain('"title":"Whose","value":"Sam Worker"');
    expect(card).toContain('"title":"Now with","value":"you"');
    expect(card).not.toContain('Reassign to me');
    expect(card).toContain('https://teams.microsoft.com/l/chat/0/0?users=sam%40council.example');
  });

  it('"Reassign to…": the manager gives it to someone in the team, who is offered in the list', async () => {
    const { statementId, obligation } = await escalated();
    const before = replaced(await reassign('p_priya', statementId, obligation, undefined));
    expect(before).toContain('Choose who it should go to, then press Reassign.');
    expect(before).toContain('"title":"Ali Worker","value":"p_ali"');
    // Sam has it already, and Priya has her own button.
    expect(before).not.toContain('"value":"p_sam"');
    expect(before).not.toContain('"value":"p_priya"');
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_sam'] });

    const card = replaced(await reassign('p_priya', statementId, obligation, 'p_ali'));
    expect(card).toContain('Now with Ali Worker.');
    expect(card).toContain('"title":"Now with","value":"Ali Worker"');
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_ali'] });
    const audit = await store.audit.listForStatement(statementId);
    expect(audit[audit.length - 1]).toMatchObject({ action: 'statement-reassigned', actor: { id: 'p_priya' }, channel: 'card', details: { from: 'p_sam', to: 'p_ali' } });
  });

  it.each([
    ['a colleague', 'p_ali'],
    ['the complaints officer', 'p_cora'],
    ['a manager of no one involved', 'p_dev'],
  ])('%s pressing "Reassign to me" is refused in plain words, is not shown the card, and nothing changes', async (_, who) => {
    const { statementId, obligation } = await escalated();
    const statementBefore = await store.statements.get(statementId);
    const auditBefore = await store.audit.listForStatement(statementId);

    expect(await take(who, statementId, obligation)).toEqual({
      replace: null,
      send: [{ kind: 'text', text: "Only Sam Worker's manager or the participation team can move it, so nothing changed." }],
    });
    expect(await store.statements.get(statementId)).toEqual(statementBefore);
    expect(await store.audit.listForStatement(statementId)).toEqual(auditBefore);

    expect((await reassign(who, statementId, obligation, who)).replace).toBeNull();
    expect(await store.statements.get(statementId)).toEqual(statementBefore);
    expect(await store.audit.listForStatement(statementId)).toEqual(auditBefore);
  });

  it('someone covering for Sam, who may see it but not move it, sees the card with the refusal', async () => {
    const { statementId, obligation } = await escalated();
    // Ali covers for Sam: he may see Sam's statement, not move it.
    await store.directory.putAbsence({ id: 'ab_1', personId: 'p_sam', from: '2026-11-23', until: '2026-11-27', coverId: 'p_ali' });
    const card = replaced(await take('p_ali', statementId, obligation));
    expect(card).toContain("Only Sam Worker's manager or the participation team can move it, so nothing changed.");
    expect(card).toContain('Reassign to me');
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_sam'] });
  });

  it('the card data grants nothing: the identity of whoever pressed decides, not the card', async () => {
    const { statementId, obligation } = await escalated();
    // Ali's press carries a card meant for Priya and names Ali as the target: still refused.
    const outcome = await reassign('p_ali', statementId, obligation, 'p_ali', 'reassigned');
    expect(outcome.send).toEqual([{ kind: 'text', text: expect.stringContaining('nothing changed') }]);
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_sam'] });
  });

  it('the participation team may move it too', async () => {
    const { statementId, obligation } = await escalated();
    const card = replaced(await reassign('p_pat', statementId, obligation, 'p_ali'));
    expect(card).toContain('Now with Ali Worker.');
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_ali'] });
  });

  it('a second press says it is there already; an unknown person or a stale card changes nothing', async () => {
    const { statementId, obligation } = await escalated();
    await take('p_priya', statementId, obligation);
    expect(replaced(await take('p_priya', statementId, obligation))).toContain('It is with you already, so nothing changed.');
    // Holding it, she may pass it to someone she manages, but not to someone she does not.
    expect(replaced(await reassign('p_priya', statementId, obligation, 'p_cora'))).toContain('It is with you: you can pass it to someone you manage');
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_priya'] });
    expect(replaced(await reassign('p_priya', statementId, obligation, 'p_ali'))).toContain('Now with Ali Worker.');
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_ali'] });

    const other = await samsStatement('C-3003');
    expect(replaced(await reassign('p_pat', other, await missedClock(other), 'p_nobody'))).toContain("I can't find that person in Heard's directory, so nothing changed.");
    expect(await store.statements.get(other)).toMatchObject({ assigneeIds: ['p_sam'] });

    // A clock of another statement, or none: nothing is moved.
    for (const data of [{ statementId: other, obligationId: obligation.id }, { statementId: other }, {}]) {
      const outcome = await press('p_priya', ANSWER_VERBS.escalationTake, { verb: ANSWER_VERBS.escalationTake, ...data });
      expect(outcome).toEqual({ replace: null, send: [{ kind: 'text', text: expect.stringContaining('nothing changed') }] });
    }
    expect(await store.statements.get(other)).toMatchObject({ assigneeIds: ['p_sam'] });
  });

  it('once the standard has moved it to the manager (momo 2.2), the card says so and offers no "Reassign to me"', async () => {
    const { statementId, obligation } = await escalated();
    await service.reassign(statementId, 'p_priya', PARTICIPATION, 'card');
    const card = replaced(await reassign('p_priya', statementId, obligation, undefined, 'reassigned'));
    expect(card).toContain('C-2002 is now with you');
    expect(card).toContain('Heard has reassigned it to you');
    expect(card).not.toContain('Reassign to me');
    expect(card).toContain('Reassign to…');
  });
});

describe('"Show statement" on a nudge', () => {
  const show = (by: string, statementId: string) => press(by, ANSWER_VERBS.nudgeShow, { verb: ANSWER_VERBS.nudgeShow, statementId });

  it.each([
    ['the assignee', 'p_sam'],
    ['their line manager', 'p_priya'],
    ['the participation team', 'p_pat'],
  ])('posts the statement’s card below for %s and leaves the nudge as it is', async (_, who) => {
    const statementId = await samsStatement();
    expect(await show(who, statementId)).toEqual({ replace: null, send: [{ kind: 'statement', statementId, download: false }] });
  });

  it('shows it to whoever covers for the assignee while they are away, and to no other colleague', async () => {
    const statementId = await samsStatement();
    const refused = await show('p_ali', statementId);
    expect(refused.replace).toBeNull();
    expect(refused.send).toEqual([{ kind: 'text', text: expect.stringContaining("I can't show it") }]);

    await store.directory.putAbsence({ id: 'ab_1', personId: 'p_sam', from: '2026-11-23', until: '2026-11-27', coverId: 'p_ali' });
    expect((await show('p_ali', statementId)).send).toEqual([{ kind: 'statement', statementId, download: false }]);
    expect((await show('p_cora', statementId)).send[0]).toMatchObject({ kind: 'text' });
  });

  it('says so for a statement that does not exist', async () => {
    expect((await show('p_sam', 'st_nope')).send).toEqual([{ kind: 'text', text: expect.stringContaining("I can't show it") }]);
  });
});

describe('the questions the scheduler’s cards ask', () => {
  it.each([
    ['Open the queue', QUEUE_QUESTION, 'unassigned'],
    [DIGEST_QUESTIONS.unassigned.title, DIGEST_QUESTIONS.unassigned.text, 'unassigned'],
    [DIGEST_QUESTIONS.teamOverdue.title, DIGEST_QUESTIONS.teamOverdue.text, 'team-overdue'],
    [DIGEST_QUESTIONS.teamDue.title, DIGEST_QUESTIONS.teamDue.text, 'team-due'],
    [DIGEST_QUESTIONS.dueToday.title, DIGEST_QUESTIONS.dueToday.text, 'due'],
    [DIGEST_QUESTIONS.overdue.title, DIGEST_QUESTIONS.overdue.text, 'overdue'],
  ])('"%s" asks "%s", understood as %s', async (_, text, intent) => {
    expect((await understander.parse(text, clock)).intent).toBe(intent);
  });

  it('"What\'s due today?" is about today only', async () => {
    expect((await understander.parse(DIGEST_QUESTIONS.dueToday.text, clock)).range).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });
});

// ---- through the bot ------------------------------------------------------------------

class RecordingSender implements ProactiveSender {
  sent: { aadObjectId: string; activity: Partial<Activity> }[] = [];
  async send(aadObjectId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    this.sent.push({ aadObjectId, activity });
    return { ok: true, activityId: `sent-${this.sent.length}` };
  }
  async update(aadObjectId: string, activityId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    this.sent.push({ aadObjectId, activity: { ...activity, id: activityId } });
    return { ok: true, activityId };
  }
}

/** The real bot for one person's personal chat (already installed, so no welcome). */
async function botFor(who: Person, conversationType: 'personal' | 'channel' = 'personal'): Promise<TestAdapter> {
  const { standards, calendar } = standardsAndCalendar();
  const now = () => clock;
  const log = () => undefined;
  const cards = new StatementCards({ store, service, sender: new RecordingSender(), standards, calendar, now, downloadSecret: DOWNLOAD_SECRET, publicUrl: 'https://heard.council.example', log });
  const app = createBotApplication({ appId: '', store, service, cards, conversation, now, log });
  const test = new TestAdapter(turnHandler(app, TENANT, log));
  test.conversation.channelId = 'msteams';
  test.conversation.conversation = { id: `a:${who.id}`, conversationType, tenantId: TENANT, isGroup: conversationType !== 'personal', name: '' };
  test.conversation.user = { id: `29:${who.id}`, aadObjectId: who.aadObjectId ?? undefined, name: 'Fictional' };
  test.conversation.bot = { id: '28:heard', name: 'Heard' };
  await store.conversations.save({ aadObjectId: who.aadObjectId as string, reference: { user: { id: `29:${who.id}` } }, installed: true, updatedAt: clock });
  return test;
}

const cardText = (activity: Partial<Activity>) => JSON.stringify(activity.attachments?.[0]?.content ?? activity.text);

describe('the morning digest, turned on and off by typing it', () => {
  it('"morning digest on" records it for the person typing and confirms; "Morning digest off." undoes it', async () => {
    const sam = person('p_sam');
    expect(await digestOptIn(store.settings, 'p_sam')).toBe(false);
    await (await botFor(sam))
      .send('morning digest on')
      .assertReply((a) => {
        expect(cardText(a)).toContain('Morning digest on');
        expect(cardText(a)).toContain('morning digest off');
        expect(validateAdaptiveCard(a.attachments![0].content)).toEqual([]);
      })
      .startTest();
    expect(await digestOptIn(store.settings, 'p_sam')).toBe(true);
    expect(await store.settings.get('digest-opt-in:p_sam')).toBe(true);
    expect(await digestOptIn(store.settings, 'p_ali')).toBe(false);

    await (await botFor(sam))
      .send('  Morning digest OFF. ')
      .assertReply((a) => expect(cardText(a)).toContain('Morning digest off'))
      .startTest();
    expect(await digestOptIn(store.settings, 'p_sam')).toBe(false);
  });

  it('in a channel it points to the personal chat and changes nothing', async () => {
    await (await botFor(person('p_sam'), 'channel'))
      .send('morning digest on')
      .assertReply((a) => expect(a.text).toContain('personal chat'))
      .startTest();
    expect(await digestOptIn(store.settings, 'p_sam')).toBe(false);
  });

  it('the preference round-trips through the store', async () => {
    await setDigestOptIn(store.settings, 'p_ali', true);
    expect(await digestOptIn(store.settings, 'p_ali')).toBe(true);
    await setDigestOptIn(store.settings, 'p_ali', false);
    expect(await digestOptIn(store.settings, 'p_ali')).toBe(false);
  });
});

describe('an escalation press through the bot', () => {
  it('Priya’s Action.Execute "Reassign to me" moves the statement and answers with the updated card', async () => {
    const { statementId, obligation } = await escalated();
    const verb = ANSWER_VERBS.escalationTake;
    const invoke = {
      type: ActivityTypes.Invoke,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { verb, statementId, obligationId: obligation.id, variant: 'manager' } }, trigger: 'manual' },
    } as Partial<Activity>;
    await (await botFor(person('p_priya')))
      .send(invoke)
      .assertReply((a) => {
        expect(a.type).toBe('invokeResponse');
        const body = (a.value as { body: { type: string; value: object } }).body;
        expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
        expect(validateAdaptiveCard(body.value)).toEqual([]);
        expect(JSON.stringify(body.value)).toContain('Now with you.');
      })
      .startTest();
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_priya'] });
  });

  it('Ali’s Action.Submit fallback of the same button is refused and nothing moves', async () => {
    const { statementId, obligation } = await escalated();
    const verb = ANSWER_VERBS.escalationTake;
    await (await botFor(person('p_ali')))
      .send({ type: ActivityTypes.Message, value: { verb, statementId, obligationId: obligation.id, variant: 'manager' } } as Partial<Activity>)
      .assertReply((a) => expect(a.text).toBe("Only Sam Worker's manager or the participation team can move it, so nothing changed."))
      .startTest();
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_sam'] });
  });
});
