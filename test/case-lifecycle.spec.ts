import { formatInstant, parseInstant, dueInstant } from '../standards';
import { caseWorld, clockOf, envelope, person, standard, type CaseWorld } from './case-world';

/**
 * The lifecycle of case-events.md on the real engine, packs and embedded store: what each
 * event does to the clocks of a child's case (and of a member of staff), whatever order
 * the events arrive in. Each test quotes the standard whose clock it watches.
 */

const SAM = person('p_sam', 'sam@council.example', 'p_priya');
const ALI = person('p_ali', 'ali@council.example', 'p_priya');
const PRIYA = person('p_priya', 'priya@council.example');
const PEOPLE = [SAM, ALI, PRIYA];

let world: CaseWorld;
afterEach(async () => {
  await world.close();
});

const allocate = (at: string, person: string, role = 'social-worker') => envelope('case-allocated', at, { role, person });
const lookedAfter = (at: string) => envelope('child-became-looked-after', at, { legalStatus: 's20' });
const cicVisit = (at: string) => envelope('visit-completed', at, { kind: 'cic' });

describe('cic-visiting.32 — "Children in Care will be seen or spoken to on no less than a **6 weekly basis**."', () => {
  const events = () => [
    allocate('2026-09-01T09:00:00Z', 'sam@council.example'),
    lookedAfter('2026-09-01T10:00:00Z'),
    cicVisit('2026-10-12T11:00:00Z'),
    cicVisit('2026-11-25T10:00:00Z'),
  ];
  const expected = [
    // Looked after on Tue 1 Sep: six weeks to the end of Tue 13 Oct (BST).
    { status: 'met', owner: 'sam@council.example', triggeredAt: '2026-09-01T10:00:00Z', anchorAt: null, due: '2026-10-13T23:00:00Z', completedAt: '2026-10-12T11:00:00Z', closedAt: null, closedReason: null },
    // The visit on 12 Oct starts the next six weeks: to the end of Mon 23 Nov (GMT). Seen on the 25th: late.
    { status: 'met', owner: 'sam@council.example', triggeredAt: '2026-10-12T11:00:00Z', anchorAt: null, due: '2026-11-24T00:00:00Z', completedAt: '2026-11-25T10:00:00Z', closedAt: null, closedReason: null },
    { status: 'open', owner: 'sam@council.example', triggeredAt: '2026-11-25T10:00:00Z', anchorAt: null, due: '2027-01-07T00:00:00Z', completedAt: null, closedAt: null, closedReason: null },
  ];

  it('opens at the child becoming looked after, and each visit meets the current clock and opens the next (one open at a time)', async () => {
    world = await caseWorld({ people: PEOPLE });
    const { summary } = await world.send(...events());
    const chain = await world.of('childrens-services.cic-visiting.32');
    expect(chain.map(clockOf)).toEqual(expected);
    expect(chain.map((o) => world.standing(o))).toEqual(['met', 'late', 'open']);
    expect(chain.map((o) => o.ownerId)).toEqual(['p_sam', 'p_sam', 'p_sam']);
    expect(summary).toMatchObject({ imported: 4, unchanged: 0, cases: 1 });
  });

  it('gives the same clocks when the case system sends the events late and in reverse order: a visit counts when it happened', async () => {
    world = await caseWorld({ people: PEOPLE });
    for (const e of events().reverse()) await world.send(e);
    expect((await world.of('childrens-services.cic-visiting.32')).map(clockOf)).toEqual(expected);
  });

  it('keeps obligation ids when the case is worked out again, and a resend changes nothing', async () => {
    world = await caseWorld({ people: PEOPLE });
    const sent = events();
    await world.send(...sent.slice(0, 3));
    const before = await world.of('childrens-services.cic-visiting.32');
    await world.send(sent[3]);
    const after = await world.of('childrens-services.cic-visiting.32');
    expect(after.slice(0, 2).map((o) => o.id)).toEqual(before.map((o) => o.id));
    const again = await world.send(...sent);
    expect(again.summary).toMatchObject({ imported: 0, unchanged: 4, obligationsOpened: 0, obligationsMet: 0 });
    expect(await world.of('childrens-services.cic-visiting.32')).toEqual(after);
  });

  it('refuses the same event id with other content, and keeps the first', async () => {
    world = await caseWorld({ people: PEOPLE });
    const visit = cicVisit('2026-10-12T11:00:00Z');
    await world.send(allocate('2026-09-01T09:00:00Z', 'sam@council.example'), lookedAfter('2026-09-01T10:00:00Z'), visit);
    const { outcomes, summary } = await world.send({ ...visit, occurredAt: '2026-10-20T11:00:00Z' });
    expect(outcomes).toEqual([{ status: 'refused', code: 'EVENT_ID_CONFLICT', message: expect.stringContaining('already received with other content') }]);
    expect(summary).toMatchObject({ imported: 0, unchanged: 0 });
    expect((await world.of('childrens-services.cic-visiting.32'))[0].completedAt).toBe(parseInstant('2026-10-12T11:00:00Z'));
  });
});

