import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseCaseEvent } from '../domain/case-event-envelope';
import { CaseWorkService } from '../domain/case-work-service';
import { ConfigurationService, type Impact } from '../domain/configuration-service';
import type { IntakeRequest } from '../domain/intake-request';
import type { Obligation } from '../domain/obligation';
import { loadOrganisation } from '../domain/organisation';
import type { Person, Team } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { StatementService } from '../domain/statement-service';
import { builtInVocabulary, compileCalendar, dueInstant, formatInstant, parseInstant, type Standard } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

/**
 * A change of the calendar or of a standard, on the real embedded store with the real
 * statement lifecycle and case work: what the dry run says, what applying it does (the
 * same), what it leaves alone (met and closed clocks keep the reading that applied), and
 * that the deadlines it gives are the engine's own.
 */

const person = (id: string, roles: Person['roles'], lineManagerId: string | null = 'p_priya'): Person => ({
  id,
  aadObjectId: `aad-${id}`,
  name: `Fictional ${id}`,
  email: `${id.slice(2)}@council.example`,
  roles,
  teamId: 't_north',
  lineManagerId,
});
const people: Person[] = [person('p_sam', ['worker']), person('p_ali', ['worker']), person('p_priya', ['manager'], null), person('p_hana', ['head-of-service', 'admin'], null)];
const teams: Team[] = [{ id: 't_north', name: 'North', managerId: 'p_priya' }];
const hana = { kind: 'person' as const, id: 'p_hana' };

let dir: string;
let store: Store;
let clock: number;
let seq = 0;

async function services() {
  const org = await loadOrganisation(store.settings);
  const deps = { store, standards: org.standards, packs: org.packs, calendar: org.calendar, nudgePolicy: org.nudgePolicy, now: () => clock, newId: (p: string) => `${p}_${String(++seq).padStart(4, '0')}` };
  return { org, statements: new StatementService(deps), cases: new CaseWorkService({ ...deps, vocabulary: builtInVocabulary() }) };
}

function request(sentAt: string, email = 'sam@council.example'): IntakeRequest {
  return {
    externalId: `momo-${++seq}`,
    sentAt: parseInstant(sentAt),
    child: { reference: `C-${1000 + seq}`, initials: 'AB' },
    type: 'my-world',
    intendedRecipient: { kind: 'person', email },
    flags: { complaint: false, safetyLink: false, unidentified: false },
    pdf: Buffer.from('%PDF-1.4 fictional'),
  };
}

/** A statement arriving at `at` (the clock set there), assigned to its worker. */
async function statementAt(at: string, email?: string): Promise<string> {
  clock = parseInstant(at);
  return (await (await services()).statements.receive(request(at, email), 'api')).statementId;
}

async function caseEvents(...raw: Record<string, unknown>[]): Promise<void> {
  const { cases, org } = await services();
  const events = raw.map((r) => {
    const parsed = parseCaseEvent(r, { vocabulary: builtInVocabulary(), calendar: org.calendar, now: clock });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.event;
  });
  await cases.receive(events, 'api');
}

