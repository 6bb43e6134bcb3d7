/**
 * The scheduler on the embedded store with a fake clock and a recording connector stub:
 * who is nudged when, escalations, absences, people Heard cannot reach, restarts and two
 * instances over one store (on MongoDB too when MONGODB_URI is set: `npm run test:mongo`).
 */
import { MONDAY_10AM } from './test-council.fixture';
import { setDigestOptIn } from '../domain/digest-preferences';
import { formatInstant, parseInstant } from '../standards';
import { PARTICIPATION, WORLD_STORES, runUntil, schedulerWorld, type SchedulerWorld } from './scheduler-harness';

const at = parseInstant;
const iso = formatInstant;

let world: SchedulerWorld;
afterEach(async () => {
  await world?.close();
});

/** What a recorded send was, in words: `reminder-50 momo.2.1`, `escalation/manager momo.2.1`, `digest/participation`. */
function what(s: { message: import('../scheduler/nudge-outbox').NudgeMessage }): string {
  const m = s.message;
  if (m.type === 'reminder') return `${m.kind === 'reminder' ? `reminder-${m.percent}` : m.kind} ${m.standard.id}`;
  if (m.type === 'escalation') return `escalation/${m.variant} ${m.standard.id}`;
  if (m.type === 'undelivered') return `undelivered ${m.kind}`;
  if (m.type === 'monthly') return `monthly ${m.month}`;
  if (m.type === 'case-reminder') return `case-${m.kind === 'due' ? 'due' : m.workingDaysBefore !== null ? `ahead-${m.workingDaysBefore}` : `reminder-${m.percent}`} ${m.item.standard.id}`;
  if (m.type === 'case-escalation') return `case-escalation/${m.variant} ${m.item.standard.id}`;
  if (m.type === 'review') return `review ${m.obligationId}`;
  return `digest/${m.digest.audience}`;
}

describe('nudges for a statement Sam does not open (momo, Monday 10:00)', () => {
  it("reminds Sam at 50% and 75% of momo 2.1's 7 working hours and at 17:00, then asks Priya (his line manager) on Tuesday at 09:00", async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    await world.receive('s1', MONDAY_10AM);
    const scheduler = world.scheduler();
    await runUntil(world, scheduler, at('2026-11-24T12:00:00Z'));

    const sam = world.sender.to('aad-sam').filter((s) => s.message.type === 'reminder' && s.message.standard.id === 'momo.2.1');
    expect(sam.map((s) => [what(s), iso(s.at)])).toEqual([
      ['reminder-50 momo.2.1', '2026-11-23T13:30:00Z'],
      ['reminder-75 momo.2.1', '2026-11-23T15:15:00Z'],
      ['due momo.2.1', '2026-11-23T17:00:00Z'],
    ]);
    const priya = world.sender.to('aad-priya').filter((s) => s.message.type === 'escalation' && s.message.standard.id === 'momo.2.1');
    expect(priya.map((s) => [what(s), iso(s.at)])).toEqual([['escalation/manager momo.2.1', '2026-11-24T09:00:00Z']]);
    const audit = await world.store.audit.listForStatement(priya[0].message.type === 'escalation' ? priya[0].message.statement.id : '');
    expect(audit.filter((e) => e.action === 'statement-escalated').map((e) => e.details.standard)).toContain('momo.2.1');
  });

  it('sends nothing more once Sam opens it, and never at night or at the weekend', async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    const id = await world.receive('s1', MONDAY_10AM);
    const scheduler = world.scheduler();
    await runUntil(world, scheduler, at('2026-11-23T14:00:00Z'));
    await world.service.recordOpened(id, world.person('p_sam'), 'card');
    await runUntil(world, scheduler, at('2026-11-30T12:00:00Z'));
    const opening = world.sender.sent.filter((s) => s.message.type !== 'digest' && 'standard' in s.message && s.message.standard?.id === 'momo.2.1');
    expect(opening.map(what)).toEqual(['reminder-50 momo.2.1']);
    const { calendar } = await import('./test-council.fixture').then((f) => f.standardsAndCalendar());
    const { isSendable } = await import('../domain/nudge-policy');
    expect(world.sender.sent.every((s) => isSendable(calendar, s.at))).toBe(true);
  });
});