describe('a date without a time (case-events.md, occurredAt)', () => {
  // cic-health.25.initial: "… an Initial Health Assessment (IHA) … required to be completed within **28 days** of coming into care."
  it('counts a trigger from 00:00 local of its date, and meets a deadline on time on the deadline’s own date — not the next, though that starts at the deadline’s instant', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(allocate('2026-08-01', 'sam@council.example'), lookedAfter('2026-09-01'));
    const [iha] = await world.of('childrens-services.cic-health.25.initial');
    // Day 0 is Tue 1 Sep (from 00:00 BST, 31 Aug 23:00Z); 28 days to the end of Tue 29 Sep.
    expect(clockOf(iha)).toMatchObject({ triggeredAt: '2026-08-31T23:00:00Z', due: '2026-09-29T23:00:00Z' });
    expect(iha.triggerDateOnly).toBe(true);

    await world.send(envelope('assessment-completed', '2026-09-30', { type: 'health-initial' }, { caseRef: 'C-1' }));
    const [late] = await world.of('childrens-services.cic-health.25.initial');
    // 30 Sep starts at 29 Sep 23:00Z, the due instant itself: by its date it is the day after the deadline.
    expect(late.completedAt).toBe(iha.due);
    expect(world.standing(late)).toBe('late');
  });

  it('meets it on time when dated the deadline’s day', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(allocate('2026-08-01', 'sam@council.example'), lookedAfter('2026-09-01'), envelope('assessment-completed', '2026-09-29', { type: 'health-initial' }));
    const [iha] = await world.of('childrens-services.cic-health.25.initial');
    expect(world.standing(iha)).toBe('met');
  });
});