async function everything(): Promise<Obligation[]> {
  const statements = await store.statements.list({});
  const all: Obligation[] = [];
  for (const s of statements) all.push(...(await store.obligations.listForStatement(s.id)));
  const found = await store.cases.getByRef('C-9001');
  if (found) all.push(...(await store.obligations.listForCase(found.id)));
  return all.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The figures of an impact a person reads, without the instant it was worked out at. */
function figures(impact: Impact) {
  return {
    examined: impact.examined,
    moved: impact.moved,
    closed: impact.closed,
    replanned: impact.replanned,
    becomeOverdue: impact.becomeOverdue,
    stopBeingOverdue: impact.stopBeingOverdue,
    moves: [...impact.moves].sort((a, b) => (a.obligationId < b.obligationId ? -1 : 1)),
  };
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-config-'));
  store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
  await store.directory.upsert(people, teams);
  await store.settings.set('packs', ['momo', 'core-practice']);
  seq = 0;
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The week of 16–27 November 2026: one statement opened and acknowledged last week (its
 * clocks met), one assigned on Friday afternoon, one this Monday morning; and a child in
 * need whose first visit is due within 5 working days of the decision on Monday.
 */
async function aWeekOfWork(): Promise<{ friday: string; monday: string; lastWeek: string }> {
  const lastWeek = await statementAt('2026-11-17T10:00:00Z');
  clock = parseInstant('2026-11-17T11:00:00Z');
  const sam = people[0];
  const { statements } = await services();
  await statements.recordOpened(lastWeek, sam, 'card');
  await statements.acknowledge(lastWeek, sam, 'card');
  const friday = await statementAt('2026-11-20T15:00:00Z');
  const monday = await statementAt('2026-11-23T10:00:00Z');
  clock = parseInstant('2026-11-23T10:30:00Z');
  await caseEvents(
    { eventId: 'LCS-1', source: 'lcs', caseRef: 'C-9001', childInitials: 'CD', type: 'case-allocated', occurredAt: '2026-11-23T09:00:00Z', details: { role: 'social-worker', person: 'sam@council.example' } },
    { eventId: 'LCS-2', source: 'lcs', caseRef: 'C-9001', childInitials: 'CD', type: 'decision-recorded', occurredAt: '2026-11-23T10:00:00Z', details: { decision: 'cin' } },
  );
  return { friday, monday, lastWeek };
}

describe('a closure day added in the middle of running clocks (Tue 24 Nov 2026, a snow day announced on Monday)', () => {
  const closure = (org: Awaited<ReturnType<typeof loadOrganisation>>) => ({ calendar: { ...org.settings.calendar, closures: [{ date: '2026-11-24', name: 'Snow day' }] } });

  it('moves exactly the open deadlines the engine moves under the new calendar, and leaves met ones as they were', async () => {
    const { friday } = await aWeekOfWork();
    clock = parseInstant('2026-11-23T12:00:00Z');
    const before = await everything();
    const config = new ConfigurationService({ store, now: () => clock });
    const proposal = await config.propose(closure(await loadOrganisation(store.settings)));
    if (!proposal.ok) throw new Error(JSON.stringify(proposal.problems));
    const result = await config.apply(proposal.proposal, hana, 'cli');
    expect(result.status).toBe('applied');

    // The engine's answer, worked out here from each obligation's trigger on the new calendar.
    const calendar = compileCalendar({ closures: [{ date: '2026-11-24', name: 'Snow day' }] }, { from: 2024, to: 2030 });
    const org = await loadOrganisation(store.settings);
    const standard = (id: string): Standard => org.standards.find((s) => s.id === id)!;
    const after = await everything();
    const expected = before.map((o) => (o.status === 'open' ? { ...o, due: dueInstant(standard(o.standardId), o.anchorAt ?? o.triggeredAt, calendar) } : o));
    expect(after.map((o) => [o.id, o.standardId, o.status, formatInstant(o.due)])).toEqual(expected.map((o) => [o.id, o.standardId, o.status, formatInstant(o.due)]));
    const moved = before.filter((o, i) => after[i].due !== o.due).map((o) => o.id);
    if (result.status !== 'applied') return;
    expect(result.impact.moves.map((m) => m.obligationId).sort()).toEqual(moved.sort());
    // Nothing met or closed was touched, whatever its deadline.
    for (const [i, o] of before.entries()) if (o.status !== 'open') expect(after[i]).toEqual(o);

    // By hand: momo 2.2 from Fri 20 Nov 15:00 — day 1 Mon 23, day 2 was Tue 24, now Wed 25 (time-semantics.md, working-days).
    const unopened = (await store.obligations.listForStatement(friday)).find((o) => o.standardId === 'momo.2.2')!;
    expect(formatInstant(unopened.due)).toBe('2026-11-25T17:00:00Z');
    // The first visit to the child in need: 5 working days from Mon 23 Nov were Tue–Mon 30; Tue is closed, so Tue 1 Dec.
    const visit = after.find((o) => o.standardId === 'core-practice.visiting.cin.first')!;
    expect(formatInstant(visit.due)).toBe('2026-12-01T17:00:00Z');
    // Monday's 7 working hours end on Monday: the closure does not touch them.
    expect(result.impact.moves.some((m) => m.standardId === 'momo.2.1' && m.from === parseInstant('2026-11-23T17:00:00Z'))).toBe(false);
  });

  it("applies what its dry run said it would: the same figures, the same obligations, the same new deadlines", async () => {
    await aWeekOfWork();
    clock = parseInstant('2026-11-23T12:00:00Z');
    const config = new ConfigurationService({ store, now: () => clock });
    const proposal = await config.propose(closure(await loadOrganisation(store.settings)));
    if (!proposal.ok) throw new Error('refused');
    const dryRun = await config.preview(proposal.proposal, { period: null });
    expect(dryRun.moved).toBeGreaterThan(0);
    // The dry run wrote nothing.
    expect((await store.settings.get('calendar')) ?? {}).toEqual({});
    expect(await store.audit.listConfiguration()).toEqual([]);

    const result = await config.apply(proposal.proposal, hana, 'cli');
    if (result.status !== 'applied') throw new Error(result.status);
    expect(figures(result.impact)).toEqual(figures(dryRun));
    for (const move of dryRun.moves) expect((await store.obligations.get(move.obligationId))!.due).toBe(move.to);
  });

  it('records who changed the calendar, when, from what to what, and what it moved, on the statements and the case too', async () => {
    const { friday } = await aWeekOfWork();
    clock = parseInstant('2026-11-23T12:00:00Z');
    const config = new ConfigurationService({ store, now: () => clock });
    const proposal = await config.propose(closure(await loadOrganisation(store.settings)));
    if (!proposal.ok) throw new Error('refused');
    const result = await config.apply(proposal.proposal, hana, 'card');
    if (result.status !== 'applied') throw new Error(result.status);

    const history = await store.audit.listConfiguration({ setting: 'calendar' });
    expect(history.map((e) => e.action)).toEqual(['configuration-changed', 'configuration-recalculated']);
    expect(history[0]).toMatchObject({ at: clock, actor: hana, channel: 'card', setting: 'calendar', details: { change: proposal.proposal.id } });
    expect(JSON.parse(String(history[0].details.from))).toMatchObject({ closures: [] });
    expect(JSON.parse(String(history[0].details.to))).toMatchObject({ closures: [{ date: '2026-11-24', name: 'Snow day' }] });
    expect(history[1].details).toMatchObject({ change: proposal.proposal.id, moved: result.impact.moved, closed: 0 });

    const onStatement = (await store.audit.listForStatement(friday)).filter((e) => e.action === 'obligation-deadline-recalculated');
    expect(onStatement.map((e) => e.details.standard).sort()).toEqual(['momo.2.2']);
    expect(onStatement[0].details).toMatchObject({ from: parseInstant('2026-11-24T17:00:00Z'), to: parseInstant('2026-11-25T17:00:00Z'), change: proposal.proposal.id });
    const caseId = (await store.cases.getByRef('C-9001'))!.id;
    expect((await store.audit.listForCase(caseId)).some((e) => e.action === 'obligation-deadline-recalculated')).toBe(true);
  });

  it('applies once when confirmed twice, and refuses a change worked out from a configuration someone has changed since', async () => {
    await aWeekOfWork();
    clock = parseInstant('2026-11-23T12:00:00Z');
    const config = new ConfigurationService({ store, now: () => clock });
    const org = await loadOrganisation(store.settings);
    const first = await config.propose(closure(org));
    const other = await config.propose({ calendar: { ...org.settings.calendar, closures: [{ date: '2026-12-24', name: 'Christmas Eve' }] } });
    if (!first.ok || !other.ok) throw new Error('refused');
    expect((await config.apply(first.proposal, hana, 'card')).status).toBe('applied');
    const dues = (await everything()).map((o) => o.due);
    expect(await config.apply(first.proposal, hana, 'card')).toEqual({ status: 'already-applied' });
    expect(await config.apply(other.proposal, hana, 'card')).toEqual({ status: 'changed-meanwhile', key: 'calendar' });
    expect((await everything()).map((o) => o.due)).toEqual(dues);
    expect((await store.audit.listConfiguration()).filter((e) => e.action === 'configuration-changed')).toHaveLength(1);
  });

  it('keeps the deadline of a clock met under the old reading when the calendar changes back and the case is worked out again', async () => {
    await aWeekOfWork();
    clock = parseInstant('2026-11-23T12:00:00Z');
    const config = new ConfigurationService({ store, now: () => clock });
    const org = await loadOrganisation(store.settings);
    const proposal = await config.propose(closure(org));
    if (!proposal.ok) throw new Error('refused');
    await config.apply(proposal.proposal, hana, 'cli');
    // The visit happens on Wed 25 Nov, by the deadline the snow day gave (Tue 1 Dec).
    clock = parseInstant('2026-11-25T15:00:00Z');
    await caseEvents({ eventId: 'LCS-3', source: 'lcs', caseRef: 'C-9001', childInitials: 'CD', type: 'visit-completed', occurredAt: '2026-11-25T14:00:00Z', details: { kind: 'cin' } });
    const caseId = (await store.cases.getByRef('C-9001'))!.id;
    const visit = (await store.obligations.listForCase(caseId)).find((o) => o.standardId === 'core-practice.visiting.cin.first')!;
    expect(visit).toMatchObject({ status: 'met', due: parseInstant('2026-12-01T17:00:00Z') });

    // The snow day is taken out again (it was not needed after all), and the case system sends a correction-free later event.
    const undo = await config.propose({ calendar: org.settings.calendar });
    if (!undo.ok) throw new Error('refused');
    await config.apply(undo.proposal, hana, 'cli');
    clock = parseInstant('2026-11-26T10:00:00Z');
    await caseEvents({ eventId: 'LCS-4', source: 'lcs', caseRef: 'C-9001', childInitials: 'CD', type: 'visit-completed', occurredAt: '2026-11-26T09:00:00Z', details: { kind: 'cin' } });
    expect((await store.obligations.get(visit.id))!.due).toBe(parseInstant('2026-12-01T17:00:00Z'));
  });
});

describe('a snow day today, announced at 16:00', () => {
  it('stops the deadlines that passed today being overdue, as the dry run said', async () => {
    const { friday } = await aWeekOfWork();
    clock = parseInstant('2026-11-23T16:00:00Z');
    const config = new ConfigurationService({ store, now: () => clock });
    const org = await loadOrganisation(store.settings);
    const proposal = await config.propose({ calendar: { ...org.settings.calendar, closures: [{ date: '2026-11-23', name: 'Snow day' }] } });
    if (!proposal.ok) throw new Error('refused');
    const dryRun = await config.preview(proposal.proposal, { period: null });
    // Friday's momo 2.1 (7 working hours from 15:00: 2 h Friday, 5 h Monday, so 14:00) was overdue at 16:00; now 2 h Friday + 5 h Tuesday.
    const opened = dryRun.moves.find((m) => m.standardId === 'momo.2.1' && m.overdueBefore)!;
    expect(formatInstant(opened.to!)).toBe('2026-11-24T14:00:00Z');
    expect(opened.overdueAfter).toBe(false);
    expect(dryRun.stopBeingOverdue).toBeGreaterThanOrEqual(1);
    expect(dryRun.becomeOverdue).toBe(0);
    const result = await config.apply(proposal.proposal, hana, 'cli');
    if (result.status !== 'applied') throw new Error(result.status);
    expect(figures(result.impact)).toEqual(figures(dryRun));
    const stored = (await store.obligations.listForStatement(friday)).find((o) => o.standardId === 'momo.2.1')!;
    expect(stored.due).toBe(opened.to);
  });
});

describe('a standard read differently', () => {
  it('momo 2.1 in 2 working hours instead of 7: the deadlines due later today become overdue, history stays, and the dry run said so', async () => {
    const { monday, lastWeek } = await aWeekOfWork();
    clock = parseInstant('2026-11-23T16:00:00Z');
    const config = new ConfigurationService({ store, now: () => clock });
    const metBefore = await store.obligations.listForStatement(lastWeek);
    const proposal = await config.propose({ standards: { 'momo.2.1': { amount: 2, reason: 'Pilot: open statements within two working hours' } } });
    if (!proposal.ok) throw new Error(JSON.stringify(proposal.problems));
    const dryRun = await config.preview(proposal.proposal, { period: null });
    // Only momo 2.1's open clocks are looked at.
    expect(new Set(dryRun.moves.map((m) => m.standardId))).toEqual(new Set(['momo.2.1']));
    // Monday 10:00 + 2 working hours = 12:00, before 16:00: overdue now.
    const mondays = dryRun.moves.find((m) => m.from === parseInstant('2026-11-23T17:00:00Z'))!;
    expect(formatInstant(mondays.to!)).toBe('2026-11-23T12:00:00Z');
    expect(dryRun.becomeOverdue).toBe(1);

    const result = await config.apply(proposal.proposal, hana, 'cli');
    if (result.status !== 'applied') throw new Error(result.status);
    expect(figures(result.impact)).toEqual(figures(dryRun));
    expect((await store.obligations.listForStatement(monday)).find((o) => o.standardId === 'momo.2.1')!.due).toBe(parseInstant('2026-11-23T12:00:00Z'));
    expect(await store.obligations.listForStatement(lastWeek)).toEqual(metBefore);
    // The organisation reads it so from now on, the pack's reading and the reason beside it.
    const org = await loadOrganisation(store.settings);
    expect(org.standards.find((s) => s.id === 'momo.2.1')).toMatchObject({
      amount: 2,
      override: { disabled: false, reason: 'Pilot: open statements within two working hours', pack: { clock: 'working-hours', amount: 7 } },
      source: { quote: 'It must be downloaded or viewed within 7 working hours.' },
    });
    // A statement arriving now runs on the new reading.
    const next = await statementAt('2026-11-24T09:00:00Z');
    expect(formatInstant((await store.obligations.listForStatement(next)).find((o) => o.standardId === 'momo.2.1')!.due)).toBe('2026-11-24T11:00:00Z');
  });

  it('switching a standard off closes its open clocks as no longer applying and opens no new ones', async () => {
    const { friday } = await aWeekOfWork();
    clock = parseInstant('2026-11-23T12:00:00Z');
    const config = new ConfigurationService({ store, now: () => clock });
    const proposal = await config.propose({ standards: { 'momo.3.1': { disabled: true, reason: 'Children are told through the case system' } } });
    if (!proposal.ok) throw new Error('refused');
    const dryRun = await config.preview(proposal.proposal, { period: null });
    const result = await config.apply(proposal.proposal, hana, 'cli');
    if (result.status !== 'applied') throw new Error(result.status);
    expect(result.impact.closed).toBe(dryRun.closed);
    expect(result.impact.closed).toBeGreaterThan(0);
    const closed = (await store.obligations.listForStatement(friday)).find((o) => o.standardId === 'momo.3.1')!;
    expect(closed).toMatchObject({ status: 'cancelled', closedReason: 'no-longer-applies', closedAt: clock, nextNudgeAt: null });
    const next = await statementAt('2026-11-24T09:00:00Z');
    expect((await store.obligations.listForStatement(next)).map((o) => o.standardId)).not.toContain('momo.3.1');
  });

  it('an interpretation alone moves nothing but is read from then on', async () => {
    await aWeekOfWork();
    const config = new ConfigurationService({ store, now: () => clock });
    const proposal = await config.propose({ standards: { 'momo.2.2': { interpretation: 'Two working days counted from the day after assignment.', reason: 'Agreed with the participation team' } } });
    if (!proposal.ok) throw new Error('refused');
    const dryRun = await config.preview(proposal.proposal);
    expect(dryRun).toMatchObject({ examined: 0, moved: 0, replay: null });
    await config.apply(proposal.proposal, hana, 'cli');
    expect((await loadOrganisation(store.settings)).standards.find((s) => s.id === 'momo.2.2')?.interpretation).toBe('Two working days counted from the day after assignment.');
  });
});

describe('the replay of a past period under the change', () => {
  it('judges the obligations due in the period as configured and under the change, with the on-time rate of heard report', async () => {
    // Four statements in October 2026, each opened 5 working hours after it was assigned.
    const sam = people[0];
    for (const day of ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08']) {
      const id = await statementAt(`${day}T09:00:00Z`);
      clock = parseInstant(`${day}T13:00:00Z`);
      await (await services()).statements.recordOpened(id, sam, 'card');
    }
    clock = parseInstant('2026-12-02T10:00:00Z');
    const config = new ConfigurationService({ store, now: () => clock });
    const proposal = await config.propose({ standards: { 'momo.2.1': { amount: 3, reason: 'Pilot: open statements within three working hours' } } });
    if (!proposal.ok) throw new Error('refused');
    const { replay } = await config.preview(proposal.proposal);
    // By default the three whole months before December.
    expect(replay).toMatchObject({ from: '2026-09-01', to: '2026-11-30' });
    // 09:00 BST is 08:00Z: opened at 14:00 BST, 5 working hours on; on time against 7, late against 3.
    expect(replay!.lines).toEqual([
      {
        standardId: 'momo.2.1',
        title: 'Recipient downloads or views the statement',
        due: 4,
        asConfigured: { met: 4, late: 0, overdue: 0, missed: 0, open: 0, closed: 0, onTimeRate: 1 },
        underChange: { met: 0, late: 4, overdue: 0, missed: 0, open: 0, closed: 0, onTimeRate: 0 },
      },
    ]);
  });
});

describe('a recalculation cut short', () => {
  it('is finished from where it stopped, and nothing is worked out twice', async () => {
    for (let i = 0; i < 7; i++) await statementAt(`2026-11-23T${String(9 + i).padStart(2, '0')}:00:00Z`);
    clock = parseInstant('2026-11-23T17:30:00Z');
    const org = await loadOrganisation(store.settings);
    const before = await everything();
    let calls = 0;
    // A store whose third transaction fails, as a process killed mid-change would leave it.
    const failing: Store = { ...store, transaction: (work) => (++calls === 3 ? Promise.reject(new Error('killed')) : store.transaction(work)) };
    const config = new ConfigurationService({ store: failing, now: () => clock, pageSize: 5 });
    const proposal = await config.propose({ calendar: { ...org.settings.calendar, closures: [{ date: '2026-11-24', name: 'Snow day' }] } });
    if (!proposal.ok) throw new Error('refused');
    const dryRun = await config.preview(proposal.proposal, { period: null });
    await expect(config.apply(proposal.proposal, hana, 'cli')).rejects.toThrow('killed');
    expect(await config.pending()).toBe(true);

    const resumed = await new ConfigurationService({ store, now: () => clock, pageSize: 5 }).resumePending();
    expect(resumed).toMatchObject({ examined: dryRun.examined, moved: dryRun.moved, becomeOverdue: dryRun.becomeOverdue, stopBeingOverdue: dryRun.stopBeingOverdue });
    expect(await config.pending()).toBe(false);
    const after = await everything();
    for (const move of dryRun.moves) expect(after.find((o) => o.id === move.obligationId)!.due).toBe(move.to);
    // Each moved obligation was written once: its version moved on by one.
    for (const o of before.filter((x) => dryRun.moves.some((m) => m.obligationId === x.id))) expect(after.find((x) => x.id === o.id)!.version).toBe(o.version + 1);
  });
});