describe('absences', () => {
  it("while Sam is away his reminders go to Ali, who covers; with no cover, to Priya, his line manager", async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    await world.store.directory.putAbsence({ id: 'ab_1', personId: 'p_sam', from: '2026-11-23', until: '2026-11-23', coverId: null });
    // Routing sends a new statement to the line manager while Sam is away; assign it to Sam by hand (participation).
    const id = await world.receive('s1', MONDAY_10AM);
    await world.service.reassign(id, 'p_sam', PARTICIPATION, 'card');
    await world.store.directory.putAbsence({ id: 'ab_1', personId: 'p_sam', from: '2026-11-23', until: '2026-11-23', coverId: 'p_ali' });
    const scheduler = world.scheduler();
    await runUntil(world, scheduler, at('2026-11-23T13:30:00Z'));
    const toAli = world.sender.to('aad-ali').filter((s) => s.message.type === 'reminder');
    expect(toAli.map(what)).toContain('reminder-50 momo.2.1');
    expect(toAli[0].message.type === 'reminder' && toAli[0].message.forPerson?.id).toBe('p_sam');
    expect(world.sender.to('aad-sam')).toEqual([]);

    await world.store.directory.putAbsence({ id: 'ab_1', personId: 'p_sam', from: '2026-11-23', until: '2026-11-23', coverId: null });
    await runUntil(world, scheduler, at('2026-11-23T15:15:00Z'));
    expect(world.sender.to('aad-priya').map(what)).toContain('reminder-75 momo.2.1');
  });
});

describe("a standard's own escalation (momo 2.2: not opened within 2 working days)", () => {
  it('moves the statement to the line manager, tells the participation team, and audits it', async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    const id = await world.receive('s1', MONDAY_10AM);
    const scheduler = world.scheduler();
    // Due Wed 25 Nov 17:00; overdue from 17:00:01, escalated Thursday 09:00.
    await runUntil(world, scheduler, at('2026-11-26T10:00:00Z'));
    const statement = await world.store.statements.get(id);
    expect(statement?.assigneeIds).toEqual(['p_priya']);
    const toPriya = world.sender.to('aad-priya').filter((s) => s.message.type === 'escalation' && s.message.standard.id === 'momo.2.2');
    expect(toPriya.map((s) => [what(s), iso(s.at)])).toEqual([['escalation/reassigned momo.2.2', '2026-11-26T09:00:00Z']]);
    const toPat = world.sender.to('aad-pat').filter((s) => s.message.type === 'escalation');
    expect(toPat.map(what)).toContain('escalation/team momo.2.2');
    const moved = (await world.store.audit.listForStatement(id)).find((e) => e.action === 'statement-reassigned');
    expect(moved).toMatchObject({ actor: { kind: 'system', id: 'scheduler' }, channel: 'scheduler', details: { rule: 'escalation', standard: 'momo.2.2', to: 'p_priya' } });
  });
});

describe('immediate standards (yjs Safety Link)', () => {
  it('tell the case manager and team manager at once on a Saturday at 02:00', async () => {
    const saturdayNight = at('2026-11-21T02:00:00Z');
    world = await schedulerWorld({ start: saturdayNight, packs: ['momo', 'yjs'] });
    await world.receive('s1', saturdayNight, { flags: { complaint: false, safetyLink: true, unidentified: false } });
    await world.scheduler().sweep();
    const immediate = world.sender.sent.filter((s) => s.message.type === 'reminder' && s.message.kind === 'immediate');
    expect(immediate.length).toBeGreaterThan(0);
    expect(new Set(immediate.map((s) => s.aadObjectId))).toEqual(new Set(['aad-sam', 'aad-priya']));
    expect(immediate.every((s) => s.at === saturdayNight)).toBe(true);
  });
});

