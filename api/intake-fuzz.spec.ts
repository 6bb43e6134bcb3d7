import fc from 'fast-check';
import { parseInstant } from '../standards';
import { signIntake } from './intake-signature';
import { INTAKE_SECRET, MONDAY_10AM, allStatements, caseEventBody, startApi, statementBody, type RunningApi } from '../test/test-council.fixture';

/**
 * Correctly signed but malformed bodies, generated: whatever arrives, the sender gets a
 * 4xx with a code and a message — never a 5xx — and nothing is stored.
 */

const RUNS = 300;
const TIME_LIMIT_MS = 20_000;

let api: RunningApi;
let before: number;
let counter = 0;

beforeAll(async () => {
  api = await startApi({ maxPdfBytes: 64 * 1024 });
  before = (await allStatements(api.store)).length;
});

afterAll(async () => {
  await api.close();
});

type Body = Record<string, unknown>;
type Mutation = { describe: string; apply: (body: Body) => void };

/** Sets (or deletes) a value at `a.b` (or at exactly the keys given), only where the parent is still an object. */
function at(body: Body, path: string | string[], change: (parent: Record<string, unknown>, key: string) => void): void {
  const keys = typeof path === 'string' ? path.split('.') : path;
  let parent: unknown = body;
  for (const k of keys.slice(0, -1)) parent = (parent as Record<string, unknown>)[k];
  if (typeof parent === 'object' && parent !== null && !Array.isArray(parent)) change(parent as Record<string, unknown>, keys[keys.length - 1]);
}
const set = (path: string | string[], value: unknown): Mutation => ({
  describe: `${JSON.stringify(path)} := ${JSON.stringify(value)?.slice(0, 60)}`,
  // defineProperty, so that a key like "__proto__" becomes a real field of the JSON.
  apply: (b) => at(b, path, (p, k) => Object.defineProperty(p, k, { value, enumerable: true, configurable: true, writable: true })),
});
const remove = (path: string): Mutation => ({ describe: `delete ${path}`, apply: (b) => at(b, path, (p, k) => delete p[k]) });

const STRING_PATHS = ['externalId', 'sentAt', 'type', 'pdf', 'child.reference', 'child.initials', 'intendedRecipient.email', 'intendedRecipient.kind'];
const OBJECT_PATHS = ['child', 'flags', 'intendedRecipient'];
const FLAG_PATHS = ['flags.complaint', 'flags.safetyLink', 'flags.unidentified'];
const ALL_PATHS = [...STRING_PATHS, ...OBJECT_PATHS, ...FLAG_PATHS];
const KNOWN_KEYS: Record<string, string[]> = {
  '': ['externalId', 'sentAt', 'child', 'type', 'intendedRecipient', 'flags', 'pdf'],
  child: ['reference', 'initials'],
  flags: ['complaint', 'safetyLink', 'unidentified'],
  intendedRecipient: ['kind', 'email'],
};
/** Longest valid length of each text field: one more is always wrong (the PDF: any repeated unit is not one). */
const MAX_LENGTH: Record<string, number> = {
  externalId: 128,
  sentAt: 40,
  type: 64,
  pdf: 0,
  'child.reference': 64,
  'child.initials': 8,
  'intendedRecipient.email': 254,
  'intendedRecipient.kind': 18,
};

const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);
const notObject = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 20 }), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }));
const notBoolean = fc.oneof(fc.integer(), fc.constant(null), fc.constantFrom('true', 'false', 'yes', ''), fc.array(fc.boolean(), { maxLength: 2 }));

