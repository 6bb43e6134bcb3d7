import type { TurnContext } from 'botbuilder';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { REVIEW_VERBS } from '../cards/review-card';
import { ReviewActions } from '../bot/review-actions';
import type { ProactiveSender } from '../bot/proactive-sender';
import { StatementCards } from '../bot/statement-cards';
import { importChildReferences } from '../cli/import-child-references-command';
import { CaseWorkService } from '../domain/case-work-service';
import { ComplianceReports, SERVICE_SCOPE } from '../domain/compliance-report';
import { parseCaseEvent } from '../domain/case-event-envelope';
import type { Person } from '../domain/person';
import { ReviewVoice } from '../domain/review-voice';
import { nudgeComposer } from '../scheduler/nudge-composer';
import type { CardUpdater, SendOutcome } from '../scheduler/outbound.port';
import { builtInVocabulary, parseInstant } from '../standards';
import { composeForTests, PARTICIPATION, schedulerWorld, type SchedulerWorld } from './scheduler-harness';
import { PEOPLE, standardsAndCalendar } from './test-council.fixture';
import { validateAdaptiveCard } from './validate-card';

/**
 * The child's voice at their review, on the real engine, packs and embedded store, with
 * the scheduler's outbox and the review card's handlers as Teams calls them:
 *
 * momo 4.3 "An invitation to make a statement for the review is sent to the child and
 * family together with other consultation paperwork." — 4.4 "IRO must check that the child
 * or young person’s views have been evidenced through a statement, and should take action
 * if they haven’t." — both "At least 10 working days prior to the review". 4.5 "A copy of
 * the child or young person’s statement is taken to the meeting by the IRO or social worker
 * who received it." 4.6 "At the CiC review the IRO is responsible for asking whether the
 * child has been introduced to Mind Of My Own apps." 4.7 "If the child has not been given
 * information before their CiC review the child’s IRO will ask the allocated social worker
 * to ensure that this happens during the next statutory visit."
 */

const t = parseInstant;
const IRO: Person = { id: 'p_iro', aadObjectId: 'aad-iro', name: 'Isla Reviewing', email: 'isla@council.example', roles: ['worker'], teamId: null, lineManagerId: null };
const { standards, calendar } = standardsAndCalendar();
const PDF = Buffer.from('%PDF-1.4\n% a fictional statement\n%%EOF\n');
const vocabulary = builtInVocabulary();

/** Replaces cards in place, as the Teams connector would; keeps each replacement. */
class RecordingUpdater implements CardUpdater {
  readonly updates: { aadObjectId: string; activityId: string; card: AdaptiveCardJson }[] = [];
  async update(aadObjectId: string, activityId: string, card: AdaptiveCardJson): Promise<SendOutcome> {
    // The test's composer adds the message it rendered; Teams gets the card alone.
    const { message: _message, ...sent } = card as AdaptiveCardJson & { message?: unknown };
    this.updates.push({ aadObjectId, activityId, card: sent as AdaptiveCardJson });
    return { ok: true, activityId };
  }
}

let world: SchedulerWorld;
let caseWork: CaseWorkService;
let reviews: ReviewActions;
let updater: RecordingUpdater;
/** Every card the scheduler composed, by recipient: the real review card. */
let composed: { to: string; card: AdaptiveCardJson }[];
let n = 0;

async function send(type: string, occurredAt: string, details: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const parsed = parseCaseEvent({ eventId: `LCS-${++n}`, source: 'lcs', caseRef: 'C-1', childInitials: 'AB', type, occurredAt, details, ...extra }, { vocabulary, calendar, now: world.clock.now });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return caseWork.receive([parsed.event], 'api');
}

const press = (aadObjectId: string, verb: string, data: Record<string, unknown>) =>
  reviews.handle({ activity: { from: { aadObjectId } } } as unknown as TurnContext, verb as never, { verb, ...data });

const texts = (card: AdaptiveCardJson) => JSON.stringify(card);
/** The card's record buttons, as a person reads them: the title, and the standard's words in its tooltip. */
const recordButtons = (card: AdaptiveCardJson) =>
  ((card.body as { type: string; actions?: { verb?: string; title: string; tooltip?: string }[] }[]).find((b) => b.type === 'ActionSet' && b.actions?.some((a) => a.verb === REVIEW_VERBS.record))?.actions ?? []).map((a) => `${a.title} | ${a.tooltip}`);
