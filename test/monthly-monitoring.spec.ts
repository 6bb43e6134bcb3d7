import { monthlyCardModel } from '../cards/monthly-view';
import { renderReportCard } from '../cards/report-card';
import type { NudgeMessage } from '../scheduler/nudge-outbox';
import { nudgeComposer } from '../scheduler/nudge-composer';
import { parseInstant } from '../standards';
import { schedulerWorld, type SchedulerWorld } from './scheduler-harness';
import { standardsAndCalendar } from './test-council.fixture';
import { validateAdaptiveCard } from './validate-card';

/**
 * Monthly monitoring: "Usage is currently being monitored on a monthly basis" (participation
 * strategy, action plan 5). On the first working day of each month managers, the head of
 * service and the participation team get last month's figures for their scope, once —
 * whatever restarts or second instances — on the scheduler's fake clock.
 */

const t = parseInstant;

let world: SchedulerWorld;

beforeEach(async () => {
  world = await schedulerWorld({ start: t('2026-11-23T10:00:00Z') });
  const first = await world.receive('momo-a', t('2026-11-23T09:30:00Z'));
  await world.receive('momo-b', t('2026-11-23T09:45:00Z'));
  world.clock.now = t('2026-11-23T11:00:00Z');
  await world.service.acknowledge(first, world.person('p_sam'), 'card');
});

afterEach(() => world.close());

const monthly = () => world.sender.sent.filter((s) => s.message.type === 'monthly') as { aadObjectId: string; at: number; message: Extract<NudgeMessage, { type: 'monthly' }> }[];

describe('the monthly monitoring card', () => {
  it("reaches the manager, the head of service and the participation team at 09:00 on the month's first working day, each with last month for their scope — and the workers not at all", async () => {
    const scheduler = world.scheduler();
    world.clock.now = t('2026-12-01T08:59:00Z');
    await scheduler.sweep();
    expect(monthly()).toEqual([]);
    world.clock.now = t('2026-12-01T09:00:00Z');
    await scheduler.sweep();
    const got = Object.fromEntries(monthly().map((s) => [s.aadObjectId, { month: s.message.month, scope: s.message.scope, received: s.message.report.statements.received }]));
    expect(got).toEqual({
      'aad-priya': { month: '2026-11', scope: 'your team', received: 2 },
      'aad-hana': { month: '2026-11', scope: 'the service', received: 2 },
      'aad-pat': { month: '2026-11', scope: 'the service', received: 2 },
    });
    const priya = monthly().find((s) => s.aadObjectId === 'aad-priya')!.message.report;
    // One opened in time; the other never, so missed (the escalation that moved it closed Sam's clock) or still overdue.
    expect(priya.standards.find((r) => r.standard === 'momo.2.1')).toMatchObject({ due: 2, met: 1, onTimeRate: 0.5 });
  });

  it('is sent once a month, whatever restarts and second instances, and not again the next day', async () => {
    world.clock.now = t('2026-12-01T09:00:00Z');
    await Promise.all([world.scheduler('sched-a').sweep(), world.scheduler('sched-b').sweep()]);
    world.clock.now = t('2026-12-01T09:05:00Z');
    await world.scheduler('sched-c').sweep();
    world.clock.now = t('2026-12-02T09:00:00Z');
    await world.scheduler('sched-a').sweep();
    expect(monthly().map((s) => s.aadObjectId).sort()).toEqual(['aad-hana', 'aad-pat', 'aad-priya']);
    expect(await world.store.nudges.get('monthly:2026-11:p_priya')).toMatchObject({ kind: 'monthly', state: 'sent' });
  });

  it('waits for the first working day: not on New Year’s Day (a bank holiday), but on Monday 4 January', async () => {
    const scheduler = world.scheduler();
    world.clock.now = t('2027-01-01T09:00:00Z');
    await scheduler.sweep();
    expect(monthly()).toEqual([]);
    world.clock.now = t('2027-01-04T09:00:00Z');
    await scheduler.sweep();
    expect(new Set(monthly().map((s) => s.message.month))).toEqual(new Set(['2026-12']));
  });

  it('goes to someone away on the first working day when they are back that month', async () => {
    await world.store.directory.putAbsence({ id: 'ab_1', personId: 'p_priya', from: '2026-12-01', until: '2026-12-02', coverId: null });
    const scheduler = world.scheduler();
    world.clock.now = t('2026-12-01T09:00:00Z');
    await scheduler.sweep();
    expect(monthly().map((s) => s.aadObjectId)).not.toContain('aad-priya');
    world.clock.now = t('2026-12-03T09:00:00Z');
    await scheduler.sweep();
    expect(monthly().filter((s) => s.aadObjectId === 'aad-priya').map((s) => s.at)).toEqual([t('2026-12-03T09:00:00Z')]);
  });

  it('is an Adaptive Card 1.5 with the figures and an Open dashboard button, worded for the recipient', async () => {
    world.clock.now = t('2026-12-01T09:00:00Z');
    await world.scheduler().sweep();
    const { message } = monthly().find((s) => s.aadObjectId === 'aad-priya')!;
    const { standards, calendar } = standardsAndCalendar();
    const compose = nudgeComposer({ store: world.store, standards, calendar, now: () => world.clock.now, dashboardLink: (p) => `https://heard.example/dashboard?link=for-${p.id}` });
    const card = await compose(message, world.person('p_priya'));
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('November 2026: how your team did');
    expect(text).toContain('"title":"Statements received","value":"2"');
    expect(text).toContain('"title":"Open dashboard","url":"https://heard.example/dashboard?link=for-p_priya"');
    expect(validateAdaptiveCard(renderReportCard(monthlyCardModel('2026-11', 'the service', message.report, null)))).toEqual([]);
  });
});
