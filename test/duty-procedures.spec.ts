import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DUTY_STEPS } from '../domain/duty-procedure';
import type { RotaShift } from '../domain/duty-rota';
import type { IntakeRequest } from '../domain/intake-request';
import { Permissions } from '../domain/permissions';
import type { Person, Team } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { StatementService } from '../domain/statement-service';
import { compileCalendar, formatInstant, loadBuiltInStandards, parseInstant } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * The youth justice procedures on the real embedded store, packs and engine: the Safety
 * Link follow-up and the duty procedure for a statement from an unidentified young person
 * (001_e965c80aecdabb90.txt, "Practice standards for service portal users"). The Teams
 * side of both is in test/duty-procedures-bot.spec.ts.
 */
const calendar = compileCalendar({}, { from: 2025, to: 2028 });
const standards = loadBuiltInStandards();

const person = (id: string, roles: Person['roles'], teamId: string | null = null, lineManagerId: string | null = null): Person => ({
  id,
  aadObjectId: null,
  name: `Fictional ${id}`,
  email: `${id.slice(2)}@council.example`,
  roles,
  teamId,
  lineManagerId,
});
const SAM = person('p_sam', ['worker'], 't_north', 'p_priya');
const PRIYA = person('p_priya', ['manager'], 't_north');
const PAT = person('p_pat', ['participation']);
const DEV = person('p_dev', ['duty-manager']);
const NIA = person('p_nia', ['duty-manager']);
const DEE = person('p_dee', ['duty-officer'], null, 'p_dev');
const ALI = person('p_ali', ['worker'], 't_north', 'p_priya');
const people = [SAM, PRIYA, PAT, DEV, NIA, DEE, ALI];
const teams: Team[] = [{ id: 't_north', name: 'North', managerId: 'p_priya' }];

let dir: string;
let store: Store;
let clock: number;
let seq = 0;
let service: StatementService;

function request(over: Partial<IntakeRequest> = {}): IntakeRequest {
  return {
    externalId: `momo-${++seq}`,
    sentAt: clock,
    child: { reference: 'UNKNOWN', initials: 'X' },
    type: 'my-world',
    intendedRecipient: { kind: 'person', email: 'sam@council.example' },
    flags: { complaint: false, safetyLink: false, unidentified: false },
    pdf: Buffer.from('%PDF-1.4 fictional'),
    ...over,
  };
}

async function clocks(statementId: string) {
  const list = await store.obligations.listForStatement(statementId);
  return Object.fromEntries(list.map((o) => [`${o.standardId}${o.ownerId ? `@${o.ownerId}` : ''}`, `${o.status} ${formatInstant(o.due)}`]));
}

