import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IntakeRequest } from '../domain/intake-request';
import type { Person, Team } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { StatementService } from '../domain/statement-service';
import { compileCalendar, formatInstant, loadBuiltInStandards, parseInstant } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * The statement lifecycle on the real embedded store, the real packs and the real
 * engine: each test is a day in the life of a fictional council.
 */
const calendar = compileCalendar({}, { from: 2025, to: 2028 });
const standards = loadBuiltInStandards();

const person = (id: string, roles: Person['roles'], teamId: string | null = 't_north', lineManagerId: string | null = 'p_priya'): Person => ({
  id,
  aadObjectId: null,
  name: `Fictional ${id}`,
  email: `${id.slice(2)}@council.example`,
  roles,
  teamId,
  lineManagerId,
});
const people: Person[] = [
  person('p_sam', ['worker']),
  person('p_ali', ['worker']),
  person('p_priya', ['manager'], 't_north', null),
  person('p_pat', ['participation'], null, null),
  person('p_cora', ['complaints-officer'], null, null),
  person('p_dev', ['duty-manager'], null, null),
];
const teams: Team[] = [{ id: 't_north', name: 'North', managerId: 'p_priya' }];
const byId = (id: string) => people.find((p) => p.id === id)!;

let dir: string;
let store: Store;
let clock: number;
let seq = 0;

function service(packs: string[] = ['momo']) {
  return new StatementService({
    store,
    standards,
    packs: new Set(packs),
    calendar,
    now: () => clock,
    newId: (prefix) => `${prefix}_${++seq}`,
  });
}

function request(over: Partial<IntakeRequest> = {}): IntakeRequest {
  return {
    externalId: `momo-${++seq}`,
    sentAt: clock,
    child: { reference: 'C-1001', initials: 'AB' },
    type: 'my-world',
    intendedRecipient: { kind: 'person', email: 'sam@council.example' },
    flags: { complaint: false, safetyLink: false, unidentified: false },
    pdf: Buffer.from('%PDF-1.4 fictional'),
    ...over,
  };
}