describe('before a meeting: momo.4.3 — "An invitation to make a statement for the review is sent to the child and family together with other consultation paperwork."', () => {
  const scheduled = (at: string, when: string) => envelope('meeting-scheduled', at, { type: 'cic-review', meetingId: 'R-1' }, { scheduledFor: when });

  it('is due 10 working days before the review, moves when the review moves, and is met by the invitation', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(allocate('2026-09-01T09:00:00Z', 'sam@council.example'), lookedAfter('2026-09-01T10:00:00Z'), scheduled('2026-10-20T09:00:00Z', '2026-11-20T10:00:00Z'));
    const [first] = await world.of('momo.4.3');
    // time-semantics.md example 4: a review on Fri 20 Nov 2026 10:00Z → Fri 6 Nov COB.
    expect(clockOf(first)).toMatchObject({ status: 'open', owner: null, triggeredAt: '2026-10-20T09:00:00Z', anchorAt: '2026-11-20T10:00:00Z', due: '2026-11-06T17:00:00Z' });
    expect(first.ownerRole).toBe('iro-team');

    await world.send(scheduled('2026-10-25T09:00:00Z', '2026-11-27T10:00:00Z'));
    const [moved] = await world.of('momo.4.3');
    expect(moved.id).toBe(first.id);
    expect(clockOf(moved)).toMatchObject({ status: 'open', anchorAt: '2026-11-27T10:00:00Z', due: '2026-11-13T17:00:00Z' });

    await world.send(envelope('document-shared', '2026-11-12T15:00:00Z', { document: 'momo-invitation', with: 'child' }));
    const [met] = await world.of('momo.4.3');
    expect(world.standing(met)).toBe('met');
  });

  it('closes as cancelled — neither met nor missed — when the review is cancelled before the deadline', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(lookedAfter('2026-09-01T10:00:00Z'), scheduled('2026-10-20T09:00:00Z', '2026-11-20T10:00:00Z'), envelope('meeting-cancelled', '2026-11-02T09:00:00Z', { meetingId: 'R-1' }));
    const [cancelled] = await world.of('momo.4.3');
    expect(clockOf(cancelled)).toMatchObject({ status: 'cancelled', closedAt: '2026-11-02T09:00:00Z', closedReason: 'cancelled' });
    expect(world.standing(cancelled)).toBe('closed');
  });

  it('was missed when the review is cancelled after the invitation was due', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(lookedAfter('2026-09-01T10:00:00Z'), scheduled('2026-10-20T09:00:00Z', '2026-11-20T10:00:00Z'), envelope('meeting-cancelled', '2026-11-10T09:00:00Z', { meetingId: 'R-1' }));
    const [cancelled] = await world.of('momo.4.3');
    expect(cancelled.closedReason).toBe('cancelled');
    expect(world.standing(cancelled)).toBe('missed');
  });

  it('is overdue like any other once its deadline passes without the invitation', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(lookedAfter('2026-09-01T10:00:00Z'), scheduled('2026-10-20T09:00:00Z', '2026-11-20T10:00:00Z'));
    const [open] = await world.of('momo.4.3');
    expect(world.standing(open, '2026-11-06T17:00:00Z')).toBe('open');
    expect(world.standing(open, '2026-11-06T17:00:01Z')).toBe('overdue');
  });
});

describe('first and later reviews (ordinal counted by Heard): momo.4.2 — "The IRO must speak with the child/young person in private prior to the first review and before every subsequent review."', () => {
  it('counts the first scheduled review as the first, and the one after a held review as the second', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(
      allocate('2026-06-01T09:00:00Z', 'ali@council.example', 'iro'),
      lookedAfter('2026-06-01T10:00:00Z'),
      envelope('meeting-scheduled', '2026-06-02T09:00:00Z', { type: 'cic-review', meetingId: 'R-1' }, { scheduledFor: '2026-06-26T10:00:00Z' }),
      envelope('review-held', '2026-06-26T10:00:00Z', { type: 'cic', meetingId: 'R-1' }),
      envelope('meeting-scheduled', '2026-07-01T09:00:00Z', { type: 'cic-review', meetingId: 'R-2' }, { scheduledFor: '2026-12-18T10:00:00Z' }),
    );
    const first = await world.of('momo.4.2.first-review');
    const later = await world.of('momo.4.2');
    expect(first.map(clockOf)).toEqual([expect.objectContaining({ anchorAt: '2026-06-26T10:00:00Z', due: '2026-06-26T10:00:00Z', owner: 'ali@council.example' })]);
    expect(later.map(clockOf)).toEqual([
      expect.objectContaining({ anchorAt: '2026-12-18T10:00:00Z', due: formatInstant(dueInstant(standard('momo.4.2'), parseInstant('2026-12-18T10:00:00Z'), (await import('./case-world')).calendar)) }),
    ]);
  });
});

describe('reallocation (case-events.md: "case-allocated for a role moves every open obligation of that role on the case to the new person, audited")', () => {
  it('moves the open clocks of the role to the new social worker, leaves met ones with who met them, and audits each move', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(allocate('2026-09-01T09:00:00Z', 'sam@council.example'), lookedAfter('2026-09-01T10:00:00Z'), cicVisit('2026-10-12T11:00:00Z'));
    await world.send(allocate('2026-10-20T09:00:00Z', 'ali@council.example'));
    const chain = await world.of('childrens-services.cic-visiting.32');
    expect(chain.map((o) => [o.status, o.ownerId])).toEqual([
      ['met', 'p_sam'],
      ['open', 'p_ali'],
    ]);
    const kase = await world.store.cases.getByRef('C-1');
    const moves = (await world.store.audit.listForCase(kase!.id)).filter((a) => a.action === 'obligation-moved');
    expect(moves).toContainEqual(expect.objectContaining({ details: expect.objectContaining({ obligation: chain[1].id, from: 'p_sam', to: 'p_ali', role: 'social-worker' }) }));
    expect(kase!.allocations['social-worker']).toBe('ali@council.example');
  });
});

