import { UNALLOCATED_ROW } from '../cards/answer-card-models';
import { Conversation, type ActionOutcome, type Reply } from '../dialogs/conversation';
import { Understander } from '../dialogs/understand';
import type { Obligation } from '../domain/obligation';
import { Broadcasts } from '../domain/broadcasts';
import { Handovers } from '../domain/handovers';
import { TEAMS_SOURCE } from '../domain/teams-case-events';
import { nudgeComposer } from '../scheduler/nudge-composer';
import type { NudgeMessage } from '../scheduler/nudge-outbox';
import { BUILT_IN_PACK_IDS, formatInstant, parseInstant } from '../standards';
import { runUntil, schedulerWorld, type SchedulerWorld } from './scheduler-harness';
import { MONDAY_10AM, standardsAndCalendar } from './test-council.fixture';
import { validateAdaptiveCard } from './validate-card';

/**
 * Case work in Teams, end to end below the bot: a child in care's case fed through the
 * case-events intake, then what Sam (the social worker) and Priya (his manager) see in
 * their lists, what they are reminded of and told, and what Sam records from Teams —
 * the real engine, packs, conversation, scheduler and embedded store, on a fake clock.
 * Monday 23 November 2026, 10:00 (November: local time is UTC).
 */

const at = parseInstant;
let world: SchedulerWorld;
let conversation: Conversation;
let understander: Understander;

beforeAll(async () => {
  understander = await Understander.create(standardsAndCalendar().calendar);
});

beforeEach(async () => {
  world = await schedulerWorld({ start: MONDAY_10AM, packs: [...BUILT_IN_PACK_IDS] });
  const { standards, calendar } = standardsAndCalendar();
  conversation = new Conversation({ store: world.store, service: world.service, caseWork: world.caseWork, worklists: world.worklists, understander, standards, calendar, now: () => world.clock.now });
});

afterEach(async () => {
  await world.close();
});

let counter = 0;
function event(type: string, occurredAt: string, details: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { eventId: `LCS-${++counter}`, source: 'liquidlogic', caseRef: 'C-10442', childInitials: 'AB', type, occurredAt, details, ...extra };
}

/**
 * C-10442, AB: allocated to Sam three weeks ago, looked after and placed with foster
 * carers that day; Sam's first statutory visit this morning; the first review scheduled
 * for Friday 27 November 10:00. No IRO is allocated yet.
 */
async function childInCare(): Promise<void> {
  await world.sendCaseEvents(
    event('case-allocated', '2026-11-02T09:00:00Z', { role: 'social-worker', person: 'sam@council.example' }),
    event('child-became-looked-after', '2026-11-02T09:30:00Z', { legalStatus: 's20' }),
    event('placement-started', '2026-11-02T11:00:00Z', { type: 'foster', firstOfEpisode: true, planned: true }),
    event('meeting-scheduled', '2026-11-10T10:00:00Z', { type: 'cic-review', meetingId: 'R1' }, { scheduledFor: '2026-11-27T10:00:00Z' }),
    event('visit-completed', '2026-11-23T09:30:00Z', { kind: 'cic', seenAlone: true }),
  );
}

async function obligation(standardId: string): Promise<Obligation> {
  const kase = await world.store.cases.getByRef('C-10442');
  const found = (await world.store.obligations.listForCase(kase!.id)).filter((o) => o.standardId === standardId);
  expect(found).toHaveLength(1);
  return found[0];
}

/** Every card valid; the words of all replies as one string. */
function words(replies: Reply[] | ActionOutcome): string {
  const list = Array.isArray(replies) ? replies : [...(replies.replace ? [{ kind: 'card' as const, card: replies.replace }] : []), ...replies.send];
  return list
    .map((r) => {
      if (r.kind !== 'card') return r.kind === 'text' ? r.text : `[statement ${r.statementId}]`;
      expect(validateAdaptiveCard(r.card)).toEqual([]);
      return JSON.stringify(r.card);
    })
    .join('\n');
}

/** The data of the first Action.Execute with this verb (and title). */
function actionData(replies: Reply[] | ActionOutcome, verb: string, title?: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  JSON.parse(`[${words(replies).split('\n').filter((l) => l.startsWith('{')).join(',')}]`, (_key, value) => {
    if (value && typeof value === 'object' && value.verb === verb && (!title || value.title === title) && value.type === 'Action.Execute') found.push(value.data);
    return value;
  });
  expect(found.length).toBeGreaterThan(0);
  return found[0];
}