async function obligations(statementId: string) {
  const list = await store.obligations.listForStatement(statementId);
  return Object.fromEntries(list.map((o) => [`${o.standardId}${o.ownerId ? `@${o.ownerId}` : ''}`, { status: o.status, due: formatInstant(o.due) }]));
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-lifecycle-'));
  store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
  await store.directory.upsert(people, teams);
  clock = parseInstant('2026-11-21T10:00:00Z'); // a Saturday
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a statement arrives', () => {
  it('is assigned to its worker at once, meeting momo 1.1, and starts the 7-working-hour clock of 2.1', async () => {
    const result = await service().receive(request(), 'api');
    expect(result).toMatchObject({ created: true, status: 'assigned', assigneeIds: ['p_sam'], routedBy: 'intended-worker' });
    expect(await obligations(result.statementId)).toEqual({
      'momo.1.1': { status: 'met', due: '2026-11-23T17:00:00Z' },
      // Assigned on Saturday: 7 working hours from Monday 09:00.
      'momo.2.1@p_sam': { status: 'open', due: '2026-11-23T16:00:00Z' },
      'momo.2.1.saved@p_sam': { status: 'open', due: '2026-11-23T16:00:00Z' },
      'momo.2.2': { status: 'open', due: '2026-11-24T17:00:00Z' },
      'momo.3.1@p_sam': { status: 'open', due: '2026-11-23T17:00:00Z' },
    });
    expect(await store.pdfs.get(result.statementId)).toEqual(Buffer.from('%PDF-1.4 fictional'));
  });

  it('is received once however often Mind Of My Own retries', async () => {
    const s = service();
    const r = request();
    const first = await s.receive(r, 'api');
    const again = await Promise.all([s.receive(r, 'api'), s.receive(r, 'api'), s.receive(r, 'csv')]);
    expect(again.map((x) => [x.created, x.statementId])).toEqual([
      [false, first.statementId],
      [false, first.statementId],
      [false, first.statementId],
    ]);
    expect(await store.statements.list({})).toHaveLength(1);
  });

  it('with an unknown recipient waits in the queue on momo 1.1: "the next working day if sent over the weekend"', async () => {
    const result = await service().receive(request({ intendedRecipient: { kind: 'person', email: 'left@council.example' } }), 'api');
    expect(result).toMatchObject({ status: 'queued', assigneeIds: [], routedBy: 'queue-unknown-recipient' });
    expect(await obligations(result.statementId)).toEqual({ 'momo.1.1': { status: 'open', due: '2026-11-23T17:00:00Z' } });

    clock = parseInstant('2026-11-23T11:00:00Z');
    const assigned = await service().assign(result.statementId, 'p_ali', byId('p_pat'), 'card');
    expect(assigned).toMatchObject({ ok: true, statement: { status: 'assigned', assigneeIds: ['p_ali'] } });
    expect(await obligations(result.statementId)).toMatchObject({
      'momo.1.1': { status: 'met' },
      'momo.2.1@p_ali': { status: 'open', due: '2026-11-24T10:00:00Z' },
    });
  });

  it('a complaint goes to the complaints officer (momo 1.2)', async () => {
    const result = await service().receive(request({ flags: { complaint: true, safetyLink: false, unidentified: false } }), 'api');
    expect(result).toMatchObject({ assigneeIds: ['p_cora'], routedBy: 'complaint' });
    expect(await obligations(result.statementId)).toMatchObject({ 'momo.1.2': { status: 'met' } });
  });

  it('Safety Link (yjs) reaches the case manager and the team manager, and starts the manager’s follow-up', async () => {
    const result = await service(['yjs']).receive(request({ flags: { complaint: false, safetyLink: true, unidentified: false } }), 'api');
    expect(result).toMatchObject({ assigneeIds: ['p_sam', 'p_priya'], routedBy: 'safety-link' });
    const obs = await obligations(result.statementId);
    expect(obs['yjs.safety-link-1']).toEqual({ status: 'met', due: '2026-11-21T10:00:00Z' });
    expect(obs['yjs.safety-link-2@p_priya']).toEqual({ status: 'open', due: '2026-11-21T10:00:00Z' });
  });

  it('an unidentified young person’s statement is never assigned: the duty procedure starts', async () => {
    const result = await service(['yjs']).receive(request({ flags: { complaint: false, safetyLink: false, unidentified: true } }), 'api');
    expect(result).toMatchObject({ status: 'duty-procedure', assigneeIds: [] });
    // Nobody on the duty rota: the clock sits with the participation team, who follow the procedure.
    expect(await obligations(result.statementId)).toEqual({ 'yjs.unidentified.cross-reference': { status: 'open', due: '2026-11-21T10:00:00Z' } });
    expect(await service(['yjs']).assign(result.statementId, 'p_sam', byId('p_pat'), 'card')).toEqual({ ok: false, code: 'NOT_ASSIGNABLE' });
  });
});