describe('roles nobody holds: child-and-family-assessment.1a (the duty manager decides within 24 hours of a contact)', () => {
  it('sits with nobody, the role recorded — not with the team manager, whose duty it is not — and moves to the duty manager once one is allocated', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(allocate('2026-11-02T08:00:00Z', 'priya@council.example', 'team-manager'), envelope('contact-received', '2026-11-02T09:00:00Z', { service: 'mash', source: 'telephone' }));
    const [decision] = await world.of('childrens-services.child-and-family-assessment.1a');
    expect([decision.ownerRole, decision.ownerId, decision.ownerEmail]).toEqual(['duty-manager', null, null]);
    await world.send(allocate('2026-11-02T10:00:00Z', 'ali@council.example', 'duty-manager'));
    const [moved] = await world.of('childrens-services.child-and-family-assessment.1a');
    expect(moved.ownerId).toBe('p_ali');
  });
});

describe('conditions worked out from time do not close a clock: core-practice.visiting.cla.first-year — "Intervals no longer than six weeks during the first year of any placement"', () => {
  it('keeps a visit due within the first year open after the placement’s anniversary passes, until the next visit meets it', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(
      allocate('2025-09-01T09:00:00Z', 'sam@council.example'),
      lookedAfter('2025-09-01T10:00:00Z'),
      envelope('placement-started', '2025-09-01T11:00:00Z', { type: 'foster', firstOfEpisode: true }),
      envelope('visit-completed', '2026-08-20T10:00:00Z', { kind: 'cic' }),
      // After the anniversary (1 Sep 2026): "placement-first-year" no longer holds, but the visit due by 1 Oct still falls due.
      envelope('record-updated', '2026-09-10T10:00:00Z', { record: 'chronology' }),
      envelope('visit-completed', '2026-09-25T10:00:00Z', { kind: 'cic' }),
    );
    const fromAugust = (await world.of('core-practice.visiting.cla.first-year')).find((o) => clockOf(o).triggeredAt === '2026-08-20T10:00:00Z');
    expect(fromAugust && clockOf(fromAugust)).toMatchObject({ status: 'met', completedAt: '2026-09-25T10:00:00Z', closedReason: null });
  });
});

describe('conditions that stop holding (case-events.md: "its open obligations for that standard close as no longer applies; obligations already overdue stay counted as missed")', () => {
  it('closes the six-weekly visit as no longer applying when the child leaves care before it is due', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(allocate('2026-09-01T09:00:00Z', 'sam@council.example'), lookedAfter('2026-09-01T10:00:00Z'), envelope('child-left-care', '2026-09-20T10:00:00Z', { careLeaver: false }));
    const [visit] = await world.of('childrens-services.cic-visiting.32');
    expect(clockOf(visit)).toMatchObject({ status: 'cancelled', closedReason: 'no-longer-applies', closedAt: '2026-09-20T10:00:00Z' });
    expect(world.standing(visit)).toBe('closed');
  });

  it('counts it missed when the child leaves care after the visit was due', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(allocate('2026-09-01T09:00:00Z', 'sam@council.example'), lookedAfter('2026-09-01T10:00:00Z'), envelope('child-left-care', '2026-10-20T10:00:00Z', { careLeaver: false }));
    const [visit] = await world.of('childrens-services.cic-visiting.32');
    expect(visit.closedReason).toBe('no-longer-applies');
    expect(world.standing(visit)).toBe('missed');
  });
});