const reviewCards = () => world.sender.sent.filter((s) => s.message.type === 'review');

beforeEach(async () => {
  world = await schedulerWorld({
    start: t('2026-11-02T09:00:00Z'),
    people: [...PEOPLE, PARTICIPATION, IRO],
    compose: async (message, recipient) => {
      if (message.type !== 'review') return composeForTests(message, recipient);
      const card = await nudgeComposer({ store: world.store, standards, calendar, now: () => world.clock.now, reviewCard: async (id, p) => (await reviews.cardFor(id, p))! })(message, recipient);
      composed.push({ to: recipient.id, card });
      return { ...card, message } as AdaptiveCardJson;
    },
  });
  composed = [];
  caseWork = new CaseWorkService({ store: world.store, standards, packs: new Set(['momo']), calendar, now: () => world.clock.now });
  const voice = new ReviewVoice({ store: world.store, caseWork, calendar, now: () => world.clock.now });
  reviews = new ReviewActions({
    store: world.store,
    voice,
    cards: { downloadLink: (statementId, p) => ({ url: `https://heard.example/api/statements/${statementId}/pdf?token=for-${p.id}`, validUntil: '09:15' }) },
    calendar,
    now: () => world.clock.now,
  });
  updater = new RecordingUpdater();
  await send('case-allocated', '2026-09-01T09:00:00Z', { role: 'social-worker', person: 'sam@council.example' });
  await send('case-allocated', '2026-09-01T09:00:00Z', { role: 'iro', person: 'isla@council.example' });
  await send('child-became-looked-after', '2026-09-01T10:00:00Z', { legalStatus: 's20' });
  await send('review-held', '2026-09-25T10:00:00Z', { type: 'cic', meetingId: 'R1' });
});

afterEach(() => world.close());

/** A sweep at `at` by a fresh scheduler (as after a restart) that replaces cards through the recording updater. */
const sweepAt = async (at: string) => {
  world.clock.now = t(at);
  return world.scheduler('sched-a', { updater, reviewEverySeconds: 0 }).sweep();
};

const checkObligation = async () => {
  const c = await world.store.cases.getByRef('C-1');
  return (await world.store.obligations.listForCase(c!.id)).find((o) => o.standardId === 'momo.4.4')!;
};

