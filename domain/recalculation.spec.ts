import { compileCalendar, formatInstant, loadBuiltInStandards, parseInstant } from '../standards';
import { DEFAULT_NUDGE_POLICY, NudgePolicySchema, nudgePlan } from './nudge-policy';
import { statementObligation, type Obligation, type StatementObligationFields } from './obligation';
import { recalculate, replannedNudge, type Reading } from './recalculation';
import { applyOverrides } from './standard-overrides';

/**
 * One open obligation under a changed calendar or standard: its deadline from its
 * trigger, and its nudges replanned so that nothing sent is sent again and no escalation
 * owed is lost.
 */
const standards = loadBuiltInStandards();
const calendar = compileCalendar({}, { from: 2025, to: 2028 });
const snowDay = compileCalendar({ closures: [{ date: '2026-11-24', name: 'Snow day' }] }, { from: 2025, to: 2028 });
const reading = (over: Partial<Reading> = {}): Reading => ({ standards: new Map(standards.map((s) => [s.id, s])), packs: new Set(['momo']), calendar, nudgePolicy: DEFAULT_NUDGE_POLICY, ...over });
const momo21 = standards.find((s) => s.id === 'momo.2.1')!;
const t = (iso: string) => parseInstant(iso);

/** momo 2.1 assigned Mon 23 Nov 2026 14:00Z: 7 working hours, so Tue 24 Nov 13:00. */
function opened(over: Partial<StatementObligationFields> = {}): Obligation {
  const triggeredAt = t('2026-11-23T14:00:00Z');
  const due = t('2026-11-24T13:00:00Z');
  const plan = nudgePlan({ standardId: 'momo.2.1', triggeredAt, due, ownerId: 'p_sam' }, momo21, calendar, DEFAULT_NUDGE_POLICY);
  return statementObligation({ id: 'ob_1', standardId: 'momo.2.1', statementId: 'st_1', ownerId: 'p_sam', ownerRole: 'recipient', triggeredAt, due, status: 'open', completedAt: null, nextNudgeAt: plan[0].at, lease: null, version: 3, ...over });
}

describe('recalculate', () => {
  it('moves the deadline to what the engine gives on the new calendar, and the first reminder with it', () => {
    const result = recalculate(opened(), reading(), reading({ calendar: snowDay }), t('2026-11-23T15:00:00Z'));
    expect(result.kind).toBe('moved');
    if (result.kind !== 'moved') return;
    // 3 working hours on Monday, the snow day, 4 on Wednesday.
    expect(formatInstant(result.next.due)).toBe('2026-11-25T13:00:00Z');
    // The half-way reminder: 3.5 working hours in, Wednesday 09:30.
    expect(formatInstant(result.next.nextNudgeAt!)).toBe('2026-11-25T09:30:00Z');
    expect(result.next.version).toBe(4);
  });

  it('leaves an obligation the change does not touch as it was', () => {
    expect(recalculate(opened(), reading(), reading({ calendar: compileCalendar({ closures: [{ date: '2026-12-24', name: 'Christmas Eve' }] }, { from: 2025, to: 2028 }) }), t('2026-11-23T15:00:00Z'))).toEqual({ kind: 'unchanged' });
  });

  it('closes the clock of a standard switched off, as no longer applying, with nothing left to send', () => {
    const off = applyOverrides(standards, { 'momo.2.1': { disabled: true, reason: 'Not used by this council' } });
    const now = t('2026-11-23T15:00:00Z');
    const result = recalculate(opened({ lease: { holder: 'sched-1', until: now + 300 } }), reading(), reading({ standards: new Map(off.map((s) => [s.id, s])) }), now);
    expect(result).toEqual({ kind: 'closed', next: expect.objectContaining({ status: 'cancelled', closedAt: now, closedReason: 'no-longer-applies', nextNudgeAt: null, lease: null }) });
  });

  it('replans only the next nudge when the nudge policy changes', () => {
    const policy = NudgePolicySchema.parse({ reminders: [0.25] });
    const result = recalculate(opened(), reading(), reading({ nudgePolicy: policy }), t('2026-11-23T14:30:00Z'));
    expect(result.kind).toBe('replanned');
    if (result.kind === 'replanned') expect(formatInstant(result.next.nextNudgeAt!)).toBe('2026-11-23T15:45:00Z');
  });
});

describe('replannedNudge: nothing sent twice, no escalation lost', () => {
  const oldPlan = nudgePlan(opened(), momo21, calendar, DEFAULT_NUDGE_POLICY);
  const newPlan = nudgePlan({ ...opened(), due: t('2026-11-25T13:00:00Z') }, momo21, snowDay, DEFAULT_NUDGE_POLICY);
  const at = (kind: string, plan = newPlan) => plan.find((s) => s.kind === kind)!.at;

  it('goes on from the reminder after the last one sent', () => {
    // The half-way reminder went; the next is three quarters of the way, on the new plan.
    expect(replannedNudge({ nextNudgeAt: at('reminder-75', oldPlan) }, oldPlan, newPlan)).toBe(at('reminder-75'));
  });

  it('never sends an earlier reminder again once a later one went, even when the new policy adds it', () => {
    const policy = NudgePolicySchema.parse({ reminders: [0.25, 0.5, 0.75] });
    const more = nudgePlan(opened(), momo21, calendar, policy);
    expect(replannedNudge({ nextNudgeAt: at('due', oldPlan) }, oldPlan, more)).toBe(at('due', more));
  });

  it('picks up at the next sweep the steps of a deadline that moved behind us (the scheduler sends the latest reminder and the escalation), once', () => {
    // One working hour instead of seven: every step of the new plan is already past at 16:00.
    const earlier = nudgePlan({ ...opened(), due: t('2026-11-23T15:00:00Z') }, momo21, calendar, DEFAULT_NUDGE_POLICY);
    expect(replannedNudge({ nextNudgeAt: at('reminder-75', oldPlan) }, oldPlan, earlier)).toBe(at('reminder-75', earlier));
    expect(at('breach', earlier)).toBeLessThan(t('2026-11-23T16:00:00Z'));
    // Already escalated: nothing more, wherever the deadline went.
    expect(replannedNudge({ nextNudgeAt: null }, oldPlan, newPlan)).toBeNull();
    const afterBreach = at('breach', oldPlan) + 1;
    expect(replannedNudge({ nextNudgeAt: afterBreach }, oldPlan, newPlan)).toBeNull();
  });
});