const isInstant = (s: string) => {
  try {
    parseInstant(s);
    return true;
  } catch {
    return false;
  }
};
const YEAR = 366 * 24 * 3600;
const badDate = fc.oneof(
  fc.string({ maxLength: 30 }).filter((s) => !isInstant(s)),
  // The right shape, an impossible date or time.
  fc
    .tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, mo, d, h]) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`)
    .filter((s) => !isInstant(s)),
  // A real instant without its offset.
  fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-11-23T09:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
  // A real instant too far ahead or too long ago.
  fc
    .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => Math.floor(d.getTime() / 1000))
    .filter((t) => t > MONDAY_10AM + 300 || t < MONDAY_10AM - YEAR)
    .map((t) => new Date(t * 1000).toISOString()),
);
const badBase64 = fc.oneof(
  fc.string({ maxLength: 200 }).filter((s) => s.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(s) || s === ''),
  fc.uint8Array({ maxLength: 300 }).filter((b) => Buffer.from(b).subarray(0, 5).toString('latin1') !== '%PDF-').map((b) => Buffer.from(b).toString('base64')),
  fc.constant('%PDF-1.4'),
  fc.uint8Array({ minLength: 1, maxLength: 100 }).map((b) => Buffer.concat([Buffer.from('%PDF-'), Buffer.from(b)]).toString('base64url')).filter((s) => /[-_]/.test(s) || s.length % 4 !== 0),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...ALL_PATHS).map(remove),
  fc.tuple(fc.constantFrom(...STRING_PATHS), notString).map(([p, v]) => set(p, v)),
  fc.tuple(fc.constantFrom(...OBJECT_PATHS), notObject).map(([p, v]) => set(p, v)),
  fc.tuple(fc.constantFrom(...FLAG_PATHS), notBoolean).map(([p, v]) => set(p, v)),
  // Huge strings, one past the limit up to 200 000 characters, of a short unit repeated
  // ("a-a-a-…" is what makes a careless pattern exhaust the regular-expression stack).
  fc
    .tuple(
      fc.constantFrom(...STRING_PATHS),
      fc.integer({ min: 1, max: 200_000 }),
      fc.oneof(fc.constantFrom('a', 'A', '-', 'a-', 'a.', 'é', ' ', '@', 'AAAA'), fc.string({ minLength: 1, maxLength: 3 })),
    )
    .map(([p, extra, unit]) => set(p, unit.repeat(Math.ceil((MAX_LENGTH[p] + extra) / unit.length)))),
  badDate.map((d) => set('sentAt', d)),
  badBase64.map((b) => set('pdf', b)),
  // Five letters or more, or any small letter: a name, never initials.
  fc.stringMatching(/^(?:[A-Za-z]{5,12}|[A-Z]{0,2}[a-z][A-Za-z]{0,2})$/).map((i) => set('child.initials', i)),
  fc.string({ maxLength: 20 }).filter((k) => !['person', 'complaints-officer', 'none'].includes(k)).map((k) => set('intendedRecipient.kind', k)),
  fc.string({ maxLength: 40 }).filter((e) => !e.includes('@')).map((e) => set('intendedRecipient.email', e)),
  // Extra fields, at the top or inside an object (including "__proto__" and "constructor").
  fc
    .tuple(
      fc.constantFrom('', 'child', 'flags', 'intendedRecipient'),
      fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'childName', 'name')),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .filter(([where, key]) => !KNOWN_KEYS[where].includes(key))
    // Keys may hold dots: the path is given as keys, not split.
    .map(([where, key, value]) => set(where ? [where, key] : [key], value)),
);

const malformedStatement = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
  const body = structuredClone(statementBody(`fuzz-${++counter}`)) as Body;
  for (const m of mutations) m.apply(body);
  return { text: JSON.stringify(body), externalId: body.externalId, mutations: mutations.map((m) => m.describe) };
});

async function postSigned(body: string | Buffer, route = '/api/statements'): Promise<{ status: number; json: { error?: { code?: unknown; message?: unknown } } }> {
  const res = await fetch(`${api.baseUrl}${route}`, {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-Heard-Timestamp': String(api.clock.now),
      'X-Heard-Signature': signIntake({ secret: INTAKE_SECRET, timestamp: api.clock.now, body }),
    },
  });
  return { status: res.status, json: (await res.json()) as { error?: { code?: unknown; message?: unknown } } };
}

function expectRefused(reply: { status: number; json: { error?: { code?: unknown; message?: unknown } } }, what: unknown): void {
  if (reply.status < 400 || reply.status > 499 || typeof reply.json.error?.code !== 'string' || typeof reply.json.error.message !== 'string') {
    throw new Error(`expected a 4xx with a code and a message for ${JSON.stringify(what).slice(0, 400)}, got ${reply.status} ${JSON.stringify(reply.json)}`);
  }
  expect(reply.json.error.message.length).toBeGreaterThan(0);
}

describe('fuzzing the intake with correctly signed, malformed statements', () => {
  it(`refuses each of ${RUNS} mutated statements with a 4xx and a message, storing none`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformedStatement, async ({ text, externalId, mutations }) => {
        const reply = await postSigned(text);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        expectRefused(reply, mutations);
        if (typeof externalId === 'string') expect(await api.store.statements.getByExternalId(externalId)).toBeNull();
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
    // Every kind of refusal was reached, not just the first check.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 413]));
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(RUNS / 2);
  }, 60_000);

  it('refuses random JSON values and random bytes the same way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        ),
        async (body) => expectRefused(await postSigned(body), typeof body === 'string' ? body : body.toString('hex')),
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  }, 60_000);

  it('stored nothing and logged no unexpected error', async () => {
    expect(await allStatements(api.store)).toHaveLength(before);
    expect(api.logs.filter((l) => l.event === 'unexpected-error')).toEqual([]);
  });
});

/**
 * The same for case events: a signed but malformed event is refused with a 4xx naming
 * it, never a 5xx, and nothing of it is stored; in a batch, each bad event is refused by
 * its index while the good ones are received.
 */
const EVENT_STRING_PATHS = ['eventId', 'source', 'caseRef', 'childInitials', 'type', 'occurredAt'];
const EVENT_KNOWN_KEYS = ['eventId', 'source', 'caseRef', 'childInitials', 'subject', 'type', 'occurredAt', 'scheduledFor', 'by', 'details', 'supersedes'];
const EVENT_MAX_LENGTH: Record<string, number> = { eventId: 128, source: 64, caseRef: 64, childInitials: 12, type: 64, occurredAt: 40 };

/** Not a time an event can have happened: unreadable, impossible, without an offset, in the future, or before the calendar's years. */
const eventBadDate = fc.oneof(
  fc.string({ maxLength: 30 }).filter((s) => !isInstant(s) && !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-11-23T09:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
  fc.date({ min: new Date('2026-11-23T10:06:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2023-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-11-31'),
);

const malformedEventMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...EVENT_STRING_PATHS).map(remove),
  fc.tuple(fc.constantFrom(...EVENT_STRING_PATHS), notString).map(([p, v]) => set(p, v)),
  fc
    .tuple(fc.constantFrom(...EVENT_STRING_PATHS), fc.integer({ min: 1, max: 200_000 }), fc.constantFrom('a', 'A', '-', 'a-', 'a.', 'é', ' ', '@', 'AAAA'))
    .map(([p, extra, unit]) => set(p, unit.repeat(Math.ceil((EVENT_MAX_LENGTH[p] + extra) / unit.length)))),
  eventBadDate.map((d) => set('occurredAt', d)),
  fc.string({ maxLength: 20 }).filter((t) => !/^[a-z]+(-[a-z]+)*$/.test(t) || t.length < 3).map((t) => set('type', t)),
  fc.constantFrom('birthday', 'case-opened', 'statement-sent', 'statement-opened', 'not-a-type').map((t) => set('type', t)),
  fc.stringMatching(/^[A-Za-z]{5,12}$/).map((i) => set('childInitials', i)),
  notObject.filter((v) => v !== null).map((v) => set('details', v)),
  fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z]{0,10}$/), fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 2 }), { minKeys: 1, maxKeys: 3 }).map((d) => set('details', d)),
  fc.array(fc.string({ maxLength: 3 }), { minLength: 21, maxLength: 30 }).map((list) => set(['details', 'kind'], list)),
  fc.constantFrom('sam at council', '@council.example', 'sam@').map((v) => set('subject', v)),
  fc
    .tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'childName', 'name', 'dob')), fc.jsonValue({ maxDepth: 2 }))
    .filter(([key]) => !EVENT_KNOWN_KEYS.includes(key))
    .map(([key, value]) => set([key], value)),
);

const malformedEvent = fc.array(malformedEventMutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
  const body = structuredClone(caseEventBody(`fuzz-event-${++counter}`, { caseRef: `C-FUZZ-${counter}` })) as Body;
  for (const m of mutations) m.apply(body);
  return { body, mutations: mutations.map((m) => m.describe) };
});

describe('fuzzing the case-event intake with correctly signed, malformed events', () => {
  it(`refuses each of ${RUNS} mutated events with a 4xx and a message, storing none`, async () => {
    await fc.assert(
      fc.asyncProperty(malformedEvent, async ({ body, mutations }) => {
        const reply = await postSigned(JSON.stringify(body), '/api/case-events');
        expectRefused(reply, mutations);
        if (typeof body.eventId === 'string' && typeof body.source === 'string') {
          expect(await api.store.caseEvents.get(body.source.toLowerCase(), body.eventId)).toBeNull();
        }
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  }, 60_000);

  it('answers a batch of good and malformed events event by event: the bad refused by index and not stored, the good received', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(malformedEvent, fc.constant(null)), { minLength: 1, maxLength: 12 }), async (items) => {
        const events = items.map((item) => item?.body ?? caseEventBody(`fuzz-good-${++counter}`, { caseRef: `C-FUZZ-${counter}` }));
        const res = await fetch(`${api.baseUrl}/api/case-events`, {
          method: 'POST',
          body: JSON.stringify(events),
          headers: { 'Content-Type': 'application/json', 'X-Heard-Timestamp': String(api.clock.now), 'X-Heard-Signature': signIntake({ secret: INTAKE_SECRET, timestamp: api.clock.now, body: JSON.stringify(events) }) },
        });
        expect([200, 207, 400]).toContain(res.status);
        const json = (await res.json()) as { results?: { index: number; status: string }[]; error?: { results?: { index: number; status: string }[] } };
        const results = json.results ?? json.error?.results ?? [];
        expect(results.map((r) => r.index)).toEqual(events.map((_, i) => i));
        for (const [i, item] of items.entries()) {
          const eventId = events[i].eventId;
          const stored = typeof eventId === 'string' ? await api.store.caseEvents.get('liquidlogic', eventId) : null;
          if (item === null) {
            expect(results[i].status).toBe('imported');
            expect(stored).not.toBeNull();
          } else {
            expect(results[i].status).toBe('refused');
            if (events[i].source === 'liquidlogic') expect(stored).toBeNull();
          }
        }
      }),
      { numRuns: 60, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  }, 60_000);

  it('refuses random JSON values and random bytes the same way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        ),
        async (body) => expectRefused(await postSigned(body, '/api/case-events'), typeof body === 'string' ? body : body.toString('hex')),
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  }, 60_000);

  it('logged no unexpected error', () => {
    expect(api.logs.filter((l) => l.event === 'unexpected-error')).toEqual([]);
  });
});