describe('the pre-review card', () => {
  it('reaches the IRO and the social worker a week before the 10-working-day deadline, listing what the child sent since their last review, with Download for whoever holds it', async () => {
    // Sent to Sam before the last review (not listed), and twice since (listed).
    await world.receive('before', t('2026-09-20T10:00:00Z'), { child: { reference: 'C-1', initials: 'AB' }, pdf: PDF });
    const opened = await world.receive('since-1', t('2026-10-20T10:00:00Z'), { child: { reference: 'C-1', initials: 'AB' }, type: 'my-life', pdf: PDF });
    await world.receive('since-2', t('2026-11-10T10:00:00Z'), { child: { reference: 'C-1', initials: 'AB' }, pdf: PDF });
    world.clock.now = t('2026-10-20T11:00:00Z');
    await world.service.acknowledge(opened, world.person('p_sam'), 'card');
    world.clock.now = t('2026-11-16T09:00:00Z');
    await send('meeting-scheduled', '2026-11-02T09:00:00Z', { type: 'cic-review', meetingId: 'R2', ordinal: 2 }, { scheduledFor: '2026-12-18T10:00:00Z' });
    // 4.4 is due Fri 4 Dec 17:00 (10 working days before Fri 18 Dec); the card goes from Fri 27 Nov.
    expect((await checkObligation()).due).toBe(t('2026-12-04T17:00:00Z'));
    await sweepAt('2026-11-26T10:00:00Z');
    expect(reviewCards()).toEqual([]);
    await sweepAt('2026-11-30T09:00:00Z');
    expect(reviewCards().map((s) => s.aadObjectId).sort()).toEqual(['aad-iro', 'aad-sam']);
    const isla = composed.find((c) => c.to === 'p_iro')!.card;
    const sam = composed.find((c) => c.to === 'p_sam')!.card;
    for (const card of [isla, sam]) expect(validateAdaptiveCard(card)).toEqual([]);
    expect(texts(isla)).toContain('CiC review: C-1 · AB');
    expect(texts(isla)).toContain('due by 17:00 Fri 4 Dec');
    expect(texts(isla)).toContain('My Life · sent Tue 20 Oct 2026, 11:00');
    expect(texts(isla)).toContain('Opened · Not saved to the case record yet');
    expect(texts(isla)).toContain('Not opened yet · Not saved to the case record yet');
    expect(texts(isla)).not.toContain('Sun 20 Sep');
    // Isla does not hold them: she is told who does; Sam holds them and has Download.
    expect(texts(isla)).toContain('Held by Sam Worker');
    expect(texts(isla)).not.toContain(REVIEW_VERBS.download);
    expect(texts(sam)).toContain(REVIEW_VERBS.download);
    // Cards carry references and initials only.
    expect(texts(isla)).not.toMatch(/momo-|since-1/);
    // Once per person, whatever the sweeps.
    await sweepAt('2026-11-30T10:00:00Z');
    expect(reviewCards()).toHaveLength(2);

    const download = await press('aad-sam', REVIEW_VERBS.download, { obligationId: (await checkObligation()).id, statementId: opened });
    expect(texts((download as { card: AdaptiveCardJson }).card)).toContain(`https://heard.example/api/statements/${opened}/pdf?token=for-p_sam`);
    const refused = await press('aad-iro', REVIEW_VERBS.download, { obligationId: (await checkObligation()).id, statementId: opened });
    expect(texts((refused as { card: AdaptiveCardJson }).card)).toContain('Only whoever holds a statement can download it');

    // The IRO checks the views: 4.4 met, on time, recorded as a teams event by her.
    world.clock.now = t('2026-12-01T10:00:00Z');
    await press('aad-iro', REVIEW_VERBS.record, { obligationId: (await checkObligation()).id, action: 'views-checked' });
    expect(await checkObligation()).toMatchObject({ status: 'met', completedAt: t('2026-12-01T10:00:00Z') });
    const c = await world.store.cases.getByRef('C-1');
    expect((await world.store.caseEvents.listForSubject(c!.id)).find((e) => e.source === 'teams')).toMatchObject({ type: 'check-completed', by: 'isla@council.example', details: { check: 'statement-views', meetingId: 'R2' } });

    // The participation team's monthly figures: per team, the reviews whose child was heard through a statement beforehand.
    const report = await new ComplianceReports({ store: world.store, calendar, standards }).report({ from: '2026-12-01', to: '2026-12-31' }, world.clock.now, SERVICE_SCOPE);
    expect(report.participation.reviewsByTeam).toEqual([{ team: 'North CiC team', teamId: 't_north', due: 1, evidenced: 1, share: 1 }]);
  });

  it('says when the child sent nothing, and offers what 4.3 and 4.4 ask; each stops its clock, and nobody else may record', async () => {
    await send('meeting-scheduled', '2026-11-02T09:00:00Z', { type: 'cic-review', meetingId: 'R2', ordinal: 2 }, { scheduledFor: '2026-12-18T10:00:00Z' });
    await sweepAt('2026-11-30T09:00:00Z');
    const isla = composed.find((c) => c.to === 'p_iro')!.card;
    expect(validateAdaptiveCard(isla)).toEqual([]);
    expect(texts(isla)).toContain('None. Standards 4.3 and 4.4 ask');
    expect(recordButtons(isla)).toEqual(['Invitation sent (4.3) | Invitation to make a statement sent to the child and family', 'IRO has taken action (4.4) | IRO has taken action']);
    const id = (await checkObligation()).id;
    // Someone not on the case (Ali works in Sam's team but is neither allocated nor his manager) is told nothing.
    expect(await press('aad-ali', REVIEW_VERBS.record, { obligationId: id, action: 'iro-action' })).toEqual({ message: expect.stringContaining('can’t show you that review'), version: null });
    expect(await press('aad-ali', REVIEW_VERBS.record, { obligationId: 'ob_nothing', action: 'iro-action' })).toEqual(await press('aad-ali', REVIEW_VERBS.record, { obligationId: id, action: 'iro-action' }));
    expect((await checkObligation()).status).toBe('open');
    // Sam's manager may record for the case; the social worker sends the invitation.
    world.clock.now = t('2026-12-02T10:00:00Z');
    await press('aad-sam', REVIEW_VERBS.record, { obligationId: id, action: 'invitation-sent' });
    await press('aad-priya', REVIEW_VERBS.record, { obligationId: id, action: 'iro-action' });
    const again = await press('aad-priya', REVIEW_VERBS.record, { obligationId: id, action: 'iro-action' });
    expect(texts((again as { card: AdaptiveCardJson }).card)).toContain('Already recorded');
    const c = await world.store.cases.getByRef('C-1');
    const all = await world.store.obligations.listForCase(c!.id);
    expect(all.find((o) => o.standardId === 'momo.4.3')).toMatchObject({ status: 'met', completedAt: t('2026-12-02T10:00:00Z') });
    expect(all.find((o) => o.standardId === 'momo.4.4')).toMatchObject({ status: 'met', completedAt: t('2026-12-02T10:00:00Z') });
    // Things done at the review are not offered, nor accepted, before it.
    const early = await press('aad-iro', REVIEW_VERBS.record, { obligationId: id, action: 'momo-asked' });
    expect(texts((early as { card: AdaptiveCardJson }).card)).toContain('at or after the review itself');
  });

  it('moves its deadline in place when the review is rescheduled, and closes when it is cancelled', async () => {
    await send('meeting-scheduled', '2026-11-02T09:00:00Z', { type: 'cic-review', meetingId: 'R2', ordinal: 2 }, { scheduledFor: '2026-12-18T10:00:00Z' });
    await sweepAt('2026-11-30T09:00:00Z');
    expect(reviewCards()).toHaveLength(2);
    world.clock.now = t('2026-11-30T12:00:00Z');
    await send('meeting-scheduled', '2026-11-30T12:00:00Z', { type: 'cic-review', meetingId: 'R2', ordinal: 2 }, { scheduledFor: '2027-01-15T10:00:00Z' });
    expect((await checkObligation()).due).toBe(t('2026-12-31T17:00:00Z'));
    await sweepAt('2026-11-30T12:05:00Z');
    expect(updater.updates.map((u) => u.aadObjectId).sort()).toEqual(['aad-iro', 'aad-sam']);
    for (const u of updater.updates) {
      expect(validateAdaptiveCard(u.card)).toEqual([]);
      expect(texts(u.card)).toContain('due by 17:00 Thu 31 Dec');
      expect(texts(u.card)).toContain('Review on Fri 15 Jan 2027');
    }
    // The same copies, replaced: no new card was sent, and nothing changes without a change.
    expect(reviewCards()).toHaveLength(2);
    await sweepAt('2026-11-30T12:10:00Z');
    expect(updater.updates).toHaveLength(2);

    world.clock.now = t('2026-12-01T09:00:00Z');
    await send('meeting-cancelled', '2026-12-01T09:00:00Z', { meetingId: 'R2' });
    await sweepAt('2026-12-01T09:05:00Z');
    expect(updater.updates).toHaveLength(4);
    const closed = updater.updates[3].card;
    expect(validateAdaptiveCard(closed)).toEqual([]);
    expect(texts(closed)).toContain('This review was cancelled: nothing more is due for it.');
    expect(texts(closed)).not.toContain(REVIEW_VERBS.record);
    expect(await checkObligation()).toMatchObject({ status: 'cancelled', closedReason: 'cancelled' });
  });

  it('at the review: "not yet introduced" opens the social worker’s 4.7 duty, which the next statutory visit meets', async () => {
    await world.receive('since-1', t('2026-11-10T10:00:00Z'), { child: { reference: 'C-1', initials: 'AB' } });
    await send('meeting-scheduled', '2026-11-02T09:00:00Z', { type: 'cic-review', meetingId: 'R2', ordinal: 2 }, { scheduledFor: '2026-12-18T10:00:00Z' });
    const id = (await checkObligation()).id;
    world.clock.now = t('2026-12-18T10:30:00Z');
    const card = (await press('aad-iro', REVIEW_VERBS.refresh, { obligationId: id })) as { card: AdaptiveCardJson };
    expect(validateAdaptiveCard(card.card)).toEqual([]);
    expect(recordButtons(card.card)).toEqual([
      'Invitation sent (4.3) | Invitation to make a statement sent to the child and family',
      "Child's views checked (4.4) | Checked: the child's views are evidenced",
      'Taken to the meeting (4.5) | Statement taken to the meeting',
      'Asked about Mind Of My Own (4.6) | Child asked about Mind Of My Own; recorded in the minutes',
      'Not yet introduced (4.7) | Not yet introduced: ask the social worker to do so at the next statutory visit',
    ]);
    await send('review-held', '2026-12-18T10:00:00Z', { type: 'cic', meetingId: 'R2' });
    world.clock.now = t('2026-12-18T11:00:00Z');
    await press('aad-sam', REVIEW_VERBS.record, { obligationId: id, action: 'statement-taken' });
    await press('aad-iro', REVIEW_VERBS.record, { obligationId: id, action: 'not-introduced' });
    const c = (await world.store.cases.getByRef('C-1'))!;
    let all = await world.store.obligations.listForCase(c.id);
    expect(all.find((o) => o.standardId === 'momo.4.5')).toMatchObject({ status: 'met' });
    // Asking at the review, with the answer "not yet", is what 4.6 asks.
    expect(all.find((o) => o.standardId === 'momo.4.6')).toMatchObject({ status: 'met', completedAt: t('2026-12-18T11:00:00Z') });
    const request = all.find((o) => o.standardId === 'momo.4.7.request')!;
    expect(request).toMatchObject({ status: 'open', ownerId: 'p_sam', ownerRole: 'social-worker', triggeredAt: t('2026-12-18T11:00:00Z'), due: t('2027-01-30T00:00:00Z') });
    const after = (await press('aad-iro', REVIEW_VERBS.refresh, { obligationId: id })) as { card: AdaptiveCardJson };
    expect(texts(after.card)).toContain('The social worker introduces Mind Of My Own at the next statutory visit, due by');

    world.clock.now = t('2027-01-08T15:00:00Z');
    await send('visit-completed', '2027-01-08T14:00:00Z', { kind: 'cic' });
    all = await world.store.obligations.listForCase(c.id);
    expect(all.find((o) => o.standardId === 'momo.4.7.request')).toMatchObject({ status: 'met', completedAt: t('2027-01-08T14:00:00Z') });
    // At that visit, momo.4.7 asks for the information to be given that day.
    expect(all.find((o) => o.standardId === 'momo.4.7')).toMatchObject({ status: 'open', ownerId: 'p_sam', due: t('2027-01-08T17:00:00Z') });
  });
});

