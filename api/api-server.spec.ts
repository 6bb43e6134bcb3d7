import * as http from 'http';
import { signDownloadToken } from './download-token';
import { signIntake } from './intake-signature';
import {
  DOWNLOAD_SECRET,
  INTAKE_SECRET,
  MONDAY_10AM,
  PDF,
  PEOPLE,
  allStatements,
  signedHeaders,
  startApi,
  statementBody,
  type RunningApi,
} from '../test/test-council.fixture';

/** Small enough that size limits are cheap to test: bodies over ~70 KB are refused. */
const MAX_PDF_BYTES = 4096;

let api: RunningApi;
let sequence = 0;
const nextId = () => `momo-${++sequence}`;

beforeAll(async () => {
  api = await startApi({ maxPdfBytes: MAX_PDF_BYTES });
});

afterAll(async () => {
  await api.close();
});

beforeEach(() => {
  api.clock.now = MONDAY_10AM;
});

describe('POST /api/statements: a signed statement from Mind Of My Own', () => {
  it('is created (201), routed to the intended worker, and its PDF is stored', async () => {
    const externalId = nextId();
    const { status, json } = await api.post(statementBody(externalId));

    expect(status).toBe(201);
    expect(json).toEqual({
      statementId: expect.stringMatching(/^st_/),
      status: 'assigned',
      assigneeIds: ['p_sam'],
      routedBy: 'intended-worker',
      created: true,
    });
    const statementId = json.statementId as string;
    const stored = await api.store.statements.getByExternalId(externalId);
    expect(stored).toMatchObject({ id: statementId, child: { reference: 'C-1001', initials: 'AB' }, sentAt: MONDAY_10AM - 30 * 60 });
    expect(await api.store.pdfs.get(statementId)).toEqual(PDF);
    expect((await api.store.audit.listForStatement(statementId)).map((e) => e.action)).toContain('statement-received');
  });

  it('is idempotent on its external id: a retry answers 200 with the same statement and creates nothing twice', async () => {
    const externalId = nextId();
    const first = await api.post(statementBody(externalId));
    api.clock.now += 90; // the retry is signed again, later
    const again = await api.post(statementBody(externalId));

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...first.json, created: false });
    const mine = (await allStatements(api.store)).filter((s) => s.externalId === externalId);
    expect(mine).toHaveLength(1);
    const received = (await api.store.audit.listForStatement(mine[0].id)).filter((e) => e.action === 'statement-received');
    expect(received).toHaveLength(1);
  });

  it('creates one statement when the same one arrives many times at once', async () => {
    const externalId = nextId();
    const replies = await Promise.all(Array.from({ length: 12 }, () => api.post(statementBody(externalId))));

    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(11);
    expect(new Set(replies.map((r) => r.json.statementId)).size).toBe(1);
    expect((await allStatements(api.store)).filter((s) => s.externalId === externalId)).toHaveLength(1);
  });

  it('momo 1.2 "Any statements regarding a complaint are assigned to the corporate complaints inbox": a complaint goes to the complaints officer', async () => {
    const complaint = await api.post(statementBody(nextId(), { flags: { complaint: true, safetyLink: false, unidentified: false } }));
    const forOfficer = await api.post(statementBody(nextId(), { intendedRecipient: { kind: 'complaints-officer' } }));

    for (const { status, json } of [complaint, forOfficer]) {
      expect(status).toBe(201);
      expect(json).toMatchObject({ status: 'assigned', assigneeIds: ['p_cora'], routedBy: 'complaint' });
    }
  });

  it('routes by the rest of the rules too: no allocated worker, Safety Link, unidentified young person', async () => {
    const none = await api.post(statementBody(nextId(), { intendedRecipient: { kind: 'none' } }));
    const safety = await api.post(statementBody(nextId(), { flags: { complaint: false, safetyLink: true, unidentified: false } }));
    const unidentified = await api.post(statementBody(nextId(), { flags: { complaint: false, safetyLink: false, unidentified: true } }));

    expect(none.json).toMatchObject({ assigneeIds: ['p_hana'], routedBy: 'no-allocated-worker' });
    expect(safety.json).toMatchObject({ assigneeIds: ['p_sam', 'p_priya'], routedBy: 'safety-link' });
    expect(unidentified.json).toMatchObject({ status: 'duty-procedure', assigneeIds: [], routedBy: 'unidentified' });
  });

  it('matches the intended worker by email whatever its case, and accepts an explicit UTF-8 charset', async () => {
    const text = JSON.stringify(statementBody(nextId(), { intendedRecipient: { kind: 'person', email: 'Sam@Council.Example' } }));
    const headers = { ...signedHeaders(text, api.clock.now), 'Content-Type': 'application/json; charset=UTF-8' };
    const { status, json } = await api.post(text, headers);

    expect(status).toBe(201);
    expect(json).toMatchObject({ assigneeIds: ['p_sam'] });
  });

  it('refuses (409) a different statement that reuses an external id, keeping the original', async () => {
    const externalId = nextId();
    const first = await api.post(statementBody(externalId));
    const other = await api.post(statementBody(externalId, { child: { reference: 'C-2002', initials: 'XY' } }));

    expect(other.status).toBe(409);
    expect(other.json).toEqual({
      error: { code: 'EXTERNAL_ID_CONFLICT', message: expect.stringContaining('child.reference'), statementId: first.json.statementId },
    });
    expect(await api.store.statements.getByExternalId(externalId)).toMatchObject({ child: { reference: 'C-1001' } });
  });
});

