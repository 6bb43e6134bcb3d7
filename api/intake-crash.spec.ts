import { parseCaseEvent } from '../domain/case-event-envelope';
import { CaseWorkService } from '../domain/case-work-service';
import type { Store } from '../domain/ports/store.port';
import { BUILT_IN_PACK_IDS, builtInVocabulary, compileCalendar, formatInstant, loadBuiltInStandards } from '../standards';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { isAcknowledged, killIntakeProcesses, postStatement, startIntakeProcess, type IntakeOutcome } from '../test/intake-process';
import { caseEventBody, removeTempDir, seededStore, signedHeaders, statementBody, tempDatabaseFile } from '../test/test-council.fixture';

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

/**
 * The same promise for case events: an event Heard answered 2xx for is stored after
 * `kill -9`, once, and no case is left half worked out — every case's obligations are
 * exactly what a fresh store gives for the same events.
 */
const CASES = 40;
const DAY = 86_400;

/** A child in care's last weeks: coming into care, a placement, visits, a review scheduled and held — in the past. */
function caseHistory(): Record<string, unknown>[] {
  const start = Math.floor(Date.now() / 1000) - 90 * DAY;
  const at = (days: number) => formatInstant(start + Math.round(days * DAY));
  const events: Record<string, unknown>[] = [];
  for (let c = 0; c < CASES; c++) {
    const caseRef = `C-CRASH-${c}`;
    const e = (k: number, type: string, days: number, details: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      events.push(caseEventBody(`crash-${c}-${k}`, { caseRef, type, occurredAt: at(days), details, ...extra }));
    e(0, 'case-allocated', 0, { role: 'social-worker', person: 'sam@council.example' });
    e(1, 'child-became-looked-after', 1, { legalStatus: 's20' });
    // Events of one case at the same instant apply in the order received: these are an hour apart, so arrival order cannot matter.
    e(2, 'placement-started', 1 + 1 / 24, { type: 'foster', firstOfEpisode: true });
    e(3, 'meeting-scheduled', 2, { type: 'cic-review', meetingId: `${caseRef}-R1` }, { scheduledFor: at(20) });
    e(4, 'visit-completed', 6, { kind: 'cic' });
    e(5, 'document-shared', 10, { document: 'review-report', with: 'iro' });
    e(6, 'review-held', 20, { type: 'cic', meetingId: `${caseRef}-R1` });
    e(7, 'visit-completed', 40 + (c % 10), { kind: 'cic' });
    e(8, 'case-allocated', 50, { role: 'social-worker', person: 'ali@council.example' });
    e(9, 'visit-completed', 80, { kind: 'cic' });
  }
  return events;
}

type EventOutcome = { status: number; result: string } | { status: 'failed' };

/** Sends each event alone, `CONCURRENCY` at a time, in an order that mixes the cases. */
async function sendEvents(port: number, events: Record<string, unknown>[], onReply: (done: number) => void = () => {}): Promise<Map<string, EventOutcome>> {
  const outcomes = new Map<string, EventOutcome>();
  const order = events.map((_, i) => i).sort((a, b) => (a % CASES) - (b % CASES) || a - b);
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const event = events[order[next++]];
      const text = JSON.stringify(event);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/case-events`, { method: 'POST', body: text, headers: signedHeaders(text, Math.floor(Date.now() / 1000)), signal: AbortSignal.timeout(10_000) });
        const json = (await res.json()) as { status?: string };
        outcomes.set(event.eventId as string, { status: res.status, result: json.status ?? '' });
      } catch {
        outcomes.set(event.eventId as string, { status: 'failed' });
      }
      onReply(outcomes.size);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

/** Every case's obligations as a comparable list: standard, occurrence and clock, no ids or nudges. */
async function clocksByCase(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (let c = 0; c < CASES; c++) {
    const kase = await store.cases.getByRef(`C-CRASH-${c}`);
    out[`C-CRASH-${c}`] = kase
      ? (await store.obligations.listForCase(kase.id)).map((o) => [o.occurrenceKey, o.ownerEmail, o.due, o.status, o.completedAt, o.closedAt, o.closedReason].join(' ')).sort()
      : [];
  }
  return out;
}

describe('case-event intake across a crash (kill -9) of the API process', () => {
  it('keeps every event it acknowledged, exactly once, leaves no case half worked out, and a full resend after restart duplicates nothing', async () => {
    const file = tempDatabaseFile();
    const events = caseHistory();
    try {
      await (await seededStore(file)).close();
      const first = await startIntakeProcess(file);
      let killed = false;
      const beforeCrash = await sendEvents(first.port, events, (done) => {
        if (!killed && done >= KILL_AFTER) {
          killed = true;
          process.kill(first.pid, 'SIGKILL');
        }
      });
      await first.exited;
      const acknowledged = [...beforeCrash].filter(([, o]) => typeof o.status === 'number' && o.status >= 200 && o.status < 300);
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER - CONCURRENCY);
      expect([...beforeCrash.values()].some((o) => o.status === 'failed')).toBe(true);

      const afterCrash = await openSqliteStore(file);
      for (const [eventId] of acknowledged) await expect(afterCrash.caseEvents.get('liquidlogic', eventId)).resolves.toMatchObject({ eventId });
      await afterCrash.close();

      const second = await startIntakeProcess(file);
      const resent = await sendEvents(second.port, events);
      process.kill(second.pid, 'SIGTERM');
      expect(await second.exited).toBe(0);
      const notStored = [...resent].filter(([, o]) => o.status === 'failed' || o.status >= 300);
      expect({ notStored: notStored.slice(0, 3), stderr: notStored.length ? second.stderr().slice(-2000) : '' }).toEqual({ notStored: [], stderr: '' });
      for (const [eventId] of acknowledged) expect(resent.get(eventId)).toEqual({ status: 200, result: 'unchanged' });

      // The same events into a fresh store, in order, with no crash: the clocks must be the same.
      const store = await openSqliteStore(file);
      const fresh = await openSqliteStore(':memory:');
      try {
        const year = new Date().getUTCFullYear();
        const calendar = compileCalendar({}, { from: year - 2, to: year + 5 });
        const now = Math.floor(Date.now() / 1000);
        const reference = new CaseWorkService({ store: fresh, standards: loadBuiltInStandards(), packs: new Set(BUILT_IN_PACK_IDS), calendar, now: () => now });
        await reference.receive(
          events.map((e) => {
            const parsed = parseCaseEvent(e, { vocabulary: builtInVocabulary(), calendar, now });
            if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
            return parsed.event;
          }),
          'api',
        );
        expect(await clocksByCase(store)).toEqual(await clocksByCase(fresh));
      } finally {
        await store.close();
        await fresh.close();
      }
    } finally {
      removeTempDir(file);
    }
  }, 60_000);
});