describe('people Heard cannot reach', () => {
  it('records a 403 as undelivered and tells the participation team once that day, not once per message', async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    world.sender.refuse.set('aad-sam', 'forbidden');
    await world.receive('s1', MONDAY_10AM);
    const scheduler = world.scheduler();
    await runUntil(world, scheduler, at('2026-11-23T13:30:00Z'));
    const notices = world.sender.to('aad-pat').filter((s) => s.message.type === 'undelivered');
    expect(notices.map(what)).toEqual(['undelivered reminder-50']);
    const obligations = await world.store.obligations.listForStatement((await world.store.statements.list({}))[0].id);
    const opening = obligations.find((o) => o.standardId === 'momo.2.1');
    const records = await world.store.nudges.listForObligation(opening?.id ?? '');
    expect(records.find((r) => r.kind === 'reminder-50' && r.recipientId === 'p_sam')).toMatchObject({ state: 'undelivered', reason: 'forbidden' });
  });

  it('retries a send that failed after the retries, later, and sends it once', async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    await world.receive('s1', MONDAY_10AM);
    const scheduler = world.scheduler();
    world.clock.now = at('2026-11-23T13:30:00Z');
    world.sender.failNext = 1;
    const first = await scheduler.sweep();
    expect(first.failed).toBe(1);
    await runUntil(world, scheduler, at('2026-11-23T13:40:00Z'));
    const fifty = world.sender.to('aad-sam').filter((s) => what(s) === 'reminder-50 momo.2.1');
    expect(fifty.map((s) => iso(s.at))).toEqual(['2026-11-23T13:35:00Z']);
  });
});

describe('durability: the schedule lives in the store', () => {
  it('a new scheduler after a restart sends what was due once, and nothing twice', async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    await world.receive('s1', MONDAY_10AM);
    await runUntil(world, world.scheduler('before-restart'), at('2026-11-23T13:30:00Z'));
    const before = world.sender.sent.length;
    // "Restart": a new instance, later; the 75% reminder fell due while nothing ran.
    world.clock.now = at('2026-11-23T15:20:00Z');
    const after = world.scheduler('after-restart');
    await after.sweep();
    await after.sweep();
    const fresh = world.sender.sent.slice(before);
    expect(fresh.map(what).filter((w) => w.endsWith(' momo.2.1'))).toEqual(['reminder-75 momo.2.1']);
  });

  it('a nudge recorded as sending when the process died is not sent again', async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    const id = await world.receive('s1', MONDAY_10AM);
    const opening = (await world.store.obligations.listForStatement(id)).find((o) => o.standardId === 'momo.2.1');
    if (!opening) throw new Error('momo 2.1 did not start');
    await world.store.nudges.begin({
      key: `${opening.id}:reminder-50:p_sam`,
      obligationId: opening.id,
      statementId: id,
      kind: 'reminder-50',
      recipientId: 'p_sam',
      state: 'sending',
      reason: null,
      holder: 'died',
      at: at('2026-11-23T13:30:00Z'),
      sentAt: null,
      activityId: null,
    });
    await runUntil(world, world.scheduler(), at('2026-11-23T14:00:00Z'));
    expect(world.sender.to('aad-sam').map(what)).not.toContain('reminder-50 momo.2.1');
  });

  it.each(WORLD_STORES.map((on) => [on === 'mongo' ? 'MongoDB' : 'the embedded store', on] as const))(
    'two instances over one store send each nudge exactly once (on %s)',
    async (_label, on) => {
      world = await schedulerWorld({ start: MONDAY_10AM, on });
      for (let i = 0; i < 30; i++) await world.receive(`s${i}`, MONDAY_10AM + i * 60);
      const a = world.scheduler('instance-a', { batchSize: 7 });
      const b = world.scheduler('instance-b', { batchSize: 7 });
      for (const t of ['2026-11-23T14:00:00Z', '2026-11-23T16:00:00Z', '2026-11-23T17:00:00Z', '2026-11-24T09:30:00Z', '2026-11-26T09:30:00Z']) {
        world.clock.now = at(t);
        await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);
      }
      const keys = world.sender.sent.map((s) => `${s.aadObjectId} ${what(s)} ${s.message.type === 'digest' ? s.message.digest.date : s.message.type === 'monthly' ? s.message.month : s.message.type === 'review' ? s.message.obligationId : 'statement' in s.message ? s.message.statement?.id : s.message.type}`);
      expect(keys.length).toBeGreaterThan(100);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    },
    60_000,
  );

  it('a claim whose instance died is taken over when its lease runs out', async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    await world.receive('s1', MONDAY_10AM);
    world.clock.now = at('2026-11-23T13:30:00Z');
    const claimed = await world.store.obligations.claimDue(world.clock.now, 'died', 300, 100);
    expect(claimed.length).toBeGreaterThan(0);
    const survivor = world.scheduler('survivor');
    await survivor.sweep();
    expect(world.sender.sent.filter((s) => s.message.type !== 'digest')).toEqual([]);
    world.clock.now += 300;
    await survivor.sweep();
    expect(world.sender.to('aad-sam').map(what)).toContain('reminder-50 momo.2.1');
  });
});

