import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { isAcknowledged, killIntakeProcesses, postStatement, startIntakeProcess, type IntakeOutcome } from '../test/intake-process';
import { removeTempDir, seededStore, statementBody, tempDatabaseFile } from '../test/test-council.fixture';

/**
 * The intake keeps its promise across a crash: a statement Heard answered 2xx for is in
 * the store after `kill -9`, exactly once, and sending everything again after a restart
 * creates nothing twice.
 */

const STATEMENTS = 500;
const CONCURRENCY = 25;
const KILL_AFTER = 150;
/** One sending time for both rounds: a resend must repeat the original exactly. */
const SENT_AT = new Date((Math.floor(Date.now() / 1000) - 60) * 1000).toISOString();

afterAll(killIntakeProcesses);

/** Sends every body, `CONCURRENCY` at a time; `onReply` sees each outcome as it lands. */
async function sendAll(port: number, ids: string[], onReply: (done: number) => void = () => {}): Promise<Map<string, IntakeOutcome>> {
  const outcomes = new Map<string, IntakeOutcome>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const i = Number(id.split('-')[1]);
      const recipient = i % 3 === 0 ? { kind: 'none' } : { kind: 'person', email: 'sam@council.example' };
      const body = statementBody(id, { sentAt: SENT_AT, intendedRecipient: recipient, flags: { complaint: i % 5 === 0, safetyLink: false, unidentified: false } });
      outcomes.set(id, await postStatement(port, body));
      onReply(outcomes.size);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

describe('intake across a crash (kill -9) of the API process', () => {
  it('keeps every statement it acknowledged, exactly once, and a full resend after restart duplicates nothing', async () => {
    const file = tempDatabaseFile();
    try {
      await (await seededStore(file)).close();
      const ids = Array.from({ length: STATEMENTS }, (_, i) => `crash-${i}`);

      // 1. Send 500 statements, 25 at a time, and kill the server part-way.
      const first = await startIntakeProcess(file);
      let killed = false;
      const beforeCrash = await sendAll(first.port, ids, (done) => {
        if (!killed && done >= KILL_AFTER) {
          killed = true;
          process.kill(first.pid, 'SIGKILL');
        }
      });
      await first.exited;
      const acknowledged = [...beforeCrash].filter(([, o]) => isAcknowledged(o));
      const failed = [...beforeCrash].filter(([, o]) => o.status === 'failed');
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER - CONCURRENCY);
      expect(failed.length).toBeGreaterThan(0);
      expect([...beforeCrash.values()].every((o) => o.status === 'failed' || isAcknowledged(o))).toBe(true);

      // 2. Every acknowledged statement survived the crash, once, under the id it was given.
      const afterCrash = await openSqliteStore(file);
      const survivors = await afterCrash.statements.list({});
      await afterCrash.close();
      const byExternalId = new Map<string, string[]>();
      for (const s of survivors) byExternalId.set(s.externalId, [...(byExternalId.get(s.externalId) ?? []), s.id]);
      for (const [externalId, outcome] of acknowledged) {
        expect(byExternalId.get(externalId)).toEqual([(outcome as { statementId: string }).statementId]);
      }
      expect([...byExternalId.values()].every((list) => list.length === 1)).toBe(true);

      // 3. Restart on the same file and send everything again: nothing is created twice.
      const second = await startIntakeProcess(file);
      const resent = await sendAll(second.port, ids);
      process.kill(second.pid, 'SIGTERM');
      expect(await second.exited).toBe(0);

      const notStored = [...resent].filter(([, o]) => !isAcknowledged(o));
      expect({ notStored: notStored.slice(0, 3), stderr: notStored.length ? second.stderr().slice(-2000) : '' }).toEqual({ notStored: [], stderr: '' });
      for (const [externalId, outcome] of resent) {
        const before = beforeCrash.get(externalId);
        if (isAcknowledged(before)) expect(outcome).toEqual({ status: 200, statementId: before.statementId });
      }
      const store = await openSqliteStore(file);
      const all = await store.statements.list({});
      await store.close();
      expect(all).toHaveLength(STATEMENTS);
      expect(new Set(all.map((s) => s.externalId)).size).toBe(STATEMENTS);
      expect(new Set(all.map((s) => s.id))).toEqual(new Set([...resent.values()].map((o) => (o as { statementId: string }).statementId)));
    } finally {
      removeTempDir(file);
    }
  }, 30_000);
});