describe("a social worker's own lists", () => {
  it("'what's due this week?' lists the case's visits, reviews and reports beside Sam's statements: reference and initials, what to do by the exact local time, the standard's plain title", async () => {
    await childInCare();
    await world.receive('momo-1', MONDAY_10AM - 3600);
    const text = words(await conversation.message(world.person('p_sam'), "what's due this week?"));
    expect(text).toContain('C-momo-1 · AB · My World');
    // momo 4.1: "All children in care receive information about Mind Of My Own apps when the worker first meets them".
    expect(text).toContain('C-10442 · AB · Case');
    expect(text).toContain('Introduce Mind Of My Own by 17:00 today');
    expect(text).toContain('Social worker gives a child in care information about Mind Of My Own at their first meeting · Mind Of My Own practice standards, 4.1');
    // Counted back from the review on Friday at 10:00, what it is counted back from is said; a deadline at midnight is
    // the end of the day before (childrens-services.cic-care-planning.27.share-with-child: the day before the review).
    // What to share, and with whom, from the vocabulary (not "Share the document" for each).
    expect(text).toContain("Share the social worker's report for a Child in Care review with the child or young person by 24:00 Thu 26 Nov, before the meeting at 10:00 Fri 27 Nov");
    expect(text).toContain("Take a copy of the child's Mind Of My Own statement to the review by 10:00 Fri 27 Nov, when the meeting starts");
    // The visit recorded on Mosaic within two days (childrens-services.cic-visiting.35).
    expect(text).toContain("Record the visit on Mosaic (Children's Social Work Visit step) · Children's Services practice standards, 35");
    // Sam can record from Teams what the case system will not send: that he introduced Mind Of My Own.
    expect(actionData(await conversation.message(world.person('p_sam'), "what's due this week?"), 'case.record', 'Introduced Mind Of My Own')).toEqual({
      verb: 'case.record',
      obligationId: (await obligation('momo.4.1')).id,
      list: { kind: 'due', from: '2026-11-23', to: '2026-11-29' },
    });
  });

  it("'anything overdue?' shows the case work already late when Heard heard of it", async () => {
    await childInCare();
    const text = words(await conversation.message(world.person('p_sam'), 'anything overdue?'));
    // childrens-services.cic-reviews.39 was due the day the child became looked after.
    expect(text).toContain("Complete the Placement Arrangements Form and Child in Care notification · Children's Services practice standards, 39");
    expect(text).toContain('overdue since');
  });
});

describe('recording from Teams what the case system will not send', () => {
  it('Sam records that he introduced Mind Of My Own: a case event from teams meets momo 4.1, the list says so, and the audit trail says who', async () => {
    await childInCare();
    const list = await conversation.message(world.person('p_sam'), "what's due this week?");
    const data = actionData(list, 'case.record', 'Introduced Mind Of My Own');
    world.clock.now = at('2026-11-23T15:05:00Z');
    const outcome = await conversation.action(world.person('p_sam'), 'case.record', data);
    expect(words(outcome)).toContain('Recorded on C-10442 · AB: Introduced Mind Of My Own. Thank you.');
    const momo41 = await obligation('momo.4.1');
    expect({ status: momo41.status, completedAt: formatInstant(momo41.completedAt!) }).toEqual({ status: 'met', completedAt: '2026-11-23T15:05:00Z' });
    const recorded = await world.store.caseEvents.get(TEAMS_SOURCE, `${momo41.id}.app-introduced`);
    expect(recorded).toMatchObject({ type: 'app-introduced', details: { app: 'momo' }, by: 'sam@council.example', channel: 'card', caseRef: 'C-10442' });
    const kase = await world.store.cases.getByRef('C-10442');
    expect((await world.store.audit.listForCase(kase!.id)).filter((e) => e.action === 'case-event-recorded')).toEqual([
      expect.objectContaining({ actor: { kind: 'person', id: 'p_sam' }, channel: 'card', details: { source: 'teams', eventId: `${momo41.id}.app-introduced`, type: 'app-introduced' } }),
    ]);
    // A double click, or the same button on an older card, records nothing more.
    expect(words(await conversation.action(world.person('p_sam'), 'case.record', data))).toContain('Already recorded on C-10442 · AB: Introduced Mind Of My Own');
  });

  it('only people allocated to the case and their managers may record on it: Ali is refused and nothing is stored; Priya, Sam’s manager, may', async () => {
    await childInCare();
    const data = { obligationId: (await obligation('momo.4.1')).id, list: { kind: 'due', from: null, to: null } };
    const refused = words(await conversation.action(world.person('p_ali'), 'case.record', data));
    expect(refused).toContain('That is not something you can record here');
    expect(refused).not.toContain('C-10442');
    expect(await world.store.caseEvents.get(TEAMS_SOURCE, `${data.obligationId}.app-introduced`)).toBeNull();
    expect((await obligation('momo.4.1')).status).toBe('open');
    // A forged obligation id, or one of a standard the case system owns, records nothing either.
    expect(words(await conversation.action(world.person('p_sam'), 'case.record', { ...data, obligationId: 'ob_forged' }))).toContain('That is not something you can record here');
    expect(words(await conversation.action(world.person('p_sam'), 'case.record', { ...data, obligationId: (await obligation('childrens-services.cic-visiting.35')).id }))).toContain(
      'That is not something you can record here',
    );
    expect(words(await conversation.action(world.person('p_priya'), 'case.record', data))).toContain('Recorded on C-10442 · AB');
  });
});