type Reply = { status: number; json: Record<string, unknown> };

/** POSTs raw text with the given headers (nothing added). */
async function rawPost(text: string | Buffer, headers: Record<string, string>): Promise<Reply> {
  const res = await fetch(`${api.baseUrl}/api/statements`, { method: 'POST', body: text, headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** POSTs `text` signed correctly at `at` (default: now). */
function signedPost(text: string, at = api.clock.now, extra: Record<string, string> = {}): Promise<Reply> {
  return rawPost(text, { ...signedHeaders(text, at), ...extra });
}

/** POSTs the body chunked (no Content-Length), so only the body reader's count can stop it. */
function chunkedPost(chunks: string[], now: number): Promise<Reply> {
  const url = new URL(`${api.baseUrl}/api/statements`);
  const body = chunks.join('');
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...signedHeaders(body, now), 'Transfer-Encoding': 'chunked' } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('POST /api/statements: every bad request gets a clear 4xx and stores nothing', () => {
  const body = (id: string, overrides: Record<string, unknown> = {}) => JSON.stringify(statementBody(id, overrides));
  const big = 'A'.repeat(100 * 1024);
  const cases: { name: string; status: number; code: string; path?: string; send: (id: string) => Promise<Reply> }[] = [
    { name: 'no content type', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', send: (id) => rawPost(body(id), { ...signedHeaders(body(id), api.clock.now), 'Content-Type': '' }) },
    { name: 'text/plain', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', send: (id) => signedPost(body(id), undefined, { 'Content-Type': 'text/plain' }) },
    { name: 'JSON in another charset', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', send: (id) => signedPost(body(id), undefined, { 'Content-Type': 'application/json; charset=latin1' }) },
    { name: 'a compressed body', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', send: (id) => signedPost(body(id), undefined, { 'Content-Encoding': 'gzip' }) },
    { name: 'no signature headers', status: 401, code: 'SIGNATURE_MISSING', send: (id) => rawPost(body(id), { 'Content-Type': 'application/json' }) },
    {
      name: 'a signature without a timestamp',
      status: 401,
      code: 'SIGNATURE_MISSING',
      send: (id) => rawPost(body(id), { 'Content-Type': 'application/json', 'X-Heard-Signature': signIntake({ secret: INTAKE_SECRET, timestamp: api.clock.now, body: body(id) }) }),
    },
    {
      name: 'a signature made with another secret',
      status: 401,
      code: 'SIGNATURE_INVALID',
      send: (id) => rawPost(body(id), signedHeaders(body(id), api.clock.now, 'not-the-shared-secret-0123456789abcdef')),
    },
    {
      name: 'a body changed after signing',
      status: 401,
      code: 'SIGNATURE_INVALID',
      send: (id) => rawPost(body(id, { type: 'my-views' }), signedHeaders(body(id), api.clock.now)),
    },
    {
      name: 'a signature signed for another timestamp',
      status: 401,
      code: 'SIGNATURE_INVALID',
      send: (id) => rawPost(body(id), { ...signedHeaders(body(id), api.clock.now), 'X-Heard-Timestamp': String(api.clock.now - 1) }),
    },
    {
      name: 'a signature that is not sha256=<hex>',
      status: 401,
      code: 'SIGNATURE_INVALID',
      send: (id) => signedPost(body(id), undefined, { 'X-Heard-Signature': 'md5=abc' }),
    },
    {
      name: 'a timestamp that is not unix seconds',
      status: 401,
      code: 'TIMESTAMP_INVALID',
      send: (id) => rawPost(body(id), { ...signedHeaders(body(id), api.clock.now), 'X-Heard-Timestamp': '2026-11-23T10:00:00Z' }),
    },
    { name: 'a correctly signed request 6 minutes old (a replay)', status: 401, code: 'TIMESTAMP_STALE', send: (id) => signedPost(body(id), api.clock.now - 360) },
    { name: 'a timestamp 6 minutes ahead', status: 401, code: 'TIMESTAMP_IN_FUTURE', send: (id) => signedPost(body(id), api.clock.now + 360) },
    { name: 'not JSON', status: 400, code: 'INVALID_JSON', send: () => signedPost('{"externalId": ') },
    { name: 'an empty body', status: 400, code: 'INVALID_JSON', send: () => signedPost('') },
    { name: 'a JSON array', status: 400, code: 'INVALID_BODY', path: '(body)', send: () => signedPost('[1,2]') },
    { name: 'a missing field', status: 400, code: 'INVALID_BODY', path: 'flags', send: (id) => signedPost(body(id, { flags: undefined })) },
    {
      name: 'five initials',
      status: 400,
      code: 'INVALID_BODY',
      path: 'child.initials',
      send: (id) => signedPost(body(id, { child: { reference: 'C-1', initials: 'ABCDE' } })),
    },
    {
      name: 'a first name ("Amy") where the initials go',
      status: 400,
      code: 'INVALID_BODY',
      path: 'child.initials',
      send: (id) => signedPost(body(id, { child: { reference: 'C-1', initials: 'Amy' } })),
    },
    {
      name: 'a name instead of initials',
      status: 400,
      code: 'INVALID_BODY',
      path: 'child.initials',
      send: (id) => signedPost(body(id, { child: { reference: 'C-1', initials: 'Jane Smith' } })),
    },
    { name: 'an unknown field', status: 400, code: 'INVALID_BODY', path: '(body)', send: (id) => signedPost(body(id, { childName: 'Jane' })) },
    { name: 'a flag that is not a boolean', status: 400, code: 'INVALID_BODY', path: 'flags.complaint', send: (id) => signedPost(body(id, { flags: { complaint: 'no', safetyLink: false, unidentified: false } })) },
    {
      name: 'an unknown recipient kind',
      status: 400,
      code: 'INVALID_BODY',
      path: 'intendedRecipient.kind',
      send: (id) => signedPost(body(id, { intendedRecipient: { kind: 'team' } })),
    },
    {
      name: 'a recipient email that is not one',
      status: 400,
      code: 'INVALID_BODY',
      path: 'intendedRecipient.email',
      send: (id) => signedPost(body(id, { intendedRecipient: { kind: 'person', email: 'sam at council' } })),
    },
    { name: 'an impossible date', status: 400, code: 'INVALID_BODY', path: 'sentAt', send: (id) => signedPost(body(id, { sentAt: '2026-02-30T10:00:00Z' })) },
    { name: 'a time without an offset', status: 400, code: 'INVALID_BODY', path: 'sentAt', send: (id) => signedPost(body(id, { sentAt: '2026-11-23T09:30:00' })) },
    { name: 'a sending time in the future', status: 400, code: 'INVALID_BODY', path: 'sentAt', send: (id) => signedPost(body(id, { sentAt: '2026-11-23T11:00:00Z' })) },
    { name: 'a sending time years ago', status: 400, code: 'INVALID_BODY', path: 'sentAt', send: (id) => signedPost(body(id, { sentAt: '1999-11-23T11:00:00Z' })) },
    { name: 'a PDF that is not base64', status: 400, code: 'PDF_INVALID', path: 'pdf', send: (id) => signedPost(body(id, { pdf: '%PDF-1.4 not encoded' })) },
    {
      name: 'base64 that is not a PDF',
      status: 400,
      code: 'PDF_INVALID',
      path: 'pdf',
      send: (id) => signedPost(body(id, { pdf: Buffer.from('<html>hello</html>').toString('base64') })),
    },
    {
      name: 'a PDF over the size limit',
      status: 413,
      code: 'PDF_TOO_LARGE',
      path: 'pdf',
      send: (id) => signedPost(body(id, { pdf: Buffer.concat([PDF, Buffer.alloc(MAX_PDF_BYTES)]).toString('base64') })),
    },
    { name: 'a body over the size limit', status: 413, code: 'PAYLOAD_TOO_LARGE', send: (id) => signedPost(body(id, { pdf: big })) },
    {
      name: 'a chunked body over the size limit (the body reader stops it)',
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      send: (id) => chunkedPost([body(id).slice(0, 50), big, big], api.clock.now),
    },
  ];

  it.each(cases)('$name → $status $code', async ({ status, code, path, send }) => {
    const before = (await allStatements(api.store)).length;
    const externalId = nextId();

    const reply = await send(externalId);

    expect(reply.status).toBe(status);
    const error = reply.json.error as { code: string; message: string; issues?: { path: string }[] };
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
    if (path) {
      expect(error.issues?.map((i) => i.path)).toContain(path);
      expect(error.message).toContain(path);
    }
    expect(await api.store.statements.getByExternalId(externalId)).toBeNull();
    expect(await allStatements(api.store)).toHaveLength(before);
  });

  it('checks the signature over the bytes received: a MAC over EF BF BD does not admit the single byte FF', async () => {
    const externalId = nextId();
    const [before, after] = JSON.stringify(statementBody(externalId, { type: 'my-world-MARK' })).split('MARK');
    const sent = Buffer.concat([Buffer.from(`${before}`), Buffer.from([0xff]), Buffer.from(after)]);
    // What the old check verified: the body as decoded, where FF had become U+FFFD (EF BF BD).
    const decoded = sent.toString('utf8');
    const reply = await rawPost(sent, { 'Content-Type': 'application/json', 'X-Heard-Timestamp': String(api.clock.now), 'X-Heard-Signature': signIntake({ secret: INTAKE_SECRET, timestamp: api.clock.now, body: decoded }) });

    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ error: { code: 'SIGNATURE_INVALID' } });
    expect(await api.store.statements.getByExternalId(externalId)).toBeNull();
  });

  it('refuses a correctly signed body that is not valid UTF-8 with 400, saying so (not a misleading 401)', async () => {
    const externalId = nextId();
    const [before, after] = JSON.stringify(statementBody(externalId, { type: 'my-world-MARK' })).split('MARK');
    const sent = Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]);
    const reply = await rawPost(sent, { 'Content-Type': 'application/json', 'X-Heard-Timestamp': String(api.clock.now), 'X-Heard-Signature': signIntake({ secret: INTAKE_SECRET, timestamp: api.clock.now, body: sent }) });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: { code: 'INVALID_UTF8', message: 'the body is not valid UTF-8 text: send JSON encoded as UTF-8' } });
    expect(await api.store.statements.getByExternalId(externalId)).toBeNull();
  });

  it('says where a body stops being JSON without quoting any of it back', async () => {
    const reply = await signedPost('{"externalId": "momo-x", "child": {"reference": "C-1001", "initials": "Jane Smith"} oops}');

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: { code: 'INVALID_JSON', message: expect.stringMatching(/^the body is not valid JSON \(at position 84\b/) } });
    expect(JSON.stringify(reply.json)).not.toMatch(/Jane|C-1001|oops/);
  });

  it('answers an unknown address 404 and a wrong method 405, in the same JSON shape', async () => {
    const missing = await fetch(`${api.baseUrl}/api/nothing-here`);
    const wrongMethod = await fetch(`${api.baseUrl}/api/statements`);

    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'RESOURCE_NOT_FOUND', message: expect.any(String) } });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: expect.any(String) } });
  });
});

