/**
 * A simulated fortnight: 1,000 statements reach a youth justice service (Mind Of My Own
 * and youth justice packs) between Monday 23 March and Easter Monday 6 April 2026 — in
 * working hours, evenings, nights and weekends, across the change to British Summer Time
 * (Sunday 29 March) and the Easter bank holidays (Good Friday 3 April, Easter Monday
 * 6 April). Workers act on some promptly, some late, and ignore others; the participation
 * team assigns most of its queue; one worker is away with a cover. Team managers follow up
 * Safety Link statements (yjs Safety Link 2) in time, late or never; a duty rota names the
 * duty manager at weekends and on weekdays, weeknights are left uncovered.
 *
 * The real engine, the embedded store, a fake clock and a connector stub recording every
 * send. Every nudge and escalation must fire exactly once, at the instant an independent
 * oracle (`reference-nudges.ts`, minute-stepping, sharing no code with the scheduler)
 * gives, never outside working hours unless its standard is immediate. A Safety Link
 * escalates to the duty manager only where the simulation recorded no follow-up within
 * the hour, to the duty manager its own rota names (or, in a gap, one of the council's).
 */
import { PARTICIPATION, type Sent, schedulerWorld, type SchedulerWorld } from './scheduler-harness';
import { instantOfLocal, shiftDate, weekdayOf } from './reference-clock';
import { expectedDutyManagers, expectedNudges, expectedSafetyLinkEscalation, referenceNextSendable, type ReferenceShift } from './reference-nudges';
import { mulberry32 } from './seeded-random';
import { timeLapse } from './time-lapse';
import { standardsAndCalendar } from './test-council.fixture';
import type { Person, Team } from '../domain/person';
import type { Obligation } from '../domain/obligation';
import type { NudgeMessage } from '../scheduler/nudge-outbox';
import { addWorkingSeconds, formatInstant, parseInstant } from '../standards';
import type { Scheduler } from '../scheduler/scheduler';

const STATEMENTS = 1000;
const FIRST_DAY = parseInstant('2026-03-23T00:00:00Z'); // Monday, GMT
const DAYS = 15; // to Easter Monday 6 April inclusive
const SIM_END = parseInstant('2026-04-10T18:00:00Z'); // long enough for every clock started to run out

const TEAMS: Team[] = ['north', 'south', 'east'].map((t) => ({ id: `t_${t}`, name: `${t} team`, managerId: `p_mgr_${t}` }));
const WORKERS: Person[] = TEAMS.flatMap((team, ti) =>
  Array.from({ length: 6 }, (_, i) => {
    const n = ti * 6 + i + 1;
    return { id: `p_w${n}`, aadObjectId: `aad-w${n}`, name: `Worker ${n}`, email: `w${n}@council.example`, roles: ['worker'], teamId: team.id, lineManagerId: team.managerId } satisfies Person;
  }),
);
const PEOPLE: Person[] = [
  ...WORKERS,
  ...TEAMS.map((t) => ({ id: t.managerId ?? '', aadObjectId: `aad-${t.managerId}`, name: `Manager ${t.id}`, email: `${t.managerId}@council.example`, roles: ['manager'], teamId: t.id, lineManagerId: null }) satisfies Person),
  PARTICIPATION,
  { ...PARTICIPATION, id: 'p_pat2', aadObjectId: 'aad-pat2', name: 'Pip Participation', email: 'pip@council.example' },
  { id: 'p_cora', aadObjectId: 'aad-cora', name: 'Cora Complaints', email: 'cora@council.example', roles: ['complaints-officer'], teamId: null, lineManagerId: null },
  { id: 'p_hana', aadObjectId: 'aad-hana', name: 'Hana Head', email: 'hana@council.example', roles: ['head-of-service'], teamId: null, lineManagerId: null },
  { id: 'p_dev', aadObjectId: 'aad-dev', name: 'Dev Duty', email: 'dev@council.example', roles: ['duty-manager'], teamId: null, lineManagerId: null },
  { id: 'p_nia', aadObjectId: 'aad-nia', name: 'Nia Nights', email: 'nia@council.example', roles: ['duty-manager'], teamId: null, lineManagerId: null },
  { id: 'p_dee', aadObjectId: 'aad-dee', name: 'Dee Officer', email: 'dee@council.example', roles: ['duty-officer'], teamId: null, lineManagerId: 'p_dev' },
];
const DUTY_MANAGERS = PEOPLE.filter((p) => p.roles.includes('duty-manager')).map((p) => p.id);

