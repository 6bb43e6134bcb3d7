import { INTAKE_SECRET, caseEventBody, signedHeaders, startApi, type RunningApi } from '../test/test-council.fixture';
import { MAX_CASE_EVENTS_PER_REQUEST } from './case-events-route';

/**
 * `POST /api/case-events` as a case system meets it: one event or a batch, signed like the
 * statement intake, each event answered by its index, and nothing of a bad event stored.
 */

let api: RunningApi;
const ROUTE = '/api/case-events';
const post = (body: unknown, headers?: Record<string, string>) => api.post(body, headers, ROUTE);

beforeEach(async () => {
  api = await startApi();
});

afterEach(async () => {
  await api.close();
});

const lookedAfter = (eventId: string) => caseEventBody(eventId, { type: 'child-became-looked-after', occurredAt: '2026-11-02T10:00:00Z', details: { legalStatus: 's20' } });

describe('one event', () => {
  it('is received (201) and opens the clocks it starts; sent again it changes nothing (200)', async () => {
    const first = await post(lookedAfter('LCS-1'));
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ eventId: 'LCS-1', status: 'imported', imported: 1, refused: 0 });
    expect(first.json.obligationsOpened as number).toBeGreaterThan(5);
    const kase = await api.store.cases.getByRef('C-1001');
    expect(kase).toMatchObject({ initials: 'AB', flags: ['looked-after'] });
    const again = await post(lookedAfter('LCS-1'));
    expect(again).toEqual({ status: 200, json: expect.objectContaining({ status: 'unchanged', imported: 0, unchanged: 1, obligationsOpened: 0 }) });
  });

  it('refuses the same event id with other content (409) and keeps the first', async () => {
    await post(lookedAfter('LCS-1'));
    const other = await post({ ...lookedAfter('LCS-1'), occurredAt: '2026-11-03T10:00:00Z' });
    expect(other.status).toBe(409);
    expect(other.json).toEqual({ error: { code: 'EVENT_ID_CONFLICT', message: expect.stringContaining('already received with other content') } });
    await expect(api.store.caseEvents.get('liquidlogic', 'LCS-1')).resolves.toMatchObject({ occurredAt: 1793613600 });
  });

  it('refuses a bad event with a 400 naming each field, and stores nothing of it', async () => {
    const bad = await post(caseEventBody('LCS-2', { type: 'visited', childInitials: 'Alexandra', occurredAt: '2099-01-01T00:00:00Z' }));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'INVALID_EVENT', issues: expect.arrayContaining([expect.objectContaining({ path: 'childInitials' })]) });
    const issues = ((bad.json.error as { issues: { path: string }[] }).issues ?? []).map((i) => i.path);
    expect(issues).toEqual(['childInitials']);
    const next = await post(caseEventBody('LCS-2', { type: 'visited' }));
    expect((next.json.error as { issues: { path: string; message: string }[] }).issues).toEqual([{ path: 'type', message: '"visited" is not an event type of the vocabulary' }]);
    expect(await api.store.cases.getByRef('C-1001')).toBeNull();
  });

  it('refuses an event Heard derives itself, and a staff event that names a child', async () => {
    expect((await post(caseEventBody('LCS-3', { type: 'case-opened', details: {} }))).json.error).toMatchObject({ message: expect.stringContaining('works "case-opened" out') });
    const staff = await post({ eventId: 'HR-1', source: 'hr', subject: 'sam@council.example', childInitials: 'AB', type: 'supervision-held', occurredAt: '2026-11-02T10:00:00Z', details: { kind: 'professional' } });
    expect(staff.status).toBe(400);
    expect(staff.json.error).toMatchObject({ issues: [{ path: 'childInitials', message: expect.stringContaining('member of staff') }] });
  });

  it('answers 401 unsigned or wrongly signed, and 415 for anything but JSON, before reading it', async () => {
    const text = JSON.stringify(lookedAfter('LCS-4'));
    expect((await post(text, { 'Content-Type': 'application/json' })).json).toEqual({ error: { code: 'SIGNATURE_MISSING', message: expect.any(String) } });
    const wrong = await post(text, signedHeaders(text, api.clock.now, `${INTAKE_SECRET}x`));
    expect(wrong.status).toBe(401);
    const res = await fetch(`${api.baseUrl}${ROUTE}`, { method: 'POST', body: text, headers: { ...signedHeaders(text, api.clock.now), 'Content-Type': 'text/csv' } });
    expect(res.status).toBe(415);
    expect(await api.store.cases.getByRef('C-1001')).toBeNull();
  });
});

describe('a batch', () => {
  it('receives the good events and refuses the bad ones by index (207), storing nothing of them', async () => {
    const reply = await post([lookedAfter('LCS-10'), caseEventBody('LCS-11', { occurredAt: 'yesterday' }), caseEventBody('LCS-12'), caseEventBody('LCS-13', { caseRef: 'C-2002', details: { kind: 'martian' } })]);
    expect(reply.status).toBe(207);
    expect(reply.json).toMatchObject({ imported: 3, unchanged: 0, refused: 1, unrecognised: [{ field: 'details.kind', value: 'martian', count: 1 }] });
    expect(reply.json.results).toEqual([
      { index: 0, eventId: 'LCS-10', status: 'imported' },
      { index: 1, eventId: 'LCS-11', status: 'refused', error: { code: 'INVALID_EVENT', message: expect.stringContaining('occurredAt'), issues: [expect.objectContaining({ path: 'occurredAt' })] } },
      { index: 2, eventId: 'LCS-12', status: 'imported' },
      { index: 3, eventId: 'LCS-13', status: 'imported' },
    ]);
    await expect(api.store.caseEvents.get('liquidlogic', 'LCS-11')).resolves.toBeNull();
    await expect(api.store.caseEvents.get('liquidlogic', 'LCS-13')).resolves.toMatchObject({ details: { kind: 'martian' } });
  });

  it('answers 200 when every event is received, and 400 when none is', async () => {
    expect((await post([lookedAfter('LCS-20'), caseEventBody('LCS-21')])).status).toBe(200);
    const none = await post([caseEventBody('LCS-22', { type: 'nope' }), caseEventBody('LCS-23', { caseRef: '' })]);
    expect(none.status).toBe(400);
    expect(none.json.error).toMatchObject({ code: 'BATCH_REFUSED', results: [expect.objectContaining({ index: 0, status: 'refused' }), expect.objectContaining({ index: 1, status: 'refused' })] });
  });

  it('refuses an empty batch, and one of more than 1,000 events, whole', async () => {
    expect((await post([])).json).toEqual({ error: { code: 'EMPTY_BATCH', message: expect.any(String) } });
    const tooMany = await post(Array.from({ length: MAX_CASE_EVENTS_PER_REQUEST + 1 }, (_, i) => caseEventBody(`LCS-${i}`)));
    expect(tooMany.status).toBe(413);
    expect(await api.store.cases.getByRef('C-1001')).toBeNull();
  });

  it('takes a batch of 1,000 events for 100 cases in one request', async () => {
    const events = Array.from({ length: MAX_CASE_EVENTS_PER_REQUEST }, (_, i) =>
      i % 10 === 0 ? lookedAfter(`LCS-B${i}`) : caseEventBody(`LCS-B${i}`, { occurredAt: `2026-11-${String(3 + (i % 10)).padStart(2, '0')}T10:00:00Z` }),
    ).map((e, i) => ({ ...e, caseRef: `C-${Math.floor(i / 10)}` }));
    const reply = await post(events);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ imported: 1000, refused: 0 });
    expect(api.logs.filter((l) => l.event === 'unexpected-error')).toEqual([]);
  });
});