describe('POST /api/statements with the default limit (10 MiB)', () => {
  let defaults: RunningApi;
  beforeAll(async () => {
    defaults = await startApi();
  });
  afterAll(async () => {
    await defaults.close();
  });

  it('accepts a PDF of exactly 10 MiB and refuses one byte more with 413', async () => {
    const tenMiB = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 - PDF.length, 0x20)]);
    const accepted = await defaults.post(statementBody('momo-big-1', { pdf: tenMiB.toString('base64') }));
    const refused = await defaults.post(statementBody('momo-big-2', { pdf: Buffer.concat([tenMiB, Buffer.from(' ')]).toString('base64') }));

    expect(defaults.logs.filter((l) => l.event === 'unexpected-error')).toEqual([]);
    expect(accepted.status).toBe(201);
    expect((await defaults.store.pdfs.get(accepted.json.statementId as string))?.length).toBe(10 * 1024 * 1024);
    expect(refused.status).toBe(413);
    expect(refused.json).toMatchObject({ error: { code: 'PDF_TOO_LARGE' } });
    expect(await defaults.store.statements.getByExternalId('momo-big-2')).toBeNull();
    // Two 13 MiB bodies through signature, base64 and the store: seconds on a busy CI machine, and no timing is claimed.
  }, 60_000);
});