/**
 * The duty rota of the fortnight, in London local time: Dev is duty manager on weekdays
 * 09:00–17:00 (bank holidays too); Nia (duty manager) and Dee (duty officer) from Friday
 * 17:00 to Monday 09:00. Weeknights have nobody: the gaps the fallback covers.
 */
function dutyRota(): { manager: ReferenceShift[]; officer: ReferenceShift[] } {
  const manager: ReferenceShift[] = [];
  const officer: ReferenceShift[] = [];
  for (let date = '2026-03-20'; date <= '2026-04-11'; date = shiftDate(date, 1)) {
    const weekday = weekdayOf(date);
    if (weekday !== 'Sat' && weekday !== 'Sun') manager.push({ personId: 'p_dev', from: instantOfLocal(date, 9 * 60), until: instantOfLocal(date, 17 * 60) });
    if (weekday === 'Fri') {
      const weekend = { from: instantOfLocal(date, 17 * 60), until: instantOfLocal(shiftDate(date, 3), 9 * 60) };
      manager.push({ personId: 'p_nia', ...weekend });
      officer.push({ personId: 'p_dee', ...weekend });
    }
  }
  return { manager, officer };
}


/** The obligation and nudge kind a recorded send was for (digests and notices: null). */
function stepOf(m: NudgeMessage): { obligationId: string; kind: string; standardId: string } | null {
  if (m.type === 'reminder') return { obligationId: m.obligation.id, kind: m.kind === 'reminder' ? `reminder-${m.percent}` : 'due', standardId: m.standard.id };
  if (m.type === 'escalation') return { obligationId: m.obligation.id, kind: 'breach', standardId: m.standard.id };
  return null;
}

let world: SchedulerWorld;
afterAll(async () => {
  await world?.close();
});

jest.setTimeout(10 * 60 * 1000);

