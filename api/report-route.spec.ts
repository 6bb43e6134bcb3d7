import { Broadcasts } from '../domain/broadcasts';
import { DOWNLOAD_SECRET, PEOPLE, startApi, type RunningApi } from '../test/test-council.fixture';
import { signDownloadToken } from './download-token';

/**
 * The delivery report as CSV on a signed link: for the officer who sent the notice (and
 * the participation team) only, for 15 minutes, never with a PDF link's token; staff and
 * how each message went, formulas defused.
 */
let api: RunningApi;
let broadcastId: string;
const JO = { id: 'p_jo', aadObjectId: 'aad-jo', name: 'Jo Participation', email: 'jo@council.example', roles: ['participation' as const], teamId: null, lineManagerId: null };

beforeEach(async () => {
  api = await startApi();
  await api.store.directory.upsert([JO, { ...PEOPLE[0], name: '=HYPERLINK("http://x")' }], []);
  const created = await new Broadcasts({ store: api.store, now: () => api.clock.now }).createNotice(JO, 'bc_1', { kind: 'team', teamId: 't_north' }, 'Office closed', 'Closed on Friday.');
  if (!created.ok) throw new Error(created.code);
  broadcastId = created.broadcast.id;
  await api.store.broadcasts.updateRecipient({ ...(await api.store.broadcasts.getRecipient(broadcastId, 'p_ali'))!, state: 'delivered', sentAt: api.clock.now, activityId: '1:a', version: 2 });
});

afterEach(async () => {
  await api.close();
});

const link = (personId: string, purpose: 'report' | 'download' = 'report', id = broadcastId) =>
  `${api.baseUrl}/api/broadcasts/${id}/report.csv?token=${encodeURIComponent(signDownloadToken({ statementId: id, personId, now: api.clock.now, secret: DOWNLOAD_SECRET, purpose }))}`;

it('serves the officer a CSV with one row per person, instants in UTC, and a cell a spreadsheet would run defused', async () => {
  const res = await fetch(link('p_jo'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  const rows = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(rows[0]).toBe('name,email,sent,state,reason,sent_at,read_at');
  expect(rows).toContain('Ali Worker,ali@council.example,notice,delivered,,2026-11-23T10:00:00Z,');
  expect(rows).toContain(`"'=HYPERLINK(""http://x"")",sam@council.example,notice,pending,,,`);
  expect(rows).toHaveLength(4);
});

it('refuses anyone else, a PDF link, an altered or expired link — saying nothing of the report', async () => {
  const refused = async (url: string) => {
    const res = await fetch(url);
    const text = await res.text();
    expect(text).not.toContain('Ali Worker');
    return res.status;
  };
  expect(await refused(link('p_sam'))).toBe(403);
  expect(await refused(link('p_jo', 'download'))).toBe(403);
  expect(await refused(`${link('p_jo')}x`)).toBe(403);
  expect(await refused(`${api.baseUrl}/api/broadcasts/${broadcastId}/report.csv`)).toBe(403);
  expect(await refused(link('p_jo', 'report', 'bc_none'))).toBe(404);
  const made = link('p_jo');
  api.clock.now += 15 * 60;
  expect(await refused(made)).toBe(403);
});