describe('the worker acts on it', () => {
  it('opening meets momo 2.1 and 2.2; telling the child meets 3.1; saving meets the saving clock', async () => {
    const s = service();
    const { statementId } = await s.receive(request(), 'api');
    clock = parseInstant('2026-11-23T10:30:00Z');
    expect(await s.recordOpened(statementId, byId('p_sam'), 'card')).toMatchObject({ ok: true, changed: true, statement: { status: 'opened' } });
    await s.recordChildTold(statementId, byId('p_sam'), 'card');
    await s.recordSaved(statementId, byId('p_sam'), { system: 'Liquid Logic', reference: 'LL-42' }, 'card');
    expect(await obligations(statementId)).toEqual({
      'momo.1.1': { status: 'met', due: '2026-11-23T17:00:00Z' },
      'momo.2.1@p_sam': { status: 'met', due: '2026-11-23T16:00:00Z' },
      'momo.2.1.saved@p_sam': { status: 'met', due: '2026-11-23T16:00:00Z' },
      'momo.2.2': { status: 'met', due: '2026-11-24T17:00:00Z' },
      'momo.3.1@p_sam': { status: 'met', due: '2026-11-23T17:00:00Z' },
    });
    const stored = await store.statements.get(statementId);
    expect(stored).toMatchObject({ status: 'saved', caseRecord: { system: 'Liquid Logic', reference: 'LL-42' } });
  });

  it('someone else clicking gets NOT_ASSIGNED_TO_YOU and nothing changes', async () => {
    const s = service();
    const { statementId } = await s.receive(request(), 'api');
    const before = await obligations(statementId);
    expect(await s.acknowledge(statementId, byId('p_ali'), 'card')).toEqual({ ok: false, code: 'NOT_ASSIGNED_TO_YOU' });
    expect(await obligations(statementId)).toEqual(before);
  });

  it('a double click is harmless', async () => {
    const s = service();
    const { statementId } = await s.receive(request(), 'api');
    expect(await s.acknowledge(statementId, byId('p_sam'), 'card')).toMatchObject({ ok: true, changed: true });
    expect(await s.acknowledge(statementId, byId('p_sam'), 'card')).toMatchObject({ ok: true, changed: false });
    const audit = await store.audit.listForStatement(statementId);
    expect(audit.filter((e) => e.action === 'statement-acknowledged')).toHaveLength(1);
  });

  it('"Not for me" returns it to the queue, stops every clock on it and starts the assigning clock again from the hand-back', async () => {
    // momo.1.1: "Statements are assigned to the members of staff they are intended for within 5 working hours of being sent
    // by the young person or the next working day if sent over the weekend." Read as applying again from a hand-back
    // (momo.1.1.handed-back's interpretation).
    const s = service();
    const { statementId } = await s.receive(request(), 'api');
    clock = parseInstant('2026-11-23T15:00:00Z'); // Monday 15:00
    expect(await s.handBack(statementId, byId('p_sam'), 'not-my-case', 'card')).toMatchObject({ ok: true, statement: { status: 'queued', assigneeIds: [] } });
    const obs = await obligations(statementId);
    expect(obs['momo.2.1@p_sam'].status).toBe('cancelled');
    // Nobody holds it, so nobody can open it: the team's "contact the worker" clock stops too.
    expect(obs['momo.2.2'].status).toBe('cancelled');
    // 2 working hours on Monday, 3 on Tuesday.
    expect(obs['momo.1.1.handed-back']).toEqual({ status: 'open', due: '2026-11-24T12:00:00Z' });
    const handBack = (await store.audit.listForStatement(statementId)).find((e) => e.action === 'statement-handed-back');
    expect(handBack?.details).toMatchObject({ reason: 'not-my-case', status: 'assigned' });

    // Assigning it meets the hand-back's clock.
    expect(await s.assign(statementId, 'p_ali', byId('p_pat'), 'card')).toMatchObject({ ok: true });
    expect((await obligations(statementId))['momo.1.1.handed-back'].status).toBe('met');
  });

  it('a hand-back can be undone while it waits: back to the worker in the state it was in, with the same deadlines', async () => {
    const s = service();
    const { statementId } = await s.receive(request(), 'api');
    await s.acknowledge(statementId, byId('p_sam'), 'card');
    const before = await obligations(statementId);
    clock += 3600;
    await s.handBack(statementId, byId('p_sam'), 'duplicate', 'card');
    expect(await s.undoHandBack(statementId, byId('p_ali'), 'card')).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await s.undoHandBack(statementId, byId('p_sam'), 'card')).toMatchObject({ ok: true, statement: { status: 'acknowledged', assigneeIds: ['p_sam'] } });
    const after = await obligations(statementId);
    // The very clocks the hand-back stopped run again, due when they were due; the queue's clock is dropped.
    for (const [key, o] of Object.entries(before)) expect(after[key]).toEqual(o);
    expect(after['momo.1.1.handed-back'].status).toBe('cancelled');
    // Once undone, or once someone else has assigned it, there is nothing to undo.
    expect(await s.undoHandBack(statementId, byId('p_sam'), 'card')).toMatchObject({ ok: false, code: 'NOT_HANDED_BACK' });
    await s.handBack(statementId, byId('p_sam'), 'duplicate', 'card');
    await s.assign(statementId, 'p_ali', byId('p_pat'), 'card');
    expect(await s.undoHandBack(statementId, byId('p_pat'), 'card')).toMatchObject({ ok: false, code: 'NOT_HANDED_BACK' });
  });

  it('two officers assigning one queued statement at once: the first wins, the second is told who has it', async () => {
    const s = service();
    const { statementId } = await s.receive(request({ intendedRecipient: { kind: 'person', email: 'nobody@council.example' } }), 'api');
    const pat2 = { ...byId('p_pat'), id: 'p_pat2' };
    await store.directory.upsert([pat2], []);
    const [a, b] = await Promise.all([s.assign(statementId, 'p_sam', byId('p_pat'), 'card'), s.assign(statementId, 'p_ali', pat2, 'card')]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const [won, lost] = a.ok ? [a, b] : [b, a];
    const winner = won.ok ? won.statement.assigneeIds : [];
    expect(lost).toEqual({ ok: false, code: 'ALREADY_ASSIGNED', holderIds: winner });
    expect((await store.statements.get(statementId))?.assigneeIds).toEqual(winner);
    expect((await store.audit.listForStatement(statementId)).filter((e) => e.action === 'statement-assigned' && e.actor.kind === 'person')).toHaveLength(1);
  });

  it('reassigning starts the team’s "opened within 2 working days" clock again for the new holder, once', async () => {
    // momo.2.2: "If the statement has not been opened within 48 working hours (2 working days) the Participation Team will the contact worker"
    const s = service();
    const { statementId } = await s.receive(request(), 'api');
    clock = parseInstant('2026-11-24T10:00:00Z');
    await s.reassign(statementId, 'p_ali', byId('p_priya'), 'message');
    const teamClocks = (await store.obligations.listForStatement(statementId)).filter((o) => o.standardId === 'momo.2.2');
    expect(teamClocks.map((o) => [o.status, formatInstant(o.triggeredAt)])).toEqual([
      ['cancelled', '2026-11-21T10:00:00Z'],
      ['open', '2026-11-24T10:00:00Z'],
    ]);
  });

  it('a handover moves one holder’s part and keeps the other’s (Safety Link: case manager and team manager)', async () => {
    const s = service(['momo', 'yjs']);
    const { statementId } = await s.receive(request({ flags: { complaint: false, safetyLink: true, unidentified: false } }), 'api');
    expect((await store.statements.get(statementId))?.assigneeIds).toEqual(['p_sam', 'p_priya']);
    expect(await s.moveFrom(statementId, 'p_sam', 'p_ali', byId('p_priya'), 'message', { handover: 'ho_1' })).toMatchObject({ ok: true, statement: { assigneeIds: ['p_ali', 'p_priya'] } });
    expect(await s.moveFrom(statementId, 'p_sam', 'p_ali', byId('p_priya'), 'message')).toMatchObject({ ok: true, changed: false });
    const moved = (await store.audit.listForStatement(statementId)).filter((e) => e.action === 'statement-reassigned');
    expect(moved.map((e) => e.details)).toEqual([{ to: 'p_ali,p_priya', from: 'p_sam,p_priya', handover: 'ho_1' }]);
  });

  it('a line manager may reassign; another worker may not', async () => {
    const s = service();
    const { statementId } = await s.receive(request(), 'api');
    expect(await s.reassign(statementId, 'p_ali', byId('p_ali'), 'message')).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await s.reassign(statementId, 'p_ali', byId('p_priya'), 'message')).toMatchObject({ ok: true, statement: { assigneeIds: ['p_ali'] } });
    expect(await s.reassign(statementId, 'p_nobody', byId('p_priya'), 'message')).toEqual({ ok: false, code: 'UNKNOWN_PERSON' });
    expect(await s.recordOpened('st_missing', byId('p_ali'), 'card')).toEqual({ ok: false, code: 'STATEMENT_NOT_FOUND' });
  });

  it('keeps an audit trail of ids and codes, never names', async () => {
    const s = service();
    const { statementId } = await s.receive(request(), 'api');
    await s.recordOpened(statementId, byId('p_sam'), 'download');
    const audit = await store.audit.listForStatement(statementId);
    expect(audit.map((e) => [e.action, e.actor.id, e.channel])).toEqual([
      ['statement-received', 'intake', 'api'],
      ['statement-assigned', 'routing', 'api'],
      ['statement-opened', 'p_sam', 'download'],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Fictional|council\.example/);
  });
});