describe('GET /api/statements/:id/pdf: short-lived signed links', () => {
  let statementId: string;
  let otherStatementId: string;

  beforeEach(async () => {
    statementId = (await api.post(statementBody(nextId()))).json.statementId as string;
    otherStatementId = (await api.post(statementBody(nextId()))).json.statementId as string;
    // Each test starts a fresh counting window (see refusal-ledger.spec.ts for the counting).
    await api.refusals.endWindow();
  });

  const link = (id: string, token: string) => `${api.baseUrl}/api/statements/${encodeURIComponent(id)}/pdf?token=${encodeURIComponent(token)}`;
  const tokenFor = (personId: string, id = statementId, now = api.clock.now, secret = DOWNLOAD_SECRET) =>
    signDownloadToken({ statementId: id, personId, now, secret });
  const refusals = async (id: string) =>
    (await api.store.audit.listForStatement(id)).filter((e) => e.action === 'download-refused').map((e) => ({ reason: e.details.reason, actor: e.actor }));

  it('serves the PDF to the assignee and records that the statement was opened', async () => {
    const res = await fetch(link(statementId, tokenFor('p_sam')));

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // Saved under the statement's reference and the date it was sent, as a worker files it.
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="C-1001-2026-11-23.pdf"');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    expect((await api.store.statements.get(statementId))?.status).toBe('opened');
    const opened = (await api.store.audit.listForStatement(statementId)).filter((e) => e.action === 'statement-opened');
    expect(opened).toEqual([expect.objectContaining({ actor: { kind: 'person', id: 'p_sam' }, channel: 'download' })]);
  });

  it('still serves a link 14 minutes old', async () => {
    const token = tokenFor('p_sam');
    api.clock.now += 14 * 60;
    expect((await fetch(link(statementId, token))).status).toBe(200);
  });

  it('refuses a link 16 minutes old (403) and audits it as expired', async () => {
    const token = tokenFor('p_sam');
    api.clock.now += 16 * 60;
    const res = await fetch(link(statementId, token));

    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toMatch(/<h1>This link has expired<\/h1>/);
    expect(await refusals(statementId)).toEqual([{ reason: 'expired', actor: { kind: 'person', id: 'p_sam' } }]);
    expect((await api.store.statements.get(statementId))?.status).toBe('assigned');
  });

  it.each([
    ['an altered token', () => tokenFor('p_sam').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
    ['a token signed with another secret', () => tokenFor('p_sam', statementId, api.clock.now, 'someone-elses-secret-0123456789abcdef')],
    ['a made-up token', () => 'eyJ2IjoxfQ.bm90LWEtbWFj'],
    ['a token for a different person, re-labelled', () => {
      const [payload, mac] = tokenFor('p_ali').split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return `${Buffer.from(JSON.stringify({ ...claims, p: 'p_sam' })).toString('base64url')}.${mac}`;
    }],
  ])('refuses %s (403) and audits it as forged', async (_name, token) => {
    const res = await fetch(link(statementId, token()));

    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/This link does not open anything/);
    expect(await refusals(statementId)).toEqual([{ reason: 'forged', actor: { kind: 'system', id: 'download' } }]);
    expect((await api.store.statements.get(statementId))?.status).toBe('assigned');
  });

  it('refuses another person’s link (403): the statement is not assigned to them', async () => {
    const res = await fetch(link(statementId, tokenFor('p_ali')));

    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/not assigned to you/);
    expect(await refusals(statementId)).toEqual([{ reason: 'not-assigned', actor: { kind: 'person', id: 'p_ali' } }]);
    expect((await api.store.statements.get(statementId))?.status).toBe('assigned');
  });

  it('refuses a link made for another statement (403) and audits it against the one asked for', async () => {
    const res = await fetch(link(statementId, tokenFor('p_sam', otherStatementId)));

    expect(res.status).toBe(403);
    expect(await refusals(statementId)).toEqual([{ reason: 'wrong-statement', actor: { kind: 'person', id: 'p_sam' } }]);
    const audited = (await api.store.audit.listForStatement(statementId)).find((e) => e.action === 'download-refused');
    expect(audited?.details).toEqual({ reason: 'wrong-statement', source: expect.stringMatching(/^src_[0-9a-f]{12}$/), tokenStatementId: otherStatementId });
    expect((await api.store.statements.get(otherStatementId))?.status).toBe('assigned');
  });

  it('refuses a link without a token, or for someone no longer in the directory (403)', async () => {
    const none = await fetch(`${api.baseUrl}/api/statements/${statementId}/pdf`);
    const gone = await fetch(link(statementId, tokenFor('p_left_the_council')));

    expect([none.status, gone.status]).toEqual([403, 403]);
    expect((await refusals(statementId)).map((r) => r.reason)).toEqual(['no-token', 'unknown-person']);
  });

  it('answers 410 once the PDF has been purged after saving to the case record, and audits it', async () => {
    await api.store.pdfs.delete(statementId);
    const res = await fetch(link(statementId, tokenFor('p_sam')));

    expect(res.status).toBe(410);
    expect(await res.text()).toMatch(/case record/);
    expect(await refusals(statementId)).toEqual([{ reason: 'pdf-not-available', actor: { kind: 'person', id: 'p_sam' } }]);
  });

  it('audits a refusal for a statement that does not exist without naming it', async () => {
    const res = await fetch(link('st_does-not-exist', tokenFor('p_sam', 'st_does-not-exist')));

    expect(res.status).toBe(404);
    expect(api.logs.filter((l) => l.event === 'download-refused').at(-1)?.fields).toEqual({ reason: 'statement-not-found', source: expect.stringMatching(/^src_/), personId: 'p_sam' });
  });
});