describe('case closed: case-closures.8 — "Where a case is closed, the file will be checked by the Manager to ensure that any end dates are added … within 1 working day."', () => {
  it('closes every open clock of the case as case closed, then opens the standards the closure itself starts', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(
      allocate('2026-09-01T09:00:00Z', 'sam@council.example'),
      allocate('2026-09-01T09:00:00Z', 'priya@council.example', 'team-manager'),
      lookedAfter('2026-09-01T10:00:00Z'),
      envelope('case-closed', '2026-09-15T10:00:00Z', { reason: 'returned home' }),
    );
    const kase = await world.store.cases.getByRef('C-1');
    const all = await world.store.obligations.listForCase(kase!.id);
    expect(all.filter((o) => o.status === 'open').map((o) => o.standardId).sort()).toEqual([
      'childrens-services.case-closures.10',
      'childrens-services.case-closures.11',
      'childrens-services.case-closures.8',
    ]);
    expect(all.filter((o) => o.status === 'cancelled').every((o) => o.closedReason === 'case-closed')).toBe(true);
    const [endDates] = await world.of('childrens-services.case-closures.8');
    // Closed on Tue 15 Sep: the end dates by COB the next working day.
    expect(clockOf(endDates)).toMatchObject({ status: 'open', owner: 'priya@council.example', due: '2026-09-16T16:00:00Z' });
    expect(kase!.status).toBe('closed');
  });

  it('reopens the case at its next event, as Heard’s own case-opened (recording.chronology starts again)', async () => {
    world = await caseWorld({ people: PEOPLE });
    await world.send(allocate('2026-01-05T09:00:00Z', 'sam@council.example'), envelope('case-closed', '2026-02-01T10:00:00Z', {}), envelope('contact-received', '2026-06-01T09:00:00Z', { service: 'mash' }));
    const chronology = await world.of('childrens-services.recording.chronology');
    expect(chronology.map((o) => [o.status, o.closedReason, formatInstant(o.triggeredAt)])).toEqual([
      ['cancelled', 'case-closed', '2026-01-05T09:00:00Z'],
      ['open', null, '2026-06-01T09:00:00Z'],
    ]);
    expect((await world.store.cases.getByRef('C-1'))!.status).toBe('open');
  });
});

describe('corrections (case-events.md: "the old one no longer counts, and every clock it touched is worked out again")', () => {
  it('works the clocks out again from the corrected date, keeping the obligation and both versions of the event', async () => {
    world = await caseWorld({ people: PEOPLE });
    const wrong = lookedAfter('2026-09-01T10:00:00Z');
    await world.send(allocate('2026-08-01T09:00:00Z', 'sam@council.example'), wrong);
    const [before] = await world.of('childrens-services.cic-visiting.32');
    await world.send({ ...lookedAfter('2026-09-08T10:00:00Z'), supersedes: wrong.eventId });
    const [after] = await world.of('childrens-services.cic-visiting.32');
    expect(after.id).toBe(before.id);
    expect(clockOf(after)).toMatchObject({ triggeredAt: '2026-09-08T10:00:00Z', due: '2026-10-20T23:00:00Z' });
    await expect(world.store.caseEvents.get('lcs', wrong.eventId as string)).resolves.toMatchObject({ occurredAt: parseInstant('2026-09-01T10:00:00Z'), supersededBy: expect.any(String) });
    const kase = await world.store.cases.getByRef('C-1');
    expect((await world.store.audit.listForCase(kase!.id)).map((a) => a.action)).toContain('case-event-corrected');
  });

  it('withdraws what only the corrected event gave, when the correction arrives before the event it corrects', async () => {
    world = await caseWorld({ people: PEOPLE });
    const wrong = envelope('placement-started', '2026-09-01T10:00:00Z', { type: 'foster', firstOfEpisode: false });
    await world.send(allocate('2026-08-01T09:00:00Z', 'sam@council.example'), lookedAfter('2026-08-01T10:00:00Z'));
    await world.send({ ...envelope('placement-started', '2026-09-02T10:00:00Z', { type: 'foster', firstOfEpisode: true }), supersedes: wrong.eventId });
    await world.send(wrong);
    // cic-visiting.36 follows a placement move (firstOfEpisode false): the corrected event is a first placement, so there is none.
    expect(await world.of('childrens-services.cic-visiting.36')).toEqual([]);
  });
});

