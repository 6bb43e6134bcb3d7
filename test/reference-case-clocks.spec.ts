/**
 * The reference for case clocks (`reference-case-clocks.ts`) on small cases worked out by
 * hand, each quoting the sentence of the standard it checks. Dates are in November and
 * December 2024 (GMT, no bank holiday until 25 December) unless a test says otherwise.
 */
import { builtInVocabulary, compileCalendar, loadBuiltInStandards, parseInstant, type Standard } from '../standards';
import { listingAt, referenceObligations, type CaseEventInput, type ObligationListing, type ReferenceWorld } from './reference-case-clocks';

const calendar = compileCalendar();
const ALL = loadBuiltInStandards();
const SAM = 'sam.patel@council.example';
const ALI = 'ali.hassan@council.example';
const IRO = 'irene.okafor@council.example';
const MANAGER = 'morgan.reed@council.example';

function standard(id: string): Standard {
  const s = ALL.find((x) => x.id === id);
  if (!s) throw new Error(`no standard ${id}`);
  return s;
}

function world(ids: string[]): ReferenceWorld {
  return { standards: ids.map(standard), vocabulary: builtInVocabulary(), calendar, lineManagerOf: (e) => (e === SAM || e === ALI ? MANAGER : null) };
}

let n = 0;
/** One event of case C-1 (or the case in `extra`). */
function ev(type: string, occurredAt: string, details: Record<string, unknown> = {}, extra: Partial<CaseEventInput> = {}): CaseEventInput {
  n += 1;
  return { eventId: `E${n}`, source: 'liquidlogic', caseRef: 'C-1', childInitials: 'AB', type, occurredAt, details, ...extra };
}

/** The obligations of one standard as `heard obligations` would list them at `at`, in trigger order. */
function listed(events: CaseEventInput[], ids: string[], id: string, at: string): Omit<ObligationListing, 'statement' | 'subject'>[] {
  return referenceObligations(events, world(ids))
    .filter((o) => o.standard === id)
    .map((o) => listingAt(o, calendar, parseInstant(at)))
    .sort((a, b) => a.triggerAt.localeCompare(b.triggerAt) || (a.case ?? '').localeCompare(b.case ?? ''))
    .map(({ statement: _s, subject: _t, ...rest }) => rest);
}

const lookedAfter = (caseRef = 'C-1', at = '2024-11-04T10:00:00Z') => [
  ev('case-allocated', '2024-11-04T09:00:00Z', { role: 'social-worker', person: SAM }, { caseRef }),
  ev('child-became-looked-after', at, { legalStatus: 's20' }, { caseRef }),
];

