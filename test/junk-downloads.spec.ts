import Database from 'better-sqlite3';
import { randomBytes } from 'crypto';
import { signDownloadToken } from '../api/download-token';
import { DOWNLOAD_SECRET, startApi, statementBody, type RunningApi } from './test-council.fixture';

/**
 * Issue 13, item 5: every refused download appended a permanent audit row (which the
 * store's triggers forbid deleting); 300 junk requests added about 98 KB. Now refusals
 * from one source are counted: the first of each kind is written in full, the rest in
 * one event, and a source refused 30 times in ten minutes is turned away with 429.
 */

let api: RunningApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

/** One row of a query on the store's file, read beside the running API. */
function readOne<T>(sql: string): T {
  const db = new Database(api.file, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

const auditSize = () => readOne<{ rows: number; bytes: number }>('SELECT COUNT(*) AS rows, COALESCE(SUM(LENGTH(doc)), 0) AS bytes FROM audit_events');

describe('hundreds of junk download requests from one source', () => {
  it('are refused, grow the audit trail by a bounded amount that still says what happened, and change nothing', async () => {
    const statementId = (await api.post(statementBody('momo-junk-target'))).json.statementId as string;
    const before = auditSize();
    const junk = (i: number): string => {
      switch (i % 5) {
        case 0:
          return `/api/statements/${statementId}/pdf`;
        case 1:
          return `/api/statements/${statementId}/pdf?token=${randomBytes(24).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
        case 2:
          return `/api/statements/st_${randomBytes(8).toString('hex')}/pdf?token=junk`;
        case 3:
          return `/api/statements/${statementId}/pdf?token=${signDownloadToken({ statementId, personId: 'p_sam', now: api.clock.now - 3600, secret: DOWNLOAD_SECRET })}`;
        default:
          return `/api/statements/${statementId}/pdf?token=${signDownloadToken({ statementId, personId: 'p_ali', now: api.clock.now, secret: DOWNLOAD_SECRET })}`;
      }
    };

    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await fetch(`${api.baseUrl}${junk(i)}`)).status);
    await api.refusals.endWindow();
    const after = auditSize();

    expect(statuses.slice(0, 30).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(30)).toEqual(Array(270).fill(429));
    // Four kinds of refusal (no token, forged, expired, not assigned) written in full, junk
    // for statements that do not exist named by none, and one event with the counts.
    expect(after.rows - before.rows).toBeLessThanOrEqual(6);
    expect(after.bytes - before.bytes).toBeLessThan(4 * 1024);
    const counted = JSON.parse(readOne<{ doc: string }>("SELECT doc FROM audit_events WHERE json_extract(doc, '$.action') = 'refusals-counted'").doc) as {
      details: Record<string, unknown>;
    };
    expect(counted.details).toMatchObject({ refused: 30, turnedAway: 270, 'no-token': 6, forged: 12, expired: 6, 'not-assigned': 6 });
    expect((await api.store.statements.get(statementId))?.status).toBe('assigned');
    expect(api.logs.filter((l) => l.event === 'download-refused').length).toBeLessThanOrEqual(5);
  });
});