describe('a member of staff: supervision.practitioner.monthly — "… and a minimum of monthly for other practitioners."', () => {
  it('runs a monthly chain about the practitioner, owned by their line manager in the directory', async () => {
    world = await caseWorld({ people: PEOPLE });
    const supervision = (at: string) => ({ eventId: `SUP-${at}`, source: 'hr', subject: 'sam@council.example', type: 'supervision-held', occurredAt: at, details: { kind: 'professional' } });
    await world.send(supervision('2026-09-10T10:00:00Z'), supervision('2026-10-09T10:00:00Z'));
    const chain = await world.of('core-practice.supervision.practitioner.monthly', 'sam@council.example');
    expect(chain.map(clockOf)).toEqual([
      expect.objectContaining({ status: 'met', owner: 'priya@council.example', due: '2026-10-10T23:00:00Z', completedAt: '2026-10-09T10:00:00Z' }),
      expect.objectContaining({ status: 'open', owner: 'priya@council.example', due: '2026-11-10T00:00:00Z' }),
    ]);
    expect(chain.every((o) => o.subject === 'staff' && o.ownerId === 'p_priya' && o.caseId === null)).toBe(true);
  });
});

describe('a birthday known in advance: care-leavers-pathway-plans.11 — "… assist young people in applying for benefits **1 month** before their **18**th **birthday**."', () => {
  it('opens at the 17th birthday of a child in care, due a month before the 18th, and moves when the date of birth is corrected', async () => {
    world = await caseWorld({ people: PEOPLE });
    const dob = envelope('case-status-changed', '2026-01-05T09:00:00Z', { dateOfBirth: '2009-03-15' });
    await world.send(allocate('2026-01-05T09:00:00Z', 'ali@council.example', 'personal-adviser'), dob, lookedAfter('2026-01-10T10:00:00Z'), cicVisit('2026-05-01T10:00:00Z'));
    const [benefits] = await world.of('childrens-services.care-leavers-pathway-plans.11');
    expect(clockOf(benefits)).toMatchObject({ status: 'open', owner: 'ali@council.example', triggeredAt: '2026-03-15T00:00:00Z', anchorAt: '2027-03-15T00:00:00Z', due: '2027-02-16T00:00:00Z' });
    await world.send({ ...envelope('case-status-changed', '2026-01-05T09:00:00Z', { dateOfBirth: '2009-04-15' }), supersedes: dob.eventId });
    const [moved] = await world.of('childrens-services.care-leavers-pathway-plans.11');
    expect(moved.id).toBe(benefits.id);
    // 15 Apr 2027 is in BST: 00:00 local is 23:00Z the day before.
    expect(clockOf(moved)).toMatchObject({ triggeredAt: '2026-04-14T23:00:00Z', anchorAt: '2027-04-14T23:00:00Z', due: '2027-03-16T00:00:00Z' });
  });
});

describe('go-live: a history sent as ordinary past events raises no storm of reminders', () => {
  it('gives met and closed clocks no nudge, overdue ones none either (the manager’s digest reports them), and open ones their next reminder to come', async () => {
    world = await caseWorld({ people: PEOPLE, now: '2026-12-01T09:00:00Z' });
    await world.send(allocate('2026-09-01T09:00:00Z', 'sam@council.example'), lookedAfter('2026-09-01T10:00:00Z'), cicVisit('2026-10-12T11:00:00Z'), envelope('meeting-scheduled', '2026-11-20T09:00:00Z', { type: 'cic-review', meetingId: 'R-9' }, { scheduledFor: '2027-01-20T10:00:00Z' }));
    const kase = await world.store.cases.getByRef('C-1');
    const all = await world.store.obligations.listForCase(kase!.id);
    const overdue = all.filter((o) => o.status === 'open' && o.due < world.clock.now);
    const done = all.filter((o) => o.status !== 'open');
    const current = all.filter((o) => o.status === 'open' && o.due >= world.clock.now && o.ownerId !== null);
    expect(overdue.length).toBeGreaterThan(0);
    expect(done.length).toBeGreaterThan(0);
    expect(current.length).toBeGreaterThan(0);
    expect([...overdue, ...done].map((o) => o.nextNudgeAt)).toEqual([...overdue, ...done].map(() => null));
    for (const o of current) expect(o.nextNudgeAt).toBeGreaterThanOrEqual(world.clock.now);
  });
});