const shift = (id: string, role: RotaShift['role'], personId: string, from: string, until: string): RotaShift => ({ id, role, personId, from: parseInstant(from), until: parseInstant(until) });

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-duty-'));
  store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
  await store.directory.upsert(people, teams);
  // The weekend rota: Dee is duty officer and Nia duty manager from Friday 17:00 to Monday 09:00; Dev manages weekdays.
  await store.rota.replace({ roles: ['duty-officer', 'duty-manager'], from: parseInstant('2026-11-16T00:00:00Z'), until: parseInstant('2026-11-30T00:00:00Z') }, [
    shift('rs_1', 'duty-officer', 'p_dee', '2026-11-20T17:00:00Z', '2026-11-23T09:00:00Z'),
    shift('rs_2', 'duty-manager', 'p_nia', '2026-11-20T17:00:00Z', '2026-11-23T09:00:00Z'),
    shift('rs_3', 'duty-manager', 'p_dev', '2026-11-23T09:00:00Z', '2026-11-23T17:00:00Z'),
  ]);
  clock = parseInstant('2026-11-21T02:00:00Z'); // 02:00 on a Saturday
  service = new StatementService({ store, standards, packs: new Set(['momo', 'yjs']), calendar, now: () => clock, newId: (prefix) => `${prefix}_${++seq}` });
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a statement from an unidentified young person: "Do not assign the statement."', () => {
  const unidentified = { complaint: false, safetyLink: false, unidentified: true };

  it('goes to the duty officer on the rota when it arrives, at 02:00 on a Saturday, unassigned, with no clock to assign it', async () => {
    const result = await service.receive(request({ flags: unidentified }), 'api');
    expect(result).toMatchObject({ status: 'duty-procedure', assigneeIds: [] });
    expect(await store.statements.get(result.statementId)).toMatchObject({ duty: { officerIds: ['p_dee'], managerIds: [] } });
    // "As soon as possible, Youth Justice Service Duty officer will cross reference the given name …": immediate, Dee's.
    expect(await clocks(result.statementId)).toEqual({ 'yjs.unidentified.cross-reference@p_dee': 'open 2026-11-21T02:00:00Z' });
    expect(await service.assign(result.statementId, 'p_sam', PAT, 'card')).toEqual({ ok: false, code: 'NOT_ASSIGNABLE' });
  });

  it('the duty officer’s steps, in order, each with its clock and audit event; the follow-up e-mail starts the two-day reply window and the three-working-day deletion clock', async () => {
    const { statementId } = await service.receive(request({ flags: unidentified }), 'api');
    clock = parseInstant('2026-11-21T02:40:00Z');
    // "… before notifying the Duty Manager, who is identifiable via the Youth Justice Service Duty Rota": Nia, on the weekend rota.
    expect(await service.recordDutyStep(statementId, DEE, DUTY_STEPS.recordsChecked, 'card')).toMatchObject({ ok: true, changed: true, statement: { duty: { managerIds: ['p_nia'] } } });
    expect(await clocks(statementId)).toEqual({
      'yjs.unidentified.cross-reference@p_dee': 'met 2026-11-21T02:00:00Z',
      'yjs.unidentified.contact@p_dee': 'open 2026-11-21T02:40:00Z',
    });

    // A step out of order is refused with the step to record first, and changes nothing.
    const before = await store.statements.get(statementId);
    expect(await service.recordDutyStep(statementId, DEE, DUTY_STEPS.followUpEmailSent, 'card')).toEqual({ ok: false, code: 'OUT_OF_ORDER', first: DUTY_STEPS.contacted });
    expect(await service.recordDutyStep(statementId, NIA, DUTY_STEPS.deletionRequested, 'card')).toEqual({ ok: false, code: 'OUT_OF_ORDER', first: DUTY_STEPS.followUpEmailSent });
    expect(await store.statements.get(statementId)).toEqual(before);

    clock = parseInstant('2026-11-21T09:15:00Z');
    expect(await service.recordDutyStep(statementId, DEE, DUTY_STEPS.contacted, 'card')).toMatchObject({ ok: true, changed: true });
    // "The Duty Officer will send a 2nd e-mail to follow up … get in touch within two days …
    // they will request to have the details deleted by Mind Of My Own if they do not receive a response in three working days."
    clock = parseInstant('2026-11-20T15:00:00Z') + 7 * 86400; // Friday 27 Nov, 15:00 (the pack's first examples, a week on)
    expect(await service.recordDutyStep(statementId, DEE, DUTY_STEPS.followUpEmailSent, 'card')).toMatchObject({ ok: true, changed: true });
    expect(await clocks(statementId)).toMatchObject({
      'yjs.unidentified.contact@p_dee': 'met 2026-11-21T02:40:00Z',
      'yjs.unidentified.reply-window': 'open 2026-11-30T00:00:00Z', // end of Sunday 29 Nov
      'yjs.unidentified.deletion-request@p_nia': 'open 2026-12-02T17:00:00Z', // Mon, Tue, Wed: the duty manager told
    });
    // The young person's reply window is theirs: nobody in the council is nudged about it.
    const window = (await store.obligations.listForStatement(statementId)).find((o) => o.standardId === 'yjs.unidentified.reply-window');
    expect(window).toMatchObject({ ownerId: null, nextNudgeAt: null });
    // Pressed again: nothing changes.
    expect(await service.recordDutyStep(statementId, DEE, DUTY_STEPS.followUpEmailSent, 'card')).toMatchObject({ ok: true, changed: false });

    const audit = await store.audit.listForStatement(statementId);
    expect(audit.map((e) => e.action)).toEqual(['statement-received', 'statement-routed', 'duty-records-checked', 'young-person-contacted', 'follow-up-email-sent']);
    expect(audit.find((e) => e.action === 'duty-records-checked')).toMatchObject({ actor: { kind: 'person', id: 'p_dee' }, channel: 'card', details: { managers: 'p_nia', met: 'yjs.unidentified.cross-reference' } });
  });

  it('"If there continues to be no response": the duty manager requests deletion, which ends the procedure and removes Heard’s copy of the PDF', async () => {
    const { statementId } = await service.receive(request({ flags: unidentified }), 'api');
    for (const step of [DUTY_STEPS.recordsChecked, DUTY_STEPS.contacted, DUTY_STEPS.followUpEmailSent]) await service.recordDutyStep(statementId, DEE, step, 'card');
    // The duty officer may not send the duty manager's e-mail.
    expect(await service.recordDutyStep(statementId, DEE, DUTY_STEPS.deletionRequested, 'card')).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    clock = parseInstant('2026-11-26T10:00:00Z');
    const done = await service.recordDutyStep(statementId, NIA, DUTY_STEPS.deletionRequested, 'card');
    expect(done).toMatchObject({ ok: true, statement: { status: 'closed', pdf: { purgedAt: clock } } });
    expect(await store.pdfs.get(statementId)).toBeNull();
    expect(await clocks(statementId)).toMatchObject({ 'yjs.unidentified.deletion-request@p_nia': 'met 2026-11-25T17:00:00Z' });
    expect(await service.recordDutyStep(statementId, DEE, DUTY_STEPS.responded, 'card')).toEqual({ ok: false, code: 'PROCEDURE_OVER' });
    expect(await service.identify(statementId, DEE, { reference: 'CR-1', initials: 'AB' }, 'card')).toEqual({ ok: false, code: 'PROCEDURE_OVER' });
  });

  it('"young person responded": the reply window and the deletion clock stop, and the statement is identified and routed like any other', async () => {
    const { statementId } = await service.receive(request({ flags: unidentified }), 'api');
    for (const step of [DUTY_STEPS.recordsChecked, DUTY_STEPS.contacted, DUTY_STEPS.followUpEmailSent]) await service.recordDutyStep(statementId, DEE, step, 'card');
    clock = parseInstant('2026-11-23T10:00:00Z'); // Monday
    expect(await service.recordDutyStep(statementId, DEE, DUTY_STEPS.responded, 'card')).toMatchObject({ ok: true, changed: true });
    expect(await clocks(statementId)).toMatchObject({
      'yjs.unidentified.reply-window': 'met 2026-11-24T00:00:00Z', // e-mailed on Saturday: to the end of Monday
      'yjs.unidentified.deletion-request@p_nia': 'met 2026-11-25T17:00:00Z',
    });
    expect(await service.recordDutyStep(statementId, NIA, DUTY_STEPS.deletionRequested, 'card')).toEqual({ ok: false, code: 'PROCEDURE_OVER' });

    const identified = await service.identify(statementId, DEE, { reference: 'CR-20417', initials: 'J.B.' }, 'card');
    expect(identified).toMatchObject({
      ok: true,
      statement: { status: 'assigned', assigneeIds: ['p_sam'], routedBy: 'intended-worker', child: { reference: 'CR-20417', initials: 'J.B.' }, flags: { unidentified: false } },
    });
    // Its clocks count from now: it could not be assigned before.
    expect(await clocks(statementId)).toMatchObject({ 'momo.1.1': 'met 2026-11-23T15:00:00Z', 'momo.2.1@p_sam': 'open 2026-11-23T17:00:00Z', 'yjs.assigning-statements': 'met 2026-11-24T17:00:00Z' });
    expect((await store.audit.listForStatement(statementId)).map((e) => e.action).slice(-2)).toEqual(['statement-identified', 'statement-assigned']);
  });

  it('the records check may find the young person: they are identified then, with no contact needed', async () => {
    const { statementId } = await service.receive(request({ flags: unidentified }), 'api');
    expect(await service.identify(statementId, DEE, { reference: 'CR-20417', initials: 'JB' }, 'card')).toEqual({ ok: false, code: 'PROCEDURE_OVER' });
    await service.recordDutyStep(statementId, DEE, DUTY_STEPS.recordsChecked, 'card');
    expect(await service.identify(statementId, DEE, { reference: 'CR-20417', initials: 'JB' }, 'card')).toMatchObject({ ok: true, statement: { status: 'assigned' } });
    // The procedure's clocks stopped with it.
    expect(Object.entries(await clocks(statementId)).filter(([k, v]) => k.startsWith('yjs.unidentified') && v.startsWith('open'))).toEqual([]);
  });

  it('nothing is dropped: with nobody on the duty rota, the participation team follows it; someone else may take no step', async () => {
    clock = parseInstant('2026-11-24T12:00:00Z'); // Tuesday: the rota has nobody
    const { statementId } = await service.receive(request({ flags: unidentified }), 'api');
    expect(await store.statements.get(statementId)).toMatchObject({ duty: { officerIds: [] } });
    expect(await clocks(statementId)).toEqual({ 'yjs.unidentified.cross-reference': 'open 2026-11-24T12:00:00Z' });
    expect(await service.recordDutyStep(statementId, ALI, DUTY_STEPS.recordsChecked, 'card')).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await service.recordDutyStep(statementId, DEE, DUTY_STEPS.recordsChecked, 'card')).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    // No duty manager on the rota either: the first holder of the role is told.
    expect(await service.recordDutyStep(statementId, PAT, DUTY_STEPS.recordsChecked, 'card')).toMatchObject({ ok: true, statement: { duty: { managerIds: ['p_dev'] } } });
  });
});