describe('downloading the PDF', () => {
  it('serves the assignee and counts as opening; without a PDF nothing is recorded as opened', async () => {
    const s = service();
    const withPdf = await s.receive(request(), 'api');
    expect(await s.downloadPdf(withPdf.statementId, byId('p_sam'))).toEqual({ ok: true, pdf: Buffer.from('%PDF-1.4 fictional') });
    expect((await obligations(withPdf.statementId))['momo.2.1@p_sam'].status).toBe('met');

    const withoutPdf = await s.receive(request({ pdf: null }), 'api');
    expect(await s.downloadPdf(withoutPdf.statementId, byId('p_sam'))).toEqual({ ok: false, code: 'PDF_NOT_AVAILABLE' });
    expect((await obligations(withoutPdf.statementId))['momo.2.1@p_sam'].status).toBe('open');
    expect(await s.downloadPdf(withPdf.statementId, byId('p_ali'))).toEqual({ ok: false, code: 'NOT_ASSIGNED_TO_YOU' });
  });
});

describe('telling the bot what changed', () => {
  it('tells listeners each committed change once — not refusals, not double clicks', async () => {
    const s = service();
    const changes: string[] = [];
    s.subscribe((c) => changes.push(`${c.action} ${c.previousAssigneeIds.join(',')}→${c.statement.assigneeIds.join(',')} by ${c.actorId}`));
    const first = request();
    const { statementId } = await s.receive(first, 'api');
    await s.receive(first, 'api');
    await s.acknowledge(statementId, byId('p_ali'), 'card');
    await s.acknowledge(statementId, byId('p_sam'), 'card');
    await s.acknowledge(statementId, byId('p_sam'), 'card');
    await s.reassign(statementId, 'p_ali', byId('p_priya'), 'message');
    await s.handBack(statementId, byId('p_ali'), 'duplicate', 'card');
    expect(changes).toEqual([
      'statement-assigned →p_sam by null',
      'statement-acknowledged p_sam→p_sam by p_sam',
      'statement-reassigned p_sam→p_ali by p_priya',
      'statement-handed-back p_ali→ by p_ali',
    ]);
  });

  it('a delivered card moves the statement to "delivered"; one that could not be delivered is kept and audited', async () => {
    const s = service();
    const { statementId } = await s.receive(request(), 'api');
    const notDelivered = { statementId, personId: 'p_sam', state: 'not-delivered', reason: 'not-installed', aadObjectId: null, activityId: null, at: clock } as const;
    expect(await s.recordDelivery(notDelivered)).toMatchObject({ status: 'assigned' });
    const delivered = { ...notDelivered, state: 'delivered', reason: null, aadObjectId: 'aad-sam', activityId: '1:card' } as const;
    expect(await s.recordDelivery(delivered)).toMatchObject({ status: 'delivered' });
    expect(await store.cards.listForStatement(statementId)).toEqual([delivered]);
    const audit = await store.audit.listForStatement(statementId);
    expect(audit.slice(-2).map((e) => [e.action, e.details])).toEqual([
      ['statement-not-delivered', { to: 'p_sam', reason: 'not-installed' }],
      ['statement-delivered', { to: 'p_sam' }],
    ]);
    // Acting on it still works from "delivered".
    expect(await s.acknowledge(statementId, byId('p_sam'), 'card')).toMatchObject({ ok: true, statement: { status: 'acknowledged' } });
    expect(await s.recordDelivery({ ...delivered, statementId: 'st_missing' })).toBeNull();
  });
});