describe('case work handed over by the participation team', () => {
  let n = 0;
  function handovers(): Handovers {
    return new Handovers({ store: world.store, service: world.service, broadcasts: new Broadcasts({ store: world.store, now: () => world.clock.now }), calendar: standardsAndCalendar().calendar, now: () => world.clock.now, newId: (p) => `${p}_cw_${++n}` });
  }

  it("stays with Ali when the next case event comes, goes back to Sam when the handover ends, and a new allocation still moves it", async () => {
    await childInCare();
    expect((await obligation('momo.4.1')).ownerId).toBe('p_sam');
    // Sam is off until Wednesday: the participation team moves his work to Ali.
    const pat = world.person('p_pat');
    const plan = await handovers().plan(pat, 'p_sam', 'p_ali', '2026-11-25');
    if (!plan.ok) throw new Error(plan.code);
    expect(plan.obligations.map((o) => o.id)).toContain((await obligation('momo.4.1')).id);
    expect((await handovers().confirm(pat, 'ho_sam_1', plan)).ok).toBe(true);
    expect((await obligation('momo.4.1')).ownerId).toBe('p_ali');
    // The case system sends the next event of C-10442, still naming Sam as its social worker: the work stays with Ali.
    world.clock.now = at('2026-11-24T11:00:00Z');
    await world.sendCaseEvents(event('record-updated', '2026-11-24T10:30:00Z', { record: 'chronology' }));
    expect((await obligation('momo.4.1')).ownerId).toBe('p_ali');
    expect((await obligation('childrens-services.cic-visiting.35')).ownerId).toBe('p_ali');
    const kase = await world.store.cases.getByRef('C-10442');
    expect((await world.store.audit.listForCase(kase!.id)).filter((e) => e.action === 'obligation-moved')).toEqual([]);
    // Thursday: the handover has ended and what is still open goes back to Sam.
    world.clock.now = at('2026-11-26T09:00:00Z');
    await handovers().finishDue(world.clock.now);
    expect((await obligation('momo.4.1')).ownerId).toBe('p_sam');
    // A later reallocation in the case system is obeyed as before.
    await world.sendCaseEvents(event('case-allocated', '2026-11-26T08:30:00Z', { role: 'social-worker', person: 'ali@council.example' }));
    expect((await obligation('momo.4.1')).ownerId).toBe('p_ali');
  });

  it('a reallocation in the case system during the handover moves the work to the newly allocated worker', async () => {
    await childInCare();
    const pat = world.person('p_pat');
    const plan = await handovers().plan(pat, 'p_sam', 'p_ali', '2026-11-25');
    if (!plan.ok) throw new Error(plan.code);
    await handovers().confirm(pat, 'ho_sam_2', plan);
    world.clock.now = at('2026-11-24T11:00:00Z');
    await world.sendCaseEvents(event('case-allocated', '2026-11-24T10:30:00Z', { role: 'social-worker', person: 'hana@council.example' }));
    expect((await obligation('momo.4.1')).ownerId).toBe('p_hana');
  });
});