describe('GET /api/health', () => {
  it('answers 200 {status: "ok"} when the store answers', async () => {
    const res = await fetch(`${api.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 with an incident id when the store does not', async () => {
    const broken = await startApi();
    await broken.store.close();
    try {
      const res = await fetch(`${broken.baseUrl}/api/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', incidentId: expect.stringMatching(/^inc_/) });
    } finally {
      await broken.close(); // closing the store again is harmless
    }
  });
});

describe('the unexpected', () => {
  it('is a 500 with an incident id, logged with ids only', async () => {
    const failing = await startApi({
      wrapService: (real) => ({
        receive: async () => {
          throw new Error('cannot route the statement for Jane Smith, sam@council.example');
        },
        downloadPdf: (id, actor) => real.downloadPdf(id, actor),
      }),
    });
    try {
      const { status, json } = await failing.post(statementBody('momo-boom'));

      expect(status).toBe(500);
      const incidentId = (json.error as { incidentId: string }).incidentId;
      expect(json).toEqual({ error: { code: 'INTERNAL', message: expect.stringContaining(incidentId), incidentId } });
      expect(failing.logs).toContainEqual({ event: 'unexpected-error', fields: { incidentId, route: 'intake', error: 'Error' } });
      expect(JSON.stringify(failing.logs)).not.toMatch(/Jane|council\.example/);
    } finally {
      await failing.close();
    }
  });

  it('never logs names, emails or statement content, whatever happened above', () => {
    const logged = JSON.stringify(api.logs);
    for (const p of PEOPLE) {
      expect(logged).not.toContain(p.name);
      expect(logged).not.toContain(p.email);
    }
    expect(logged).not.toContain('C-1001');
    expect(logged).not.toContain(PDF.toString('base64').slice(0, 12));
  });
});