describe('the reference for case clocks, on cases worked by hand', () => {
  it('quotes the sentences it checks', () => {
    expect(standard('core-practice.visiting.cla.placement-day').source.quote).toBe('On the day the child is placed, then within 1 week of the beginning of the placement');
    expect(standard('core-practice.visiting.cla.first-year').source.quote).toBe('Intervals no longer than six weeks during the first year of any placement');
    expect(standard('childrens-services.cic-visiting.32').source.quote).toBe('Children in Care will be seen or spoken to on no less than a **6 weekly basis**.');
    expect(standard('childrens-services.cic-reviews.46').source.quote).toBe(
      'Invitations will be completed and sent out with consultation papers at least 10 working days prior to initial review date.',
    );
    expect(standard('childrens-services.cic-reviews.47').source.quote).toBe('The Social Worker will send the review report on Mosaic to the IRO **3 working days** before the review.');
    expect(standard('childrens-services.cic-reviews.43').source.quote).toBe('The first review will take place within **20 working days** of the date that the child coming into care.');
  });

  describe('"On the day the child is placed, then within 1 week of the beginning of the placement" and "Intervals no longer than six weeks during the first year of any placement"', () => {
    const ids = ['core-practice.visiting.cla.placement-day', 'core-practice.visiting.cla.first-week', 'core-practice.visiting.cla.first-year'];
    const events = [
      ...lookedAfter(),
      ev('placement-started', '2024-11-04T14:00:00Z', { type: 'foster', firstOfEpisode: true }),
      ev('visit-completed', '2024-11-04T16:00:00Z', { kind: 'cic' }, { by: SAM }),
      ev('visit-completed', '2024-11-11T11:00:00Z', { kind: 'cic' }, { by: SAM }),
      ev('visit-completed', '2024-12-27T10:00:00Z', { kind: 'cic' }, { by: SAM }),
    ];
    const at = '2025-02-10T12:00:00Z';

    it('the visit on the placement day, before close of business, meets the placement-day clock', () => {
      expect(listed(events, ids, 'core-practice.visiting.cla.placement-day', at)).toEqual([
        { standard: 'core-practice.visiting.cla.placement-day', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-11-04T14:00:00Z', due: '2024-11-04T17:00:00Z', status: 'met', metAt: '2024-11-04T16:00:00Z', closedReason: null },
      ]);
    });

    it('that visit opens the one-week clock (end of Monday 11 November), met by the next visit; later visits open none', () => {
      expect(listed(events, ids, 'core-practice.visiting.cla.first-week', at)).toEqual([
        { standard: 'core-practice.visiting.cla.first-week', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-11-04T16:00:00Z', due: '2024-11-12T00:00:00Z', status: 'met', metAt: '2024-11-11T11:00:00Z', closedReason: null },
      ]);
    });

    it('each visit meets the six-weekly clock and opens the next from its own instant: on time, late, then overdue', () => {
      expect(listed(events, ids, 'core-practice.visiting.cla.first-year', at)).toEqual([
        { standard: 'core-practice.visiting.cla.first-year', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-11-04T16:00:00Z', due: '2024-12-17T00:00:00Z', status: 'met', metAt: '2024-11-11T11:00:00Z', closedReason: null },
        { standard: 'core-practice.visiting.cla.first-year', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-11-11T11:00:00Z', due: '2024-12-24T00:00:00Z', status: 'late', metAt: '2024-12-27T10:00:00Z', closedReason: null },
        { standard: 'core-practice.visiting.cla.first-year', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-12-27T10:00:00Z', due: '2025-02-08T00:00:00Z', status: 'overdue', metAt: null, closedReason: null },
      ]);
    });

    it('judged before its due instant, the last visit clock is open (only --at moves open to overdue)', () => {
      expect(listed(events, ids, 'core-practice.visiting.cla.first-year', '2025-02-08T00:00:00Z').map((o) => o.status)).toEqual(['met', 'late', 'open']);
    });
  });

  describe('"Invitations … at least 10 working days prior to initial review date" and "The Social Worker will send the review report … to the IRO 3 working days before the review"', () => {
    const ids = ['childrens-services.cic-reviews.46', 'childrens-services.cic-reviews.47'];
    const scheduled = (caseRef: string) => [
      ...lookedAfter(caseRef),
      ev('meeting-scheduled', '2024-11-05T10:00:00Z', { type: 'cic-review', meetingId: `M-${caseRef}`, ordinal: 1 }, { caseRef, scheduledFor: '2024-11-29T10:00:00Z' }),
    ];
    const at = '2024-12-10T12:00:00Z';

    it('count back from the review on Friday 29 November: invitations by Friday 15 November, the report by Tuesday 26 November', () => {
      const events = scheduled('C-1');
      expect(listed(events, ids, 'childrens-services.cic-reviews.46', '2024-11-05T12:00:00Z')).toEqual([
        { standard: 'childrens-services.cic-reviews.46', case: 'C-1', staff: null, owner: null, triggerAt: '2024-11-29T10:00:00Z', due: '2024-11-15T17:00:00Z', status: 'open', metAt: null, closedReason: null },
      ]);
      expect(listed(events, ids, 'childrens-services.cic-reviews.47', '2024-11-05T12:00:00Z')).toEqual([
        { standard: 'childrens-services.cic-reviews.47', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-11-29T10:00:00Z', due: '2024-11-26T17:00:00Z', status: 'open', metAt: null, closedReason: null },
      ]);
    });

    it('move when the review is moved to Friday 6 December (same meetingId): invitations sent on 20 November are on time', () => {
      const events = [
        ...scheduled('C-1'),
        ev('meeting-scheduled', '2024-11-11T09:30:00Z', { type: 'cic-review', meetingId: 'M-C-1', ordinal: 1 }, { scheduledFor: '2024-12-06T10:00:00Z' }),
        ev('document-shared', '2024-11-20T12:00:00Z', { document: 'review-invitation', with: 'invitees' }),
      ];
      expect(listed(events, ids, 'childrens-services.cic-reviews.46', at)).toEqual([
        { standard: 'childrens-services.cic-reviews.46', case: 'C-1', staff: null, owner: null, triggerAt: '2024-12-06T10:00:00Z', due: '2024-11-22T17:00:00Z', status: 'met', metAt: '2024-11-20T12:00:00Z', closedReason: null },
      ]);
      expect(listed(events, ids, 'childrens-services.cic-reviews.47', at)).toEqual([
        { standard: 'childrens-services.cic-reviews.47', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-12-06T10:00:00Z', due: '2024-12-03T17:00:00Z', status: 'overdue', metAt: null, closedReason: null },
      ]);
    });

    it('close as cancelled when the review is cancelled before the report is due, and count as missed when cancelled after', () => {
      const events = [
        ...scheduled('C-1'),
        ...scheduled('C-2'),
        ev('meeting-scheduled', '2024-11-11T09:30:00Z', { type: 'cic-review', meetingId: 'M-C-1', ordinal: 1 }, { scheduledFor: '2024-12-06T10:00:00Z' }),
        ev('meeting-scheduled', '2024-11-11T09:30:00Z', { type: 'cic-review', meetingId: 'M-C-2', ordinal: 1 }, { caseRef: 'C-2', scheduledFor: '2024-12-06T10:00:00Z' }),
        ev('document-shared', '2024-11-20T12:00:00Z', { document: 'review-invitation', with: 'invitees' }),
        ev('meeting-cancelled', '2024-12-02T12:00:00Z', { meetingId: 'M-C-1', reason: 'exceptional' }),
        ev('meeting-cancelled', '2024-12-05T09:00:00Z', { meetingId: 'M-C-2', reason: 'exceptional' }, { caseRef: 'C-2' }),
      ];
      expect(listed(events, ids, 'childrens-services.cic-reviews.47', at)).toEqual([
        { standard: 'childrens-services.cic-reviews.47', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-12-06T10:00:00Z', due: '2024-12-03T17:00:00Z', status: 'closed', metAt: null, closedReason: 'cancelled' },
        { standard: 'childrens-services.cic-reviews.47', case: 'C-2', staff: null, owner: SAM, triggerAt: '2024-12-06T10:00:00Z', due: '2024-12-03T17:00:00Z', status: 'missed', metAt: null, closedReason: 'cancelled' },
      ]);
      // The invitations were sent for C-1 before the cancellation: met stays met. C-2's were never sent: missed.
      expect(listed(events, ids, 'childrens-services.cic-reviews.46', at).map((o) => [o.case, o.status, o.closedReason])).toEqual([
        ['C-1', 'met', null],
        ['C-2', 'missed', 'cancelled'],
      ]);
    });
  });

  describe('"Children in Care will be seen or spoken to on no less than a 6 weekly basis."', () => {
    const ids = ['childrens-services.cic-visiting.32', 'childrens-services.cic-visiting.35'];
    const at = '2025-01-10T12:00:00Z';

    it('a reallocation moves the open visit clock to the new social worker; what Sam met stays with Sam', () => {
      const events = [
        ...lookedAfter(),
        ev('visit-completed', '2024-11-11T11:00:00Z', { kind: 'cic' }, { by: SAM }),
        ev('record-updated', '2024-11-13T09:00:00Z', { record: 'visit-note' }, { by: SAM }),
        ev('case-allocated', '2024-11-15T09:00:00Z', { role: 'iro', person: IRO }),
        ev('case-allocated', '2024-11-15T09:30:00Z', { role: 'social-worker', person: ALI }),
      ];
      expect(listed(events, ids, 'childrens-services.cic-visiting.32', at)).toEqual([
        { standard: 'childrens-services.cic-visiting.32', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-11-04T10:00:00Z', due: '2024-12-17T00:00:00Z', status: 'met', metAt: '2024-11-11T11:00:00Z', closedReason: null },
        { standard: 'childrens-services.cic-visiting.32', case: 'C-1', staff: null, owner: ALI, triggerAt: '2024-11-11T11:00:00Z', due: '2024-12-24T00:00:00Z', status: 'overdue', metAt: null, closedReason: null },
      ]);
      expect(listed(events, ids, 'childrens-services.cic-visiting.35', at)).toEqual([
        { standard: 'childrens-services.cic-visiting.35', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-11-11T11:00:00Z', due: '2024-11-14T00:00:00Z', status: 'met', metAt: '2024-11-13T09:00:00Z', closedReason: null },
      ]);
    });

    it('stops applying when the child leaves care: closed before its due, missed after it', () => {
      const events = [
        ...lookedAfter('C-1'),
        ...lookedAfter('C-2'),
        ev('child-left-care', '2024-11-29T10:00:00Z', { reason: 'returned home' }),
        ev('child-left-care', '2024-12-20T10:00:00Z', { reason: 'returned home' }, { caseRef: 'C-2' }),
      ];
      expect(listed(events, ids, 'childrens-services.cic-visiting.32', at)).toEqual([
        { standard: 'childrens-services.cic-visiting.32', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-11-04T10:00:00Z', due: '2024-12-17T00:00:00Z', status: 'closed', metAt: null, closedReason: 'no-longer-applies' },
        { standard: 'childrens-services.cic-visiting.32', case: 'C-2', staff: null, owner: SAM, triggerAt: '2024-11-04T10:00:00Z', due: '2024-12-17T00:00:00Z', status: 'missed', metAt: null, closedReason: 'no-longer-applies' },
      ]);
    });

    it('a correction of the visit date works the chain out again from the corrected visit', () => {
      const wrong = ev('visit-completed', '2024-11-18T10:00:00Z', { kind: 'cic' }, { by: SAM });
      const events = [...lookedAfter(), wrong, ev('visit-completed', '2024-11-11T10:00:00Z', { kind: 'cic' }, { by: SAM, supersedes: wrong.eventId })];
      expect(listed(events, ids, 'childrens-services.cic-visiting.32', at).map((o) => [o.triggerAt, o.due, o.status, o.metAt])).toEqual([
        ['2024-11-04T10:00:00Z', '2024-12-17T00:00:00Z', 'met', '2024-11-11T10:00:00Z'],
        ['2024-11-11T10:00:00Z', '2024-12-24T00:00:00Z', 'overdue', null],
      ]);
      // Without the correction the chain would run from 18 November.
      expect(listed([...lookedAfter(), wrong], ids, 'childrens-services.cic-visiting.32', at)[1].due).toBe('2024-12-31T00:00:00Z');
      expect(listed(events, ids, 'childrens-services.cic-visiting.35', at).map((o) => o.triggerAt)).toEqual(['2024-11-11T10:00:00Z']);
    });

    it('a visit known only by its date meets a deadline at 24:00 on that date, and is late the day after, though its 00:00 is the due instant', () => {
      const onTheDay = [...lookedAfter(), ev('visit-completed', '2024-12-16', { kind: 'cic' })];
      expect(listed(onTheDay, ids, 'childrens-services.cic-visiting.32', at)).toEqual([
        { standard: 'childrens-services.cic-visiting.32', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-11-04T10:00:00Z', due: '2024-12-17T00:00:00Z', status: 'met', metAt: '2024-12-16T00:00:00Z', closedReason: null },
        { standard: 'childrens-services.cic-visiting.32', case: 'C-1', staff: null, owner: SAM, triggerAt: '2024-12-16T00:00:00Z', due: '2025-01-28T00:00:00Z', status: 'open', metAt: null, closedReason: null },
      ]);
      const dayAfter = [...lookedAfter(), ev('visit-completed', '2024-12-17', { kind: 'cic' })];
      expect(listed(dayAfter, ids, 'childrens-services.cic-visiting.32', at)[0]).toMatchObject({ status: 'late', metAt: '2024-12-17T00:00:00Z' });
    });

    it('in summer time, local dates run from 23:00 UTC: a visit dated 15 July meets a deadline at 24:00 BST that day', () => {
      const summer = (date: string) => [...lookedAfter('C-1', '2024-06-03T10:00:00Z'), ev('visit-completed', date, { kind: 'cic' })];
      expect(listed(summer('2024-07-15'), ids, 'childrens-services.cic-visiting.32', at)[0]).toMatchObject({
        due: '2024-07-15T23:00:00Z',
        status: 'met',
        metAt: '2024-07-14T23:00:00Z',
      });
      expect(listed(summer('2024-07-16'), ids, 'childrens-services.cic-visiting.32', at)[0]).toMatchObject({ status: 'late', metAt: '2024-07-15T23:00:00Z' });
    });

    it('a visit recorded days late counts when it happened, even after a later visit was received', () => {
      const events = [
        ...lookedAfter(),
        ev('visit-completed', '2024-12-20T15:00:00Z', { kind: 'cic' }, { by: SAM }),
        ev('visit-completed', '2024-12-13T15:00:00Z', { kind: 'cic' }, { by: SAM }), // received after the visit of the 20th
      ];
      expect(listed(events, ids, 'childrens-services.cic-visiting.32', at).map((o) => [o.triggerAt, o.due, o.status, o.metAt])).toEqual([
        ['2024-11-04T10:00:00Z', '2024-12-17T00:00:00Z', 'met', '2024-12-13T15:00:00Z'],
        ['2024-12-13T15:00:00Z', '2025-01-25T00:00:00Z', 'met', '2024-12-20T15:00:00Z'],
        ['2024-12-20T15:00:00Z', '2025-02-01T00:00:00Z', 'open', null],
      ]);
    });
  });

  describe('"The first review will take place within 20 working days of the date that the child coming into care."', () => {
    const ids = ['childrens-services.cic-reviews.43'];

    it('due Monday 2 December; the case closed on Friday 29 November is closed, closed on Tuesday 3 December missed', () => {
      const events = [
        ...lookedAfter('C-1'),
        ...lookedAfter('C-2'),
        ev('case-closed', '2024-11-29T10:00:00Z', { reason: 'moved away' }),
        ev('case-closed', '2024-12-03T10:00:00Z', { reason: 'moved away' }, { caseRef: 'C-2' }),
      ];
      expect(listed(events, ids, 'childrens-services.cic-reviews.43', '2025-01-10T12:00:00Z')).toEqual([
        { standard: 'childrens-services.cic-reviews.43', case: 'C-1', staff: null, owner: null, triggerAt: '2024-11-04T10:00:00Z', due: '2024-12-02T17:00:00Z', status: 'closed', metAt: null, closedReason: 'case-closed' },
        { standard: 'childrens-services.cic-reviews.43', case: 'C-2', staff: null, owner: null, triggerAt: '2024-11-04T10:00:00Z', due: '2024-12-02T17:00:00Z', status: 'missed', metAt: null, closedReason: 'case-closed' },
      ]);
    });

    it('owned by nobody until an IRO is allocated, then by the IRO (R3)', () => {
      const events = [...lookedAfter(), ev('case-allocated', '2024-11-05T11:00:00Z', { role: 'iro', person: IRO })];
      expect(listed(events, ids, 'childrens-services.cic-reviews.43', '2024-11-06T12:00:00Z')[0].owner).toBe(IRO);
    });
  });

  it('R2: "Every six weeks during subsequent years": a visit due after the placement\'s first year is met by the next visit, which opens the later-years cadence', () => {
    const ids = ['core-practice.visiting.cla.first-year', 'core-practice.visiting.cla.subsequent-years'];
    const events = [
      ...lookedAfter('C-1', '2023-10-02T10:00:00Z'),
      ev('placement-started', '2023-10-02T14:00:00Z', { type: 'foster', firstOfEpisode: true }),
      ev('visit-completed', '2024-09-20T10:00:00Z', { kind: 'cic' }),
      ev('visit-completed', '2024-10-25T10:00:00Z', { kind: 'cic' }),
    ];
    const at = '2024-11-01T12:00:00Z';
    expect(listed(events, ids, 'core-practice.visiting.cla.first-year', at).map((o) => [o.triggerAt, o.status])).toEqual([
      ['2024-09-20T10:00:00Z', 'met'],
    ]);
    expect(listed(events, ids, 'core-practice.visiting.cla.subsequent-years', at).map((o) => [o.triggerAt, o.due, o.status])).toEqual([
      ['2024-10-25T10:00:00Z', '2024-12-07T00:00:00Z', 'open'],
    ]);
  });

  it('"Weekly until the first review" then "Every four weeks thereafter": the first review, counted as the first (R6), switches the cadence at the next visit', () => {
    const ids = ['core-practice.visiting.temporary-carers.weekly', 'core-practice.visiting.temporary-carers.four-weekly', 'childrens-services.cic-reviews.57'];
    expect(standard('core-practice.visiting.temporary-carers.weekly').source.quote).toBe('Weekly until the first review');
    expect(standard('childrens-services.cic-reviews.57').source.quote).toBe('The Second Review will take place within 3 months (91 days) of the initial review.');
    const events = [
      ...lookedAfter(),
      ev('placement-started', '2024-11-04T14:00:00Z', { type: 'temporary-foster', firstOfEpisode: true }),
      ev('visit-completed', '2024-11-05T10:00:00Z', { kind: 'cic' }),
      ev('visit-completed', '2024-11-12T10:00:00Z', { kind: 'cic' }),
      ev('review-held', '2024-11-15T10:00:00Z', { type: 'cic' }), // no ordinal sent: Heard counts it as the first
      ev('visit-completed', '2024-11-19T10:00:00Z', { kind: 'cic' }),
      ev('review-held', '2025-02-10T10:00:00Z', { type: 'cic' }),
    ];
    const at = '2024-11-20T12:00:00Z';
    expect(listed(events, ids, 'core-practice.visiting.temporary-carers.weekly', at).map((o) => [o.triggerAt, o.due, o.status])).toEqual([
      ['2024-11-05T10:00:00Z', '2024-11-13T00:00:00Z', 'met'],
      ['2024-11-12T10:00:00Z', '2024-11-20T00:00:00Z', 'met'],
    ]);
    expect(listed(events, ids, 'core-practice.visiting.temporary-carers.four-weekly', at).map((o) => [o.triggerAt, o.due, o.status])).toEqual([
      ['2024-11-19T10:00:00Z', '2024-12-18T00:00:00Z', 'open'],
    ]);
    expect(listed(events, ids, 'childrens-services.cic-reviews.57', at).map((o) => [o.triggerAt, o.due, o.status, o.metAt])).toEqual([
      ['2024-11-15T10:00:00Z', '2025-02-15T00:00:00Z', 'met', '2025-02-10T10:00:00Z'],
    ]);
  });

  it('"until the first review" counts from the child\'s latest coming into care, not from a review of an earlier episode', () => {
    const ids = ['core-practice.visiting.temporary-carers.weekly', 'core-practice.visiting.temporary-carers.four-weekly'];
    const events = [
      ...lookedAfter(),
      ev('review-held', '2024-11-15T10:00:00Z', { type: 'cic', ordinal: 1 }),
      ev('child-left-care', '2024-11-20T10:00:00Z', { reason: 'returned home' }),
      ev('child-became-looked-after', '2024-12-02T10:00:00Z', { legalStatus: 'ico' }),
      ev('placement-started', '2024-12-02T14:00:00Z', { type: 'temporary-foster', firstOfEpisode: true }),
      ev('visit-completed', '2024-12-03T10:00:00Z', { kind: 'cic' }),
    ];
    const at = '2024-12-04T12:00:00Z';
    expect(listed(events, ids, 'core-practice.visiting.temporary-carers.weekly', at).map((o) => [o.triggerAt, o.due, o.status])).toEqual([
      ['2024-12-03T10:00:00Z', '2024-12-11T00:00:00Z', 'open'],
    ]);
    expect(listed(events, ids, 'core-practice.visiting.temporary-carers.four-weekly', at)).toEqual([]);
  });

  it('R7: "when the worker first meets them": a visit is first again after an allocation that is not a reallocation, of any role', () => {
    const ids = ['momo.4.1'];
    expect(standard('momo.4.1').source.quote).toBe('All children in care receive information about Mind Of My Own apps when the worker first meets them');
    const events = [
      ...lookedAfter(),
      ev('visit-completed', '2024-11-05T10:00:00Z', { kind: 'cic' }),
      ev('case-allocated', '2024-11-08T10:00:00Z', { role: 'social-worker', person: ALI }), // a reallocation: the next visit is not first
      ev('visit-completed', '2024-11-12T10:00:00Z', { kind: 'cic' }),
      ev('case-allocated', '2024-11-13T10:00:00Z', { role: 'iro', person: IRO }), // a new allocation: the next visit is first
      ev('visit-completed', '2024-11-19T10:00:00Z', { kind: 'cic' }),
    ];
    expect(listed(events, ids, 'momo.4.1', '2024-11-20T12:00:00Z').map((o) => [o.triggerAt, o.due, o.owner, o.status])).toEqual([
      ['2024-11-05T10:00:00Z', '2024-11-05T17:00:00Z', ALI, 'overdue'], // open when Ali took the case over (R3)
      ['2024-11-19T10:00:00Z', '2024-11-19T17:00:00Z', ALI, 'overdue'],
    ]);
    // Once the child has been introduced, no visit opens it again ("momo-not-introduced").
    const introduced = [...events.slice(0, 3), ev('app-introduced', '2024-11-05T15:00:00Z', { app: 'momo' }, { source: 'teams' }), ...events.slice(3)];
    expect(listed(introduced, ids, 'momo.4.1', '2024-11-20T12:00:00Z').map((o) => [o.triggerAt, o.status])).toEqual([['2024-11-05T10:00:00Z', 'met']]);
  });

  it('"a minimum of monthly for other practitioners": supervision is owned by the supervisee\'s line manager', () => {
    const ids = ['core-practice.supervision.practitioner.monthly'];
    const staff = (occurredAt: string) => ev('supervision-held', occurredAt, { kind: 'professional' }, { caseRef: undefined, childInitials: undefined, subject: SAM });
    const events = [staff('2024-10-15T10:00:00Z'), staff('2024-11-18T10:00:00Z')];
    expect(
      referenceObligations(events, world(ids)).map((o) => {
        const { standard: s, subject, staff: who, owner, triggerAt, due, status } = listingAt(o, calendar, parseInstant('2024-12-01T12:00:00Z'));
        return { s, subject, who, owner, triggerAt, due, status };
      }),
    ).toEqual([
      { s: 'core-practice.supervision.practitioner.monthly', subject: 'staff', who: SAM, owner: MANAGER, triggerAt: '2024-10-15T10:00:00Z', due: '2024-11-16T00:00:00Z', status: 'late' },
      { s: 'core-practice.supervision.practitioner.monthly', subject: 'staff', who: SAM, owner: MANAGER, triggerAt: '2024-11-18T10:00:00Z', due: '2024-12-19T00:00:00Z', status: 'open' },
    ]);
  });
});