describe("a manager's team lists", () => {
  it("'what's due for my team this week?' counts Sam's case work, and a row for the case work nobody holds (no IRO is allocated)", async () => {
    await childInCare();
    const priya = world.person('p_priya');
    const team = await conversation.message(priya, "what's due for my team this week?");
    const text = words(team);
    expect(text).toContain('Sam Worker');
    expect(text).toContain('Not allocated');
    // The drill-down lists it, saying whose role it is; teams' and outside agencies' clocks are not among it.
    const drill = words(await conversation.action(priya, 'team.person', actionData(team, 'team.person', 'Show not allocated')));
    // momo 4.2 on the first review: "IRO speaks with the child in private and introduces Mind Of My Own before the CiC review".
    expect(drill).toContain('IRO speaks with the child in private and introduces Mind Of My Own before the first CiC review · Mind Of My Own practice standards, 4.2');
    expect(drill).toContain('for the IRO, whom Heard does not know on this case');
    expect(drill).not.toContain('IRO Team sends the child and family an invitation to make a statement for the review'); // momo 4.3, the IRO team's
    expect(drill).not.toContain('Send invitations and consultation papers for the initial review'); // cic-reviews.46, the CiC admin team's
    expect(drill).not.toMatch(/"title":"Introduced/); // read-only
    // Sam is not a manager: the row's drill-down is not for him.
    expect(words(await conversation.action(world.person('p_sam'), 'team.person', { personId: UNALLOCATED_ROW, list: { kind: 'due', from: null, to: null } }))).toContain(
      'You can only see the lists of people you manage',
    );
  });

  it('once the case system allocates an IRO Heard knows, the work is theirs and leaves the row', async () => {
    await childInCare();
    await world.sendCaseEvents(event('case-allocated', '2026-11-23T09:45:00Z', { role: 'iro', person: 'ali@council.example' }));
    const priya = world.person('p_priya');
    // Nothing else of the case, this week, waits on a role nobody holds: the row is gone.
    expect(words(await conversation.message(priya, "what's due for my team this week?"))).not.toContain('Not allocated');
    const drill = words(await conversation.action(priya, 'team.person', { personId: UNALLOCATED_ROW, list: { kind: 'due', from: '2026-11-23', to: '2026-11-29' } }));
    expect(drill).toContain('Nothing unallocated due this week.');
    expect((await obligation('momo.4.2.first-review')).ownerId).toBe('p_ali');
    // What was already overdue on a role still unheld (the team manager's sign-off) stays in the overdue list.
    expect(words(await conversation.action(priya, 'team.person', { personId: UNALLOCATED_ROW, list: { kind: 'overdue', from: null, to: null } }))).toContain(
      'Review report completed and signed off by the manager',
    );
  });
});

/** What was sent, as `who kind standard`. */
function sends(filter: (m: NudgeMessage) => boolean = () => true): string[] {
  return world.sender.sent
    .filter((s) => filter(s.message))
    .map((s) => {
      const m = s.message;
      const who = s.aadObjectId.replace(/^aad-/, '');
      if (m.type === 'case-reminder') return `${formatInstant(s.at)} ${who} ${m.kind === 'due' ? 'due' : `ahead-${m.workingDaysBefore}`} ${m.item.standard.id}`;
      if (m.type === 'case-escalation') return `${formatInstant(s.at)} ${who} escalation/${m.variant} ${m.item.standard.id}`;
      if (m.type === 'digest') return `${formatInstant(s.at)} ${who} digest/${m.digest.audience}`;
      return `${formatInstant(s.at)} ${who} ${m.type}`;
    });
}

const about = (standardId: string) => (m: NudgeMessage) => (m.type === 'case-reminder' || m.type === 'case-escalation') && m.item.standard.id === standardId;

describe('nudges and escalations of case work', () => {
  it("Sam is reminded of the six-weekly visit a working week before and on the day; when it is missed, Priya is told, not Sam's clock moved", async () => {
    await childInCare();
    // core-practice.visiting.cla.first-year: "at intervals of no more than six weeks" — next visit by the end of Mon 4 Jan.
    expect(formatInstant((await obligation('core-practice.visiting.cla.first-year')).due)).toBe('2027-01-05T00:00:00Z');
    await runUntil(world, world.scheduler(), at('2027-01-06T12:00:00Z'));
    expect(sends(about('core-practice.visiting.cla.first-year'))).toEqual([
      // Five working days before Mon 4 Jan: Thu 31, Wed 30, Tue 29, Thu 24 and Wed 23 Dec (Christmas, the Boxing Day
      // substitute Monday and New Year's Day closed).
      '2026-12-23T09:00:00Z sam ahead-5 core-practice.visiting.cla.first-year',
      '2027-01-04T09:00:00Z sam ahead-0 core-practice.visiting.cla.first-year',
      '2027-01-05T09:00:00Z priya escalation/manager core-practice.visiting.cla.first-year',
    ]);
    const kase = await world.store.cases.getByRef('C-10442');
    expect((await world.store.audit.listForCase(kase!.id)).filter((e) => e.action === 'obligation-escalated').map((e) => e.details.standard)).toContain(
      'core-practice.visiting.cla.first-year',
    );
  });

  it('a deadline of a role nobody holds (no IRO allocated) is reminded to no one; when missed, it goes where the standard says (momo 4.2: the social worker)', async () => {
    await childInCare();
    await runUntil(world, world.scheduler(), at('2026-11-27T12:00:00Z'));
    // "If the IRO cannot do it in time … the social worker carries out the co-use session" (momo.4.2.first-review's escalation).
    expect(sends(about('momo.4.2.first-review'))).toEqual(['2026-11-27T10:00:01Z sam escalation/handed momo.4.2.first-review']);
    const [escalation] = world.sender.sent.filter((s) => about('momo.4.2.first-review')(s.message));
    const { standards, calendar } = standardsAndCalendar();
    const card = JSON.stringify(await nudgeComposer({ store: world.store, standards, calendar, now: () => world.clock.now })(escalation.message, world.person('p_sam')));
    expect(validateAdaptiveCard(JSON.parse(card))).toEqual([]);
    expect(card).toContain('The IRO missed the deadline for case C-10442 · AB.');
    expect(card).toContain('The standard says it then falls to the social worker: that is you.');
    // A role nobody holds whose standard names no one (childrens-services.cic-reviews.45, the IRO's): the case's managers hear.
    expect(sends(about('childrens-services.cic-reviews.45'))).toEqual(['2026-11-27T10:00:01Z priya escalation/manager childrens-services.cic-reviews.45']);
  });

  it('a go-live history raises no storm: what was already overdue is told to Priya once, in her next morning digest', async () => {
    await childInCare();
    await runUntil(world, world.scheduler(), at('2026-11-25T12:00:00Z'));
    const overdueAtGoLive = ['childrens-services.cic-reviews.39', 'childrens-services.cic-becoming-looked-after.20', 'childrens-services.cic-reviews.44'];
    for (const id of overdueAtGoLive) expect(sends(about(id))).toEqual([]);
    const digests = world.sender.sent.filter((s) => s.message.type === 'digest' && s.message.digest.audience === 'manager');
    // Heard started on Monday mid-morning: Monday's digest goes at its first sweep, then each working morning.
    expect(digests.map((s) => formatInstant(s.at).slice(0, 10))).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    const [first, second] = digests.map((s) => (s.message.type === 'digest' && s.message.digest.audience === 'manager' ? s.message.digest : null));
    expect(first?.foundOverdue.items.map((b) => b.item.standard.id)).toEqual(expect.arrayContaining(overdueAtGoLive));
    expect(first?.foundOverdue.items.every((b) => b.item.obligation.due < MONDAY_10AM)).toBe(true);
    // Told once: the next morning the team's overdue rows still count them, the list of found ones is gone.
    expect(second?.foundOverdue.count).toBe(0);
    expect(second?.rows.find((r) => r.person.id === 'p_sam')?.overdue).toBeGreaterThan(0);
    const { standards, calendar } = standardsAndCalendar();
    const card = await nudgeComposer({ store: world.store, standards, calendar, now: () => world.clock.now })(digests[0].message, world.person('p_priya'));
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Found overdue when Heard first heard of them (told once)');
  });

  it('every case reminder and escalation the scheduler sends is a valid card that names the case by reference and initials only', async () => {
    await childInCare();
    await runUntil(world, world.scheduler(), at('2026-12-02T12:00:00Z'));
    const caseMessages = world.sender.sent.filter((s) => s.message.type === 'case-reminder' || s.message.type === 'case-escalation');
    expect(caseMessages.length).toBeGreaterThan(5);
    const { standards, calendar } = standardsAndCalendar();
    const compose = nudgeComposer({ store: world.store, standards, calendar, now: () => world.clock.now });
    for (const s of caseMessages) {
      const card = await compose(s.message, world.person(s.aadObjectId === 'aad-sam' ? 'p_sam' : 'p_priya'));
      expect(validateAdaptiveCard(card)).toEqual([]);
      expect(JSON.stringify(card)).toContain('C-10442 · AB');
    }
  });
});