it('a fortnight of 1,000 statements: every nudge and escalation exactly once, at the instant the policy gives', async () => {
  const { calendar: cal, standards } = standardsAndCalendar();
  const byStandard = new Map(standards.map((s) => [s.id, s]));
  world = await schedulerWorld({ start: FIRST_DAY, packs: ['momo', 'yjs'], people: PEOPLE });
  await world.store.directory.putAbsence({ id: 'ab_w3', personId: 'p_w3', from: '2026-03-30', until: '2026-04-01', coverId: 'p_w4' });
  const rota = dutyRota();
  await world.store.rota.replace({ roles: ['duty-manager', 'duty-officer'], from: parseInstant('2026-03-01T00:00:00Z'), until: parseInstant('2026-05-01T00:00:00Z') }, [
    ...rota.manager.map((s, i) => ({ id: `rs_m${i}`, role: 'duty-manager' as const, ...s })),
    ...rota.officer.map((s, i) => ({ id: `rs_o${i}`, role: 'duty-officer' as const, ...s })),
  ]);
  const scheduler: Scheduler = world.scheduler('sim');
  const next = mulberry32(20260323);
  const random = () => next() / 2 ** 32;

  // When obligations were cancelled (moved on with their statement): the end of their nudges.
  const cancelledAt = new Map<string, number>();
  const touched = new Set<string>();
  world.service.subscribe((change) => touched.add(change.statement.id));
  const noteCancellations = async () => {
    for (const id of touched) {
      for (const o of await world.store.obligations.listForStatement(id)) if (o.status === 'cancelled' && !cancelledAt.has(o.id)) cancelledAt.set(o.id, world.clock.now);
    }
    touched.clear();
  };

  // The timeline: arrivals now, actions added as statements are placed.
  const events: { at: number; run: () => Promise<void> }[] = [];
  const schedule = (at: number, run: () => Promise<void>) => {
    let i = events.length;
    while (i > 0 && events[i - 1].at > at) i--;
    events.splice(i, 0, { at, run });
  };
  const afterWork = (from: number, hours: number) => addWorkingSeconds(cal, from, Math.round(hours * 3600)) + 7; // off the minute: never at a nudge's instant

  const actOn = (statementId: string, from: number) => {
    const r = random();
    const person = async () => {
      const s = await world.store.statements.get(statementId);
      return s && s.assigneeIds.length > 0 ? world.person(s.assigneeIds[0]) : null;
    };
    const act = (at: number, what: 'open' | 'ack' | 'told' | 'saved') =>
      schedule(at, async () => {
        const p = await person();
        if (!p) return;
        if (what === 'open') await world.service.recordOpened(statementId, p, 'card');
        if (what === 'ack') await world.service.acknowledge(statementId, p, 'card');
        if (what === 'told') await world.service.recordChildTold(statementId, p, 'card');
        if (what === 'saved') await world.service.recordSaved(statementId, p, { system: 'Liquid Logic', reference: `LL-${statementId}` }, 'card');
      });
    if (r < 0.35) {
      const t = afterWork(from, 0.5 + random() * 2.5);
      act(t, 'open');
      act(t + 60, 'ack');
      act(t + 600, 'told');
      act(afterWork(t, 1 + random() * 3), 'saved');
    } else if (r < 0.6) {
      const t = afterWork(from, 4 + random() * 8);
      act(t, 'ack');
      act(afterWork(t, 2 + random() * 10), 'saved');
    } else if (r < 0.75) {
      act(afterWork(from, 8 + random() * 16), 'open');
    }
    // else: ignored
  };

  // Safety Link follow-ups: when each statement reached its team manager, and when the simulation recorded its follow-up.
  const safetyLinks = new Map<string, { reachedManagerAt: number; followedUpAt: number | null }>();
  const followUp = (statementId: string, arrival: number) => {
    const r = random();
    // Half within the hour, a quarter late (after the escalation), a quarter never.
    const after = r < 0.5 ? 5 * 60 + random() * 50 * 60 : r < 0.75 ? 61 * 60 + random() * 4 * 3600 : null;
    if (after === null) return;
    schedule(arrival + Math.round(after) + 7, async () => {
      const s = await world.store.statements.get(statementId);
      // Whoever may record it now: the team manager, or the duty manager it escalated to.
      for (const id of s?.assigneeIds ?? []) {
        const result = await world.service.recordSafetyLinkFollowUp(statementId, world.person(id), 'urgent-action', 'Simulated follow-up note', 'card');
        if (result.ok && result.changed) {
          safetyLinks.set(statementId, { reachedManagerAt: arrival, followedUpAt: world.clock.now });
          return;
        }
      }
    });
  };

  const emails = WORKERS.map((w) => w.email);
  for (let n = 0; n < STATEMENTS; n++) {
    const day = cal.dayOf(FIRST_DAY) + Math.floor(random() * DAYS);
    const bucket = random();
    const seconds = bucket < 0.65 ? 9 * 3600 + random() * 8 * 3600 : bucket < 0.9 ? 17 * 3600 + random() * 6.5 * 3600 : 23.5 * 3600 + random() * 9.5 * 3600;
    const arrival = Math.min(cal.midnight[day] + Math.floor(seconds), SIM_END - 86400 * 4);
    const kind = random();
    const flags = { complaint: kind < 0.03, safetyLink: kind >= 0.03 && kind < 0.05, unidentified: kind >= 0.05 && kind < 0.06 };
    const recipient =
      kind >= 0.06 && kind < 0.08
        ? ({ kind: 'none' } as const)
        : ({ kind: 'person', email: kind >= 0.08 && kind < 0.13 ? `left-the-council-${n}@council.example` : emails[Math.floor(random() * emails.length)] } as const);
    schedule(arrival, async () => {
      const id = await world.receive(`sim-${n}`, arrival, { intendedRecipient: recipient, flags });
      const statement = await world.store.statements.get(id);
      if (statement?.status === 'queued') {
        if (random() < 0.7) {
          const to = WORKERS[Math.floor(random() * WORKERS.length)].id;
          schedule(afterWork(arrival, 1 + random() * 7), async () => {
            const result = await world.service.assign(id, to, PARTICIPATION, 'card');
            if (result.ok) actOn(id, world.clock.now);
          });
        }
      } else if (statement?.status === 'assigned') actOn(id, arrival);
      if (statement?.flags.safetyLink && statement.status === 'assigned') {
        safetyLinks.set(id, { reachedManagerAt: arrival, followedUpAt: null });
        followUp(id, arrival);
      }
    });
  }

  // Run: the scheduler wakes at each instant it asks for before the next event, as its loop would.
  const runTo = (t: number) => timeLapse(scheduler, world.clock, t, { before: true, afterSweep: noteCancellations });
  while (events.length > 0) {
    const event = events.shift() as (typeof events)[number];
    await runTo(event.at);
    world.clock.now = event.at;
    await event.run();
    await scheduler.sweep();
    await noteCancellations();
  }
  await runTo(SIM_END);

  // ---- what should have happened, by the oracle ---------------------------------------------
  const obligations: Obligation[] = [];
  for (const s of await world.store.statements.list({})) obligations.push(...(await world.store.obligations.listForStatement(s.id)));
  const expected = new Map<string, number>(); // `${obligation}:${kind}` → send instant
  // A step due at the very instant the obligation ended may go either way: the scheduler
  // ended it itself in the same sweep (another obligation's escalation moved the statement,
  // which cancels the old clocks and meets yjs's "reassign within 24 hours").
  const either = new Map<string, number>();
  for (const o of obligations) {
    const standard = byStandard.get(o.standardId);
    if (!standard) throw new Error(`unknown standard ${o.standardId}`);
    const end = o.status === 'met' ? (o.completedAt ?? 0) : o.status === 'cancelled' ? cancelledAt.get(o.id) : Infinity;
    if (end === undefined) throw new Error(`obligation ${o.id} was cancelled without the simulation seeing when`);
    for (const n of expectedNudges({ trigger: o.triggeredAt, due: o.due, immediate: standard.clock === 'immediate', ownerIsTeam: o.ownerId === null })) {
      if (n.sendAt < end && n.sendAt <= SIM_END) expected.set(`${o.id}:${n.kind}`, n.sendAt);
      else if (n.sendAt === end && n.sendAt <= SIM_END) either.set(`${o.id}:${n.kind}`, n.sendAt);
    }
  }

  // ---- what did happen ----------------------------------------------------------------------
  const actual = new Map<string, Sent[]>();
  const perRecipient = new Set<string>();
  const duplicates: string[] = [];
  const outsideHours: string[] = [];
  for (const sent of world.sender.sent) {
    const step = stepOf(sent.message);
    if (!step) continue;
    const key = `${step.obligationId}:${step.kind}`;
    actual.set(key, [...(actual.get(key) ?? []), sent]);
    const once = `${key}:${sent.aadObjectId}`;
    if (perRecipient.has(once)) duplicates.push(once);
    perRecipient.add(once);
    if (byStandard.get(step.standardId)?.clock !== 'immediate' && referenceNextSendable(sent.at) !== sent.at) outsideHours.push(`${once} at ${formatInstant(sent.at)}`);
  }
  const missing = [...expected.keys()].filter((k) => !actual.has(k));
  const unexpected = [...actual.keys()].filter((k) => !expected.has(k) && !either.has(k));
  const policyInstant = (k: string) => expected.get(k) ?? either.get(k);
  const wrongInstant = [...actual.entries()]
    .filter(([k, sends]) => policyInstant(k) !== undefined && sends.some((s) => s.at !== policyInstant(k)))
    .map(([k, sends]) => `${k}: sent ${formatInstant(sends[0].at)}, policy ${formatInstant(policyInstant(k) ?? 0)}`);

  // ---- Safety Link: escalated only where no follow-up came in time, to the duty manager on the rota
  const slSent = new Map<string, Sent[]>();
  for (const sent of world.sender.sent) {
    if (sent.message.type !== 'escalation' || sent.message.standard.id !== 'yjs.safety-link-2') continue;
    slSent.set(sent.message.statement.id, [...(slSent.get(sent.message.statement.id) ?? []), sent]);
  }
  const personOfAad = new Map(PEOPLE.map((p) => [p.aadObjectId, p.id]));
  const slWrong: string[] = [];
  let slInTime = 0;
  let slLate = 0;
  let slEscalated = 0;
  for (const [statementId, sl] of safetyLinks) {
    const expectedAt = expectedSafetyLinkEscalation(sl);
    const sends = slSent.get(statementId) ?? [];
    if (expectedAt === null) slInTime++;
    else if (sl.followedUpAt !== null) slLate++;
    if (expectedAt === null) {
      if (sends.length > 0) slWrong.push(`${statementId}: followed up at ${formatInstant(sl.followedUpAt ?? 0)}, escalated at ${formatInstant(sends[0].at)}`);
      continue;
    }
    slEscalated++;
    const to = sends.map((x) => personOfAad.get(x.aadObjectId) ?? x.aadObjectId);
    const allowed = expectedDutyManagers(expectedAt, rota.manager, DUTY_MANAGERS);
    if (sends.length !== 1 || sends[0].at !== expectedAt || !allowed.includes(to[0])) {
      slWrong.push(`${statementId}: expected one escalation at ${formatInstant(expectedAt)} to ${allowed.join('|')}, got ${sends.map((x, i) => `${to[i]}@${formatInstant(x.at)}`).join(', ') || 'none'}`);
    }
  }
  const slUnknown = [...slSent.keys()].filter((id) => !safetyLinks.has(id));

  // ---- counts ---------------------------------------------------------------------------------
  const count = (f: (s: Sent) => boolean) => world.sender.sent.filter(f).length;
  const kinds = new Map<string, number>();
  for (const k of expected.keys()) kinds.set(k.slice(k.indexOf(':') + 1), (kinds.get(k.slice(k.indexOf(':') + 1)) ?? 0) + 1);
  const nightImmediate = count((s) => s.message.type !== 'digest' && stepOf(s.message) !== null && referenceNextSendable(s.at) !== s.at);
  const digests = world.sender.sent.filter((s) => s.message.type === 'digest');
  const statuses = new Map<string, number>();
  for (const o of obligations) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
  // eslint-disable-next-line no-console
  console.log(
    [
      `Simulated fortnight (23 Mar – 6 Apr 2026, BST from 29 Mar, Good Friday and Easter Monday):`,
      `  statements:   ${STATEMENTS}`,
      `  obligations:  ${obligations.length} (${[...statuses].map(([k, v]) => `${v} ${k}`).join(', ')})`,
      `  nudge steps:  ${expected.size} due by the policy (${[...kinds].sort().map(([k, v]) => `${v} ${k}`).join(', ')})`,
      `  messages:     ${world.sender.sent.length} sent — ${count((s) => s.message.type === 'reminder')} reminders, ${count((s) => s.message.type === 'escalation')} escalations, ${digests.length} digests, ${count((s) => s.message.type === 'undelivered')} undelivered notices`,
      `  at night or on a non-working day (immediate standards only): ${nightImmediate}`,
      `  missing: ${missing.length}, unexpected: ${unexpected.length}, at the wrong instant: ${wrongInstant.length}, sent twice: ${duplicates.length}, outside working hours: ${outsideHours.length}`,
      `  Safety Link: ${safetyLinks.size} statements — ${slInTime} followed up within the hour (not escalated), ${slLate} followed up late and ${safetyLinks.size - slInTime - slLate} never (${slEscalated} escalated to the duty manager); ${slWrong.length + slUnknown.length} wrong`,
    ].join('\n'),
  );

  if (process.env.SIM_DEBUG) {
    const show = async (k: string) => {
      const o = obligations.find((x) => x.id === k.slice(0, k.indexOf(':')));
      const records = o ? await world.store.nudges.listForObligation(o.id) : [];
      return JSON.stringify({
        k,
        standard: o?.standardId,
        owner: o?.ownerId,
        status: o?.status,
        triggered: o && formatInstant(o.triggeredAt),
        due: o && formatInstant(o.due),
        completed: o?.completedAt && formatInstant(o.completedAt),
        cancelled: o && cancelledAt.has(o.id) ? formatInstant(cancelledAt.get(o.id) ?? 0) : null,
        expected: expected.has(k) ? formatInstant(expected.get(k) ?? 0) : null,
        sent: (actual.get(k) ?? []).map((x) => `${x.aadObjectId}@${formatInstant(x.at)}`),
        records: records.map((r) => `${r.key}:${r.state}@${formatInstant(r.at)}`),
      });
    };
    // eslint-disable-next-line no-console
    for (const k of [...missing.slice(0, 4), ...unexpected.slice(0, 6), ...wrongInstant.slice(0, 6).map((w) => w.slice(0, w.indexOf(': ')))]) console.log(await show(k));
  }
  expect(missing.slice(0, 5)).toEqual([]);
  expect(unexpected.slice(0, 5)).toEqual([]);
  expect(wrongInstant.slice(0, 5)).toEqual([]);
  expect(duplicates.slice(0, 5)).toEqual([]);
  expect(outsideHours.slice(0, 5)).toEqual([]);
  expect(expected.size).toBeGreaterThan(3000);
  expect(nightImmediate).toBeGreaterThan(0);
  expect(slWrong.slice(0, 5)).toEqual([]);
  expect(slUnknown).toEqual([]);
  // Every branch was exercised: in time, late, never; escalations by the rota and in its gaps.
  expect(slInTime).toBeGreaterThan(3);
  expect(slLate).toBeGreaterThan(1);
  expect(slEscalated - slLate).toBeGreaterThan(1);
  const inGap = [...safetyLinks.values()].filter((sl) => {
    const at = expectedSafetyLinkEscalation(sl);
    return at !== null && expectedDutyManagers(at, rota.manager, []).length === 0;
  });
  expect(inGap.length).toBeGreaterThan(0);

  // Digests: each participation officer once per working day, at that day's 09:00 local (08:00Z in summer time).
  const workingDays: number[] = [];
  for (let d = cal.dayOf(FIRST_DAY); cal.midnight[d] < SIM_END; d++) if (cal.isWorkingDay(d)) workingDays.push(d);
  for (const aad of ['aad-pat', 'aad-pat2']) {
    const mine = digests.filter((s) => s.aadObjectId === aad && s.message.type === 'digest' && s.message.digest.audience === 'participation');
    expect(mine.map((s) => formatInstant(s.at))).toEqual(workingDays.map((d) => formatInstant(referenceNextSendable(cal.midnight[d]))));
  }
});