describe('the statement’s own card', () => {
  /** Statement cards as the bot renders them; nothing is sent here. */
  const statementCards = () => {
    const sender: ProactiveSender = { send: async () => ({ ok: true, activityId: 'unused' }), update: async (_a, activityId) => ({ ok: true, activityId }) };
    return new StatementCards({ store: world.store, service: world.service, sender, standards, calendar, now: () => world.clock.now, downloadSecret: 'x'.repeat(32), publicUrl: 'https://heard.example', log: () => undefined });
  };
  const caseFact = (card: AdaptiveCardJson | null) => {
    const facts = JSON.parse(JSON.stringify(card)).body.find((b: { type: string }) => b.type === 'FactSet')?.facts as { title: string; value: string }[];
    return facts.find((f) => f.title === 'Case')?.value ?? null;
  };

  it('names the case the statement belongs to — by the same reference, or through the imported mapping — by reference and initials only; a child with no case shows none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-review-voice-'));
    try {
      const file = path.join(dir, 'child-references.csv');
      fs.writeFileSync(file, 'child_reference,case_ref\nMOMO-77,C-1\n');
      expect(await importChildReferences(file, world.store, world.clock.now)).toEqual({ ok: true, mapped: 1, cases: 1 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const direct = await world.receive('direct', t('2026-10-20T10:00:00Z'), { child: { reference: 'C-1', initials: 'AB' } });
    const mapped = await world.receive('mapped', t('2026-10-21T10:00:00Z'), { child: { reference: 'MOMO-77', initials: 'AB' } });
    const alone = await world.receive('alone', t('2026-10-22T10:00:00Z'), { child: { reference: 'C-404', initials: 'CD' } });
    const cards = statementCards();
    const sam = world.person('p_sam');
    const rendered = await Promise.all([direct, mapped, alone].map((id) => cards.render(id, sam)));
    for (const card of rendered) expect(validateAdaptiveCard(card!)).toEqual([]);
    expect(rendered.map(caseFact)).toEqual(['C-1 · AB', 'C-1 · AB, linked through the council’s reference mapping', null]);
    // Nothing else about the case: not who is allocated, not its status flags.
    for (const card of rendered) expect(texts(card!)).not.toMatch(/isla|looked-after|Isla Reviewing|s20/i);
  });
});