describe('Safety Link 2: "Team Managers receiving a statement, where the Safety Link has been triggered, will follow up with the allocated worker to decide if safeguarding procedures apply or urgent action is required."', () => {
  const safetyLink = { complaint: false, safetyLink: true, unidentified: false };

  it('the team manager records the decision with a note: the clock stops, the note is kept apart from the audit trail, which names it', async () => {
    const { statementId } = await service.receive(request({ flags: safetyLink, child: { reference: 'CR-1', initials: 'AB' } }), 'api');
    expect(await clocks(statementId)).toMatchObject({ 'yjs.safety-link-2@p_priya': 'open 2026-11-21T02:00:00Z' });
    clock += 20 * 60;
    const note = 'Spoke with Sam: home visit at 09:00, police aware.';
    // The allocated worker is followed up with; they do not record it.
    expect(await service.recordSafetyLinkFollowUp(statementId, SAM, 'urgent-action', note, 'card')).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await service.recordSafetyLinkFollowUp(statementId, ALI, 'urgent-action', note, 'card')).toEqual({ ok: false, code: 'NOT_ASSIGNED_TO_YOU' });
    expect(await service.recordSafetyLinkFollowUp(statementId, PRIYA, 'urgent-action', note, 'card')).toMatchObject({ ok: true, changed: true });
    expect(await clocks(statementId)).toMatchObject({ 'yjs.safety-link-2@p_priya': 'met 2026-11-21T02:00:00Z' });
    const followUp = await store.followUps.getForStatement(statementId);
    expect(followUp).toMatchObject({ decision: 'urgent-action', note, byId: 'p_priya', at: clock });
    const event = (await store.audit.listForStatement(statementId)).find((e) => e.action === 'safety-link-followed-up');
    expect(event).toMatchObject({ actor: { kind: 'person', id: 'p_priya' }, details: { decision: 'urgent-action', followUp: followUp?.id, met: 'yjs.safety-link-2' } });
    expect(JSON.stringify(event)).not.toContain('home visit');
    // A second press changes nothing.
    expect(await service.recordSafetyLinkFollowUp(statementId, PRIYA, 'no-further-action', 'Changed my mind', 'card')).toMatchObject({ ok: true, changed: false });
    expect(await store.followUps.getForStatement(statementId)).toEqual(followUp);
  });

  it('the note is read by those working the case (the worker, their manager), not by the participation team', async () => {
    const { statementId } = await service.receive(request({ flags: safetyLink }), 'api');
    const statement = (await store.statements.get(statementId))!;
    const permissions = new Permissions(store.directory);
    expect(await permissions.mayReadFollowUpNote(SAM, statement, '2026-11-21')).toBe(true);
    expect(await permissions.mayReadFollowUpNote(PRIYA, statement, '2026-11-21')).toBe(true);
    expect(await permissions.mayReadFollowUpNote(PAT, statement, '2026-11-21')).toBe(false);
    expect(await permissions.maySeeStatement(PAT, statement, '2026-11-21')).toBe(true);
    expect(await permissions.mayReadFollowUpNote(ALI, statement, '2026-11-21')).toBe(false);
  });

  it('"In the manager’s absence … the statement will be sent to the Duty Manager for action": the duty manager on the rota follows it up', async () => {
    await store.directory.putAbsence({ id: 'ab_1', personId: 'p_priya', from: '2026-11-21', until: '2026-11-22', coverId: null });
    const { statementId } = await service.receive(request({ flags: safetyLink }), 'api');
    expect(await store.statements.get(statementId)).toMatchObject({ assigneeIds: ['p_sam', 'p_nia'] });
    expect(await service.recordSafetyLinkFollowUp(statementId, NIA, 'safeguarding-procedures', 'Strategy discussion requested.', 'card')).toMatchObject({ ok: true, changed: true });
  });

  it('a note must be short text', async () => {
    const { statementId } = await service.receive(request({ flags: safetyLink }), 'api');
    await expect(service.recordSafetyLinkFollowUp(statementId, PRIYA, 'urgent-action', '   ', 'card')).rejects.toThrow(RangeError);
    await expect(service.recordSafetyLinkFollowUp(statementId, PRIYA, 'urgent-action', 'x'.repeat(501), 'card')).rejects.toThrow(RangeError);
    expect(await store.followUps.getForStatement(statementId)).toBeNull();
  });
});