describe('morning digests', () => {
  it('at 09:00 on a working day: the participation team, managers with overdue work, and workers who asked — once each', async () => {
    world = await schedulerWorld({ start: at('2026-11-20T10:00:00Z') });
    await setDigestOptIn(world.store.settings, 'p_ali', true);
    await world.receive('s1', at('2026-11-20T10:00:00Z'));
    await world.receive('s2', at('2026-11-20T10:05:00Z'), { intendedRecipient: { kind: 'person', email: 'nobody@council.example' } });
    const scheduler = world.scheduler();
    await scheduler.sweep(); // started on Friday at 10:00: today's digests go late rather than never
    await runUntil(world, scheduler, at('2026-11-23T12:00:00Z'));
    await scheduler.sweep();
    const digests = world.sender.sent.filter((s) => s.message.type === 'digest');
    expect(digests.map((s) => [s.aadObjectId, what(s), iso(s.at)])).toEqual([
      ['aad-pat', 'digest/participation', '2026-11-20T10:00:00Z'],
      ['aad-ali', 'digest/worker', '2026-11-20T10:00:00Z'],
      ['aad-pat', 'digest/participation', '2026-11-23T09:00:00Z'],
      ['aad-ali', 'digest/worker', '2026-11-23T09:00:00Z'],
      ['aad-priya', 'digest/manager', '2026-11-23T09:00:00Z'],
    ]);
    const monday = digests[2].message;
    expect(monday.type === 'digest' && monday.digest.audience === 'participation' && monday.digest.queue.length).toBe(1);
    expect(monday.type === 'digest' && monday.digest.audience === 'participation' && monday.digest.breachCount).toBeGreaterThan(0);
  });
});

describe('the loop', () => {
  const eventually = async (check: () => boolean) => {
    for (let i = 0; i < 250 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(check()).toBe(true);
  };

  it('sweeps when started, again when poked (a statement changed) without waiting for the poll, and stops', async () => {
    world = await schedulerWorld({ start: MONDAY_10AM });
    await world.receive('s1', MONDAY_10AM);
    world.clock.now = at('2026-11-23T13:30:00Z');
    const scheduler = world.scheduler();
    scheduler.start({ pollSeconds: 30 });
    try {
      await eventually(() => world.sender.to('aad-sam').some((s) => what(s) === 'reminder-50 momo.2.1'));
      world.clock.now = at('2026-11-23T15:15:00Z');
      scheduler.poke();
      await eventually(() => world.sender.to('aad-sam').some((s) => what(s) === 'reminder-75 momo.2.1'));
    } finally {
      await scheduler.stop();
    }
    const sent = world.sender.sent.length;
    world.clock.now = at('2026-11-23T17:00:00Z');
    scheduler.poke();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(world.sender.sent.length).toBe(sent);
  });
});
