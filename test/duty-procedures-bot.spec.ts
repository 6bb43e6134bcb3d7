import nock from 'nock';
import { DUTY_INPUTS, DUTY_VERBS } from '../cards/duty-card-model';
import { ANSWER_VERBS } from '../cards/answer-card-models';
import { FOLLOW_UP_INPUTS } from '../cards/safety-link-words';
import { STATEMENT_VERBS } from '../cards/statement-card-model';
import { DUTY_STEPS } from '../domain/duty-procedure';
import type { RotaShift } from '../domain/duty-rota';
import type { Person } from '../domain/person';
import { parseInstant } from '../standards';
import { startHeardOverHttp, type HeardOverHttp, type Sent } from './heard-over-http';
import { PEOPLE, TEAMS } from './test-council.fixture';
import { validateAdaptiveCard } from './validate-card';

/**
 * The youth justice procedures through the real bot stack — HTTP to /api/messages, the
 * signed intake, the real domain and embedded store, nock as the Teams connector — as the
 * team manager, the duty manager, the duty officer and the worker would use them in Teams
 * (001_e965c80aecdabb90.txt, "Practice standards for service portal users").
 */

const PAT: Person = { id: 'p_pat', aadObjectId: 'aad-pat', name: 'Pat Participation', email: 'pat@council.example', roles: ['participation'], teamId: null, lineManagerId: null };
const NIA: Person = { id: 'p_nia', aadObjectId: 'aad-nia', name: 'Nia Nights', email: 'nia@council.example', roles: ['duty-manager'], teamId: null, lineManagerId: null };
const DEE: Person = { id: 'p_dee', aadObjectId: 'aad-dee', name: 'Dee Officer', email: 'dee@council.example', roles: ['duty-officer'], teamId: null, lineManagerId: 'p_dev' };
const COUNCIL = [...PEOPLE, PAT, NIA, DEE];

/** 02:00 on Saturday 21 November 2026 (GMT). */
const SAT_2AM = parseInstant('2026-11-21T02:00:00Z');
const shift = (id: string, role: RotaShift['role'], personId: string, from: string, until: string): RotaShift => ({ id, role, personId, from: parseInstant(from), until: parseInstant(until) });
/** The weekend rota: Dee is duty officer and Nia duty manager from Friday 17:00 to Monday 09:00. */
const WEEKEND_ROTA = [shift('rs_dee', 'duty-officer', 'p_dee', '2026-11-20T17:00:00Z', '2026-11-23T09:00:00Z'), shift('rs_nia', 'duty-manager', 'p_nia', '2026-11-20T17:00:00Z', '2026-11-23T09:00:00Z')];
const withRota = (shifts: RotaShift[]) => async (store: HeardOverHttp['store']) =>
  store.rota.replace({ roles: ['duty-officer', 'duty-manager'], from: parseInstant('2026-11-16T00:00:00Z'), until: parseInstant('2026-11-30T00:00:00Z') }, shifts);

const textOf = (value: unknown) => JSON.stringify(value);
const cardOf = (sent: Sent) => sent.body.attachments?.[0].content ?? {};
const replyCard = (json: unknown) => (json as { value: Record<string, unknown> }).value;

let h: HeardOverHttp;

jest.setTimeout(60_000);

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
});
afterAll(() => nock.enableNetConnect());
afterEach(async () => h?.close());

async function council(options: { rota?: RotaShift[]; people?: Person[]; start?: number } = {}) {
  h = await startHeardOverHttp({ people: options.people ?? COUNCIL, teams: TEAMS, packs: ['momo', 'yjs'], start: options.start ?? SAT_2AM, prepare: withRota(options.rota ?? WEEKEND_ROTA) });
  h.connector();
  for (const p of options.people ?? COUNCIL) if (p.aadObjectId) await h.install(p.aadObjectId);
  await h.settle();
  h.sent.length = 0;
}

const sentAt = () => new Date(h.clock.now * 1000).toISOString();
const latestCard = (aad: string) => cardOf(h.cardsSentTo(aad).at(-1) as Sent);

describe('Safety Link 2: "Team Managers receiving a statement, where the Safety Link has been triggered, will follow up with the allocated worker to decide if safeguarding procedures apply or urgent action is required."', () => {
  const safetyLink = { flags: { complaint: false, safetyLink: true, unidentified: false } };

  it('the team manager records the follow-up from their card; the worker is told, their card updates, and the clock stops before it could escalate', async () => {
    await council({ start: parseInstant('2026-11-23T10:00:00Z') });
    const statementId = await h.postStatement('momo-sl-1', { ...safetyLink, sentAt: sentAt() });
    await h.settle();
    // Both get the card at once: the team manager's with the follow-up form, the worker's saying who will follow up.
    const priyaCard = latestCard('aad-priya');
    expect(validateAdaptiveCard(priyaCard)).toEqual([]);
    expect(textOf(priyaCard)).toContain('Follow up with Sam Worker: decide if safeguarding procedures apply or urgent action is required.');
    expect(textOf(priyaCard)).toContain(FOLLOW_UP_INPUTS.note);
    const samCard = latestCard('aad-sam');
    expect(textOf(samCard)).toContain('Priya Manager will follow up with you');
    expect(textOf(samCard)).not.toContain(FOLLOW_UP_INPUTS.note);

    // The worker cannot record their manager's follow-up.
    const bySam = await h.execute('aad-sam', STATEMENT_VERBS.safetyLinkFollowUp, { statementId, [FOLLOW_UP_INPUTS.decision]: 'no-further-action', [FOLLOW_UP_INPUTS.note]: 'Fine' });
    expect(textOf(bySam.json)).toContain('recorded by the team manager (or the duty manager it was sent to), so nothing changed');
    // A missing note is asked for; nothing is recorded.
    const noNote = await h.execute('aad-priya', STATEMENT_VERBS.safetyLinkFollowUp, { statementId, [FOLLOW_UP_INPUTS.decision]: 'urgent-action', [FOLLOW_UP_INPUTS.note]: '  ' });
    expect(textOf(noNote.json)).toContain('The note is empty');
    expect(await h.store.followUps.getForStatement(statementId)).toBeNull();

    h.clock.now += 25 * 60;
    const note = 'Spoke with Sam: home visit at 11:30, police aware.';
    const [priyaDelivery] = (await h.store.cards.listForStatement(statementId)).filter((d) => d.personId === 'p_priya');
    const done = await h.execute('aad-priya', STATEMENT_VERBS.safetyLinkFollowUp, { statementId, [FOLLOW_UP_INPUTS.decision]: 'urgent-action', [FOLLOW_UP_INPUTS.note]: note }, priyaDelivery.activityId!);
    expect(validateAdaptiveCard(replyCard(done.json))).toEqual([]);
    expect(textOf(done.json)).toContain('Follow-up recorded: Urgent action taken. The allocated worker has been told, and the clock has stopped.');
    await h.settle();

    // Stops the clock; the decision is audited by code, the note kept with the follow-up and never logged.
    const clock = (await h.store.obligations.listForStatement(statementId)).find((o) => o.standardId === 'yjs.safety-link-2');
    expect(clock).toMatchObject({ ownerId: 'p_priya', status: 'met', completedAt: h.clock.now });
    expect(await h.store.followUps.getForStatement(statementId)).toMatchObject({ decision: 'urgent-action', note, byId: 'p_priya' });
    const audit = await h.store.audit.listForStatement(statementId);
    expect(audit.find((e) => e.action === 'safety-link-followed-up')).toMatchObject({ actor: { kind: 'person', id: 'p_priya' }, channel: 'card', details: { decision: 'urgent-action' } });
    expect(textOf(audit)).not.toContain('home visit');
    expect(textOf(h.logs)).not.toContain('home visit');

    // Tells the allocated worker: a message in their chat, and their card updated in place with the decision and the note.
    const told = h.cardsSentTo('aad-sam').filter((s) => s.method === 'POST').map(cardOf);
    expect(textOf(told)).toContain('Priya Manager followed up the Safety Link with you: Urgent action taken.');
    const [samDelivery] = (await h.store.cards.listForStatement(statementId)).filter((d) => d.personId === 'p_sam');
    const samUpdate = h.sent.filter((s) => s.method === 'PUT' && s.path.endsWith(`/activities/${samDelivery.activityId}`)).at(-1) as Sent;
    expect(textOf(cardOf(samUpdate))).toContain('Urgent action taken');
    expect(textOf(cardOf(samUpdate))).toContain(note);

    // The participation team sees the decision, not the note.
    const forPat = await h.execute('aad-pat', STATEMENT_VERBS.refresh, { statementId });
    expect(textOf(forPat.json)).toContain('Urgent action taken');
    expect(textOf(forPat.json)).not.toContain('home visit');

    // An hour after it arrived: followed up in time, so no escalation to the duty manager.
    h.sent.length = 0;
    h.clock.now = parseInstant('2026-11-23T11:30:00Z');
    await h.heard.scheduler.sweep();
    expect(textOf(h.sent)).not.toContain('yjs.safety-link-2');
    expect(h.cardsSentTo('aad-dev')).toEqual([]);
    expect(await h.store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_sam', 'p_priya'] });
  });

  it('at 02:00 on a Saturday the alert reaches the team manager at once; not followed up within the hour, it goes to the duty manager on the rota, who records the follow-up from the escalated card', async () => {
    await council();
    const statementId = await h.postStatement('momo-sl-night', { ...safetyLink, sentAt: sentAt() });
    await h.settle();
    await h.heard.scheduler.sweep();
    // The card and the immediate notice reach Priya at 02:00.
    expect(h.cardsSentTo('aad-priya').length).toBeGreaterThanOrEqual(2);
    expect(textOf(h.cardsSentTo('aad-priya').map(cardOf))).toContain('Follow up with Sam Worker');

    h.sent.length = 0;
    h.clock.now = SAT_2AM + 60 * 60;
    await h.heard.scheduler.sweep();
    await h.settle();
    // "In the manager’s absence … the statement will be sent to the Duty Manager for action": Nia, on the weekend rota.
    expect(await h.store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_sam', 'p_nia'] });
    const escalation = h.cardsSentTo('aad-nia').map(cardOf).find((c) => textOf(c).includes('is now with you')) as Record<string, unknown>;
    expect(validateAdaptiveCard(escalation)).toEqual([]);
    expect(textOf(escalation)).toContain('The standard says it then goes to the duty manager');
    expect(textOf(escalation)).toContain(FOLLOW_UP_INPUTS.decision);
    // Dev, the weekday duty manager, and the participation team are not woken.
    expect(h.cardsSentTo('aad-dev')).toEqual([]);

    const obligationId = (await h.store.obligations.listForStatement(statementId)).find((o) => o.standardId === 'yjs.safety-link-2')!.id;
    h.clock.now += 10 * 60;
    const press = await h.execute('aad-nia', ANSWER_VERBS.escalationFollowUp, {
      statementId,
      obligationId,
      variant: 'reassigned',
      [FOLLOW_UP_INPUTS.decision]: 'safeguarding-procedures',
      [FOLLOW_UP_INPUTS.note]: 'Strategy discussion requested with police.',
    });
    expect(validateAdaptiveCard(replyCard(press.json))).toEqual([]);
    expect(textOf(press.json)).toContain('Follow-up recorded: Safeguarding procedures apply.');
    await h.settle();
    expect(await h.store.followUps.getForStatement(statementId)).toMatchObject({ decision: 'safeguarding-procedures', byId: 'p_nia' });
    expect(textOf(h.cardsSentTo('aad-sam').map(cardOf))).toContain('Nia Nights followed up the Safety Link with you: Safeguarding procedures apply.');
  });

  it('with nobody on the duty rota at 03:00 on a Saturday, the duty manager of the directory is told; with nobody holding the role, the participation team', async () => {
    await council({ rota: [] });
    const first = await h.postStatement('momo-sl-norota', { ...safetyLink, sentAt: sentAt() });
    await h.settle();
    h.clock.now = SAT_2AM + 60 * 60;
    await h.heard.scheduler.sweep();
    await h.settle();
    expect(await h.store.statements.get(first)).toMatchObject({ assigneeIds: ['p_sam', 'p_dev'] });
    expect(textOf(h.cardsSentTo('aad-dev').map(cardOf))).toContain('is now with you');
    await h.close();

    const noDutyManagers = COUNCIL.map((p) => (p.roles.includes('duty-manager') ? { ...p, roles: ['worker' as const] } : p));
    await council({ rota: [], people: noDutyManagers });
    const second = await h.postStatement('momo-sl-nobody', { ...safetyLink, sentAt: sentAt() });
    await h.settle();
    h.clock.now = SAT_2AM + 60 * 60;
    await h.heard.scheduler.sweep();
    await h.settle();
    // Nothing is dropped: it stays with Sam and Priya, and the participation team is told of the missed follow-up.
    expect(await h.store.statements.get(second)).toMatchObject({ assigneeIds: ['p_sam', 'p_priya'] });
    const toPat = h.cardsSentTo('aad-pat').map(cardOf);
    expect(textOf(toPat)).toContain('Missed deadline');
    expect(textOf(toPat)).toContain('Team manager follows up a Safety Link statement with the allocated worker');
  });
});

describe('Statements received from unidentified young people: "Do not assign the statement."', () => {
  const unidentified = { flags: { complaint: false, safetyLink: false, unidentified: true }, child: { reference: 'GIVEN-NAME-JO', initials: 'JQ' } };
  const step = (aad: string, statementId: string, which: string, replyToId?: string) => h.execute(aad, DUTY_VERBS.step, { statementId, step: which }, replyToId);
  const buttons = (card: unknown) => ((card as { actions?: { title: string }[] }).actions ?? []).map((a) => a.title);

  it('reaches the duty officer on the rota at 02:00 on a Saturday; each step is a button on the card, in order, each with its clock and audit event; the duty manager requests deletion with the statement id only', async () => {
    await council();
    const statementId = await h.postStatement('momo-unknown-1', { ...unidentified, sentAt: sentAt() });
    await h.settle();
    // Heard keeps nothing of the young person but the statement id: not the reference and initials the portal sent.
    expect(await h.store.statements.get(statementId)).toMatchObject({ status: 'duty-procedure', assigneeIds: [], duty: { officerIds: ['p_dee'] }, child: { reference: 'unidentified-momo-unknown-1', initials: '' } });
    const card = latestCard('aad-dee');
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(textOf(card)).toContain('Unidentified young person');
    expect(textOf(card)).toContain('momo-unknown-1');
    expect(buttons(card)).toEqual(['Records checked, duty manager told']);
    // "The card never shows the statement's content or the given name": nor the reference and initials as sent.
    for (const secret of ['GIVEN-NAME-JO', 'JQ', 'PDF-1.4', 'Download']) expect(textOf(card)).not.toContain(secret);
    // Nor does the notice the participation team gets when someone following it cannot be reached.
    expect(textOf(h.sent)).not.toContain('GIVEN-NAME-JO');
    expect(h.cardsSentTo('aad-sam')).toEqual([]);

    // A step out of order is refused politely, and nothing changes.
    const early = await step('aad-dee', statementId, DUTY_STEPS.contacted);
    expect(textOf(early.json)).toContain('First record “Records checked, duty manager told”, then this step. Nothing changed.');
    expect((await h.store.audit.listForStatement(statementId)).filter((e) => e.actor.kind === 'person')).toEqual([]);

    // "… cross reference the given name on the statement with Child View and LCS records, before notifying the Duty Manager, who is identifiable via the Youth Justice Service Duty Rota."
    h.clock.now += 30 * 60;
    const checked = await step('aad-dee', statementId, DUTY_STEPS.recordsChecked);
    expect(textOf(checked.json)).toContain('Nia Nights (duty manager) now has this card too.');
    expect(buttons(replyCard(checked.json))).toEqual(['Young person contacted', 'Identify the young person']);
    await h.settle();
    expect(textOf(latestCard('aad-nia'))).toContain('Records checked: contact the young person');
    expect(buttons(latestCard('aad-nia'))).toEqual([]);

    h.clock.now = parseInstant('2026-11-21T09:30:00Z');
    await step('aad-dee', statementId, DUTY_STEPS.contacted);
    // "The Duty Officer will send a 2nd e-mail to follow up … within two days … three working days."
    h.clock.now = parseInstant('2026-11-23T15:00:00Z'); // Monday
    const emailed = await step('aad-dee', statementId, DUTY_STEPS.followUpEmailSent);
    expect(textOf(emailed.json)).toContain('They have two days to get in touch');
    expect(textOf(emailed.json)).toContain('The young person was asked to get in touch by 24:00 Wed 25 Nov');
    expect(textOf(emailed.json)).toContain('Request deletion from Mind Of My Own by 17:00 Thu 26 Nov');
    expect(buttons(replyCard(emailed.json))).toEqual(['Young person responded', 'Identify the young person']);
    await h.settle();

    // The duty manager's card shows what to send: the statement id, and an e-mail with nothing about the young person.
    const niaCard = latestCard('aad-nia');
    expect(validateAdaptiveCard(niaCard)).toEqual([]);
    expect(buttons(niaCard)).toEqual(['Deletion requested']);
    const mailto = /"url":"(mailto:[^"]+)"/.exec(textOf(niaCard))?.[1] ?? '';
    expect(decodeURIComponent(mailto)).toContain('Statement ID: momo-unknown-1');
    for (const secret of ['GIVEN-NAME-JO', 'JQ']) expect(decodeURIComponent(mailto)).not.toContain(secret);

    // The deletion request is the duty manager's e-mail, not the duty officer's.
    const notDee = await step('aad-dee', statementId, DUTY_STEPS.deletionRequested);
    expect(textOf(notDee.json)).toContain('That step is for the duty officer following this statement (the deletion request for the duty manager), so nothing changed.');
    h.clock.now = parseInstant('2026-11-26T17:05:00Z');
    const requested = await step('aad-nia', statementId, DUTY_STEPS.deletionRequested);
    expect(textOf(requested.json)).toContain('Deletion requested: recorded. The duty officer now tells the young person');
    await h.settle();
    expect(await h.store.statements.get(statementId)).toMatchObject({ status: 'closed', assigneeIds: [] });
    expect(await h.store.pdfs.get(statementId)).toBeNull();

    const audit = await h.store.audit.listForStatement(statementId);
    expect(audit.filter((e) => e.actor.kind === 'person').map((e) => [e.action, e.actor.id])).toEqual([
      ['duty-records-checked', 'p_dee'],
      ['young-person-contacted', 'p_dee'],
      ['follow-up-email-sent', 'p_dee'],
      ['deletion-requested', 'p_nia'],
    ]);
    const clocks = Object.fromEntries((await h.store.obligations.listForStatement(statementId)).map((o) => [o.standardId, o.status]));
    expect(clocks).toEqual({
      'yjs.unidentified.cross-reference': 'met',
      'yjs.unidentified.contact': 'met',
      'yjs.unidentified.reply-window': 'open',
      'yjs.unidentified.deletion-request': 'met',
    });
  });

  it('"young person responded": the duty officer identifies them (case reference and initials, checked) and the statement is routed like any other', async () => {
    await council();
    const statementId = await h.postStatement('momo-unknown-2', { ...unidentified, sentAt: sentAt() });
    await h.settle();
    for (const s of [DUTY_STEPS.recordsChecked, DUTY_STEPS.contacted]) await step('aad-dee', statementId, s);
    h.clock.now = parseInstant('2026-11-23T10:00:00Z');
    expect(textOf((await step('aad-dee', statementId, DUTY_STEPS.responded)).json)).toContain('Young person responded: recorded.');

    const identify = (initials: string) => h.execute('aad-dee', DUTY_VERBS.identify, { statementId, [DUTY_INPUTS.reference]: 'CR-20417', [DUTY_INPUTS.initials]: initials });
    for (const wrong of ['j.b.', 'Jo Bloggs', 'ABCDE', '']) {
      expect(textOf((await identify(wrong)).json)).toContain('Enter the young person’s initials as up to four capital letters');
    }
    expect(await h.store.statements.get(statementId)).toMatchObject({ status: 'duty-procedure' });
    const done = await identify('J.B.');
    expect(textOf(done.json)).toContain('Identified as CR-20417 · J.B. and routed like any other statement. It is now with Sam Worker.');
    await h.settle();
    expect(await h.store.statements.get(statementId)).toMatchObject({ status: 'delivered', assigneeIds: ['p_sam'], child: { reference: 'CR-20417', initials: 'J.B.' } });
    // Sam now gets the statement's own card, with Download; Dee's card says how the procedure ended.
    const samCard = latestCard('aad-sam');
    expect(validateAdaptiveCard(samCard)).toEqual([]);
    expect(textOf(samCard)).toContain('CR-20417');
    expect(textOf(samCard)).toContain('Download');
    const deeUpdate = h.sent.filter((s) => s.method === 'PUT' && s.path.startsWith('/v3/conversations/a:aad-dee/')).at(-1) as Sent;
    expect(textOf(cardOf(deeUpdate))).toContain('Identified by Dee Officer');
    expect(textOf(cardOf(deeUpdate))).toContain('now with Sam Worker');
  });

  it('nothing is dropped: with nobody on the duty rota, the participation team gets the card and may take the steps; a colleague may not see it', async () => {
    await council({ rota: [], start: parseInstant('2026-11-24T12:00:00Z') });
    const statementId = await h.postStatement('momo-unknown-3', { ...unidentified, sentAt: sentAt() });
    await h.settle();
    const card = latestCard('aad-pat');
    expect(textOf(card)).toContain('Participation team (nobody was on the duty rota)');
    expect(buttons(card)).toEqual(['Records checked, duty manager told']);
    const colleague = await step('aad-ali', statementId, DUTY_STEPS.recordsChecked);
    expect(textOf(colleague.json)).toContain('You can’t see this statement');
    expect(textOf(colleague.json)).not.toContain('momo-unknown-3');
    const byPat = await step('aad-pat', statementId, DUTY_STEPS.recordsChecked);
    expect(textOf(byPat.json)).toContain('Dev Duty (duty manager) now has this card too.');
  });
});
