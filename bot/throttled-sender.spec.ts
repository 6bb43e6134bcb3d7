// The connector's own error type, imported to pin the shape statusOf/retryAfterMsOf read:
// botframework-connector throws it, so a botbuilder upgrade that changes it fails here.
import { RestError, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { Activity } from 'botbuilder';
import { statusOf, type ProactiveSender, type SendOutcome } from './proactive-sender';
import type { RateWindow } from './sliding-window-limiter';
import { CONVERSATION_RATE_WINDOWS, SendFailedError, TENANT_RATE_WINDOWS, ThrottledSender, retryAfterMsOf, type ThrottledSenderOptions } from './throttled-sender';

/**
 * Virtual time: `sleep` parks a timer; `run` lets every ready promise settle, then jumps
 * the clock to the earliest timer, until the work under test is done. Nothing waits for
 * real, and time moves only when everything is waiting.
 */
class FakeClock {
  now = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;

  sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      this.timers.push({ at: this.now + Math.max(0, ms), seq: (this.seq += 1), resolve });
    });

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled) return work;
      if (this.timers.length === 0) throw new Error('the work is stuck: nothing is waiting on the clock');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.now = next.at;
      next.resolve();
    }
  }
}

type Call = { kind: 'send' | 'update'; to: string; text: string; at: number };
type Reply = SendOutcome | Error;

/** Stands in for BotFrameworkSender: records each HTTP attempt and answers from a script. */
class RecordingSender implements ProactiveSender {
  readonly calls: Call[] = [];
  constructor(
    private readonly clock: FakeClock,
    private readonly reply: (call: Call, attempt: number) => Reply = () => ({ ok: true, activityId: 'a' }),
  ) {}

  async send(to: string, activity: Partial<Activity>): Promise<SendOutcome> {
    return this.answer({ kind: 'send', to, text: activity.text ?? '', at: this.clock.now });
  }

  async update(to: string, _activityId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    return this.answer({ kind: 'update', to, text: activity.text ?? '', at: this.clock.now });
  }

  private answer(call: Call): SendOutcome {
    this.calls.push(call);
    const attempt = this.calls.filter((c) => c.to === call.to && c.text === call.text).length;
    const reply = this.reply(call, attempt);
    if (reply instanceof Error) throw reply;
    return reply;
  }
}

/** What the connector throws for an HTTP failure (core-rest-pipeline's RestError). */
function httpError(status: number, headers: Record<string, string> = {}): RestError {
  const request = createPipelineRequest({ url: 'https://smba.trafficmanager.net/uk/v3/conversations/a:1/activities' });
  return new RestError(`HTTP ${status}`, { statusCode: status, request, response: { status, headers: createHttpHeaders(headers), request } });
}

function socketError(): RestError {
  return new RestError('read ECONNRESET', { code: 'ECONNRESET' });
}

function text(t: string): Partial<Activity> {
  return { type: 'message', text: t };
}

function setUp(reply?: (call: Call, attempt: number) => Reply, options: ThrottledSenderOptions = {}) {
  const clock = new FakeClock();
  const inner = new RecordingSender(clock, reply);
  const sender = new ThrottledSender(inner, { now: () => clock.now, sleep: clock.sleep, random: () => 0, ...options });
  return { clock, inner, sender };
}

/** The most sends found in any window of `windowMs` starting at a send (that is where a maximum lies). */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (j < sorted.length && sorted[j] < sorted[i] + windowMs) j += 1;
    most = Math.max(most, j - i);
  }
  return most;
}

function expectWithin(times: number[], windows: readonly RateWindow[]): void {
  for (const { limit, windowMs } of windows) {
    expect(busiestWindow(times, windowMs)).toBeLessThanOrEqual(limit);
  }
}

describe('ThrottledSender: Teams rate limits', () => {
  it('sends 100 nudges to one person without ever going over 7 a second, 8 in 2 s or 60 in 30 s', async () => {
    const { clock, inner, sender } = setUp();
    const sends = Array.from({ length: 100 }, (_, i) => sender.send('person-1', text(`nudge ${i}`)));
    await clock.run(Promise.all(sends));

    const times = inner.calls.map((c) => c.at);
    expect(times).toHaveLength(100);
    expectWithin(times, CONVERSATION_RATE_WINDOWS);
    expect(busiestWindow(times, 1_000)).toBe(7); // and it does not hold back more than it must
    expect(busiestWindow(times, 30_000)).toBe(60);
  });

  it('sends 200 nudges to 10 people without going over 50 a second for the tenant, or any person over theirs', async () => {
    const { clock, inner, sender } = setUp();
    const people = Array.from({ length: 10 }, (_, i) => `person-${i}`);
    const sends = Array.from({ length: 200 }, (_, i) => sender.send(people[i % 10], text(`nudge ${i}`)));
    await clock.run(Promise.all(sends));

    expect(inner.calls).toHaveLength(200);
    expectWithin(
      inner.calls.map((c) => c.at),
      TENANT_RATE_WINDOWS,
    );
    for (const person of people) {
      expectWithin(
        inner.calls.filter((c) => c.to === person).map((c) => c.at),
        CONVERSATION_RATE_WINDOWS,
      );
    }
  });

  it('a tenant window crowded by many people still lets each through in turn', async () => {
    const { clock, inner, sender } = setUp(undefined, { tenantWindows: [{ limit: 3, windowMs: 1_000 }] });
    const sends = Array.from({ length: 9 }, (_, i) => sender.send(`person-${i}`, text('digest')));
    await clock.run(Promise.all(sends));
    expect(inner.calls.map((c) => c.at)).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000, 2_000, 2_000]);
  });

  it('a person without Heard installed takes no slot: nothing was sent, so 100 cards for them wait for nothing, nor does the next real send', async () => {
    let installed = false;
    const { clock, inner, sender } = setUp(() => (installed ? { ok: true, activityId: 'a' } : { ok: false, reason: 'not-installed' }));
    const outcomes = await clock.run(Promise.all(Array.from({ length: 100 }, (_, i) => sender.send('person-1', text(`card ${i}`)))));
    expect(outcomes.every((o) => !o.ok && o.reason === 'not-installed')).toBe(true);
    expect(Math.max(...inner.calls.map((c) => c.at))).toBe(0);
    // Heard is installed now: the first seven go out at once, as for a chat nothing was sent to.
    installed = true;
    await clock.run(Promise.all(Array.from({ length: 8 }, (_, i) => sender.send('person-1', text(`nudge ${i}`)))));
    const real = inner.calls.filter((c) => c.text.startsWith('nudge')).map((c) => c.at);
    expect(real.filter((at) => at === 0)).toHaveLength(7);
    expectWithin(real, CONVERSATION_RATE_WINDOWS);
  });

  it('a chat Teams refused (403) still counts: the request was made', async () => {
    const { clock, inner, sender } = setUp(() => ({ ok: false, reason: 'forbidden' }));
    await clock.run(Promise.all(Array.from({ length: 20 }, (_, i) => sender.send('person-1', text(`card ${i}`)))));
    expectWithin(
      inner.calls.map((c) => c.at),
      CONVERSATION_RATE_WINDOWS,
    );
    expect(Math.max(...inner.calls.map((c) => c.at))).toBeGreaterThan(0);
  });

  it("does not hold up one person's nudge behind another person's busy chat", async () => {
    const { clock, inner, sender } = setUp();
    const busy = Array.from({ length: 30 }, (_, i) => sender.send('busy', text(`nudge ${i}`)));
    const other = sender.send('quiet', text('your statement is due'));
    await clock.run(Promise.all([...busy, other]));

    const quiet = inner.calls.find((c) => c.to === 'quiet')!;
    expect(quiet.at).toBe(0);
    // It went out between the busy person's messages, not after all 30 of them.
    const quietIndex = inner.calls.indexOf(quiet);
    expect(inner.calls.slice(quietIndex + 1).some((c) => c.to === 'busy')).toBe(true);
    expect(Math.max(...inner.calls.filter((c) => c.to === 'busy').map((c) => c.at))).toBeGreaterThan(0);
  });

  it("keeps each person's messages in the order they were asked for, even when one is retried", async () => {
    const { clock, inner, sender } = setUp((call, attempt) => (call.text === 'p1 #2' && attempt === 1 ? httpError(503) : { ok: true, activityId: call.text }));
    const sends: Promise<SendOutcome>[] = [];
    for (let i = 0; i < 20; i += 1) {
      sends.push(sender.send('p1', text(`p1 #${i}`)));
      sends.push(sender.send('p2', text(`p2 #${i}`)));
    }
    await clock.run(Promise.all(sends));

    for (const person of ['p1', 'p2']) {
      const delivered = inner.calls.filter((c) => c.to === person).map((c) => c.text);
      const unique = delivered.filter((t, i) => delivered.indexOf(t) === i);
      expect(unique).toEqual(Array.from({ length: 20 }, (_, i) => `${person} #${i}`));
    }
    // The retried message went out again before the next one did.
    const p1 = inner.calls.filter((c) => c.to === 'p1').map((c) => c.text);
    expect(p1.slice(0, 5)).toEqual(['p1 #0', 'p1 #1', 'p1 #2', 'p1 #2', 'p1 #3']);
  });

  it('paces updates to a card like sends, in the same windows', async () => {
    const { clock, inner, sender } = setUp();
    const work = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? sender.send('p1', text(`m${i}`)) : sender.update('p1', 'act-1', text(`m${i}`))));
    await clock.run(Promise.all(work));
    expect(inner.calls.filter((c) => c.kind === 'update')).toHaveLength(5);
    expect(inner.calls.filter((c) => c.at === 0)).toHaveLength(7);
  });
});

describe('ThrottledSender: retries', () => {
  it('waits at least the 3 s a 429 asks for in Retry-After before trying again', async () => {
    const { clock, inner, sender } = setUp((_, attempt) => (attempt === 1 ? httpError(429, { 'Retry-After': '3' }) : { ok: true, activityId: 'a2' }));
    const outcome = await clock.run(sender.send('p1', text('nudge')));

    expect(outcome).toEqual({ ok: true, activityId: 'a2' });
    expect(inner.calls).toHaveLength(2);
    expect(inner.calls[1].at - inner.calls[0].at).toBeGreaterThanOrEqual(3_000);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const start = Date.parse('2026-03-02T09:00:00Z');
    const clock = new FakeClock();
    clock.now = start;
    const inner = new RecordingSender(clock, (_, attempt) => (attempt === 1 ? httpError(429, { 'retry-after': 'Mon, 02 Mar 2026 09:00:10 GMT' }) : { ok: true, activityId: 'a' }));
    const sender = new ThrottledSender(inner, { now: () => clock.now, sleep: clock.sleep, random: () => 0 });
    await clock.run(sender.send('p1', text('nudge')));
    expect(inner.calls[1].at - start).toBeGreaterThanOrEqual(10_000);
  });

  it.each([412, 503])('retries a %i with growing delays until it goes through', async (status) => {
    const { clock, inner, sender } = setUp((_, attempt) => (attempt < 5 ? httpError(status) : { ok: true, activityId: 'a5' }), { random: () => 0.99 });
    const outcome = await clock.run(sender.send('p1', text('nudge')));

    expect(outcome).toEqual({ ok: true, activityId: 'a5' });
    const gaps = inner.calls.slice(1).map((c, i) => c.at - inner.calls[i].at);
    expect(gaps).toHaveLength(4);
    for (let i = 1; i < gaps.length; i += 1) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
    expect(gaps[0]).toBeGreaterThanOrEqual(1_000);
  });

  it('retries when the network fails with no HTTP status', async () => {
    const { clock, inner, sender } = setUp((_, attempt) => (attempt === 1 ? socketError() : { ok: true, activityId: 'a' }));
    await expect(clock.run(sender.send('p1', text('nudge')))).resolves.toEqual({ ok: true, activityId: 'a' });
    expect(inner.calls).toHaveLength(2);
  });

  it('caps the backoff at maxDelayMs', async () => {
    const { clock, inner, sender } = setUp(() => httpError(502), { maxDelayMs: 2_500 });
    await expect(clock.run(sender.send('p1', text('nudge')))).rejects.toBeInstanceOf(SendFailedError);
    const gaps = inner.calls.slice(1).map((c, i) => c.at - inner.calls[i].at);
    expect(gaps).toEqual([1_000, 2_000, 2_500, 2_500]);
  });

  it.each([
    [{ ok: false, reason: 'forbidden' } as const],
    [{ ok: false, reason: 'conversation-gone' } as const],
    [{ ok: false, reason: 'not-installed' } as const],
  ])('reports %j (403/404: the person cannot be reached) as it is, without retrying', async (undelivered) => {
    const { clock, inner, sender } = setUp(() => undelivered);
    await expect(clock.run(sender.send('p1', text('nudge')))).resolves.toEqual(undelivered);
    await expect(clock.run(sender.update('p1', 'act-1', text('nudge')))).resolves.toEqual(undelivered);
    expect(inner.calls).toHaveLength(2);
  });

  it('gives up at once on a 400: retrying a bad request cannot fix it', async () => {
    const cause = httpError(400);
    const { clock, inner, sender } = setUp(() => cause);
    const failure = await clock.run(sender.send('p1', text('nudge'))).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(SendFailedError);
    expect(failure).toMatchObject({ code: 'SEND_FAILED', status: 400, attempts: 1, cause });
    expect(inner.calls).toHaveLength(1);
  });

  it('throws SendFailedError with the last status and the number of tries once the attempts run out', async () => {
    const { clock, inner, sender } = setUp((_, attempt) => httpError(attempt < 3 ? 429 : 503), { maxAttempts: 3 });
    const failure = await clock.run(sender.send('p1', text('nudge'))).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(SendFailedError);
    expect(failure).toMatchObject({ status: 503, attempts: 3 });
    expect((failure as Error).message).not.toContain('p1');
    expect(inner.calls).toHaveLength(3);
  });

  it('gives up after 5 tries by default', async () => {
    const { clock, inner, sender } = setUp(() => httpError(500));
    await expect(clock.run(sender.send('p1', text('nudge')))).rejects.toMatchObject({ attempts: 5, status: 500 });
    expect(inner.calls).toHaveLength(5);
  });

  it('a failed message does not stop the next one to the same person', async () => {
    const { clock, inner, sender } = setUp((call) => (call.text === 'bad' ? httpError(400) : { ok: true, activityId: 'a' }));
    const bad = sender.send('p1', text('bad')).catch((e: unknown) => e);
    const good = sender.send('p1', text('good'));
    const [failure, outcome] = await clock.run(Promise.all([bad, good]));
    expect(failure).toBeInstanceOf(SendFailedError);
    expect(outcome).toEqual({ ok: true, activityId: 'a' });
    expect(inner.calls.map((c) => c.text)).toEqual(['bad', 'good']);
  });
});

describe('ThrottledSender.sendOnce', () => {
  it('claims the send after the rate-limit wait, right before the first attempt, and never again on retries', async () => {
    const events: string[] = [];
    const { clock, inner, sender } = setUp((call, attempt) => {
      events.push(`${call.text} attempt ${attempt} at ${call.at}`);
      return call.text === 'nudge' && attempt === 1 ? httpError(503) : { ok: true, activityId: 'a' };
    });
    // Seven messages already fill this second for p1, so the nudge must wait for the next.
    const earlier = Array.from({ length: 7 }, (_, i) => sender.send('p1', text(`m${i}`)));
    const dispatch = jest.fn(async () => {
      events.push(`dispatch at ${clock.now}`);
      return true;
    });
    const once = sender.sendOnce('p1', text('nudge'), dispatch);
    const [outcome] = await clock.run(Promise.all([once, ...earlier]));

    expect(outcome).toEqual({ ok: true, activityId: 'a' });
    expect(dispatch).toHaveBeenCalledTimes(1);
    const nudgeEvents = events.filter((e) => !e.startsWith('m'));
    expect(nudgeEvents[0]).toBe('dispatch at 1000');
    expect(nudgeEvents[1]).toBe('nudge attempt 1 at 1000');
    expect(nudgeEvents[2]).toMatch(/^nudge attempt 2 at \d+$/);
    expect(inner.calls.filter((c) => c.text === 'nudge')).toHaveLength(2);
  });

  it("sends nothing and answers 'not-dispatched' when the claim is refused (already sent elsewhere)", async () => {
    const { clock, inner, sender } = setUp();
    const outcome = await clock.run(sender.sendOnce('p1', text('nudge'), async () => false));
    expect(outcome).toBe('not-dispatched');
    expect(inner.calls).toHaveLength(0);
  });

  it('sends nothing when claiming fails, and the error reaches the caller', async () => {
    const { clock, inner, sender } = setUp();
    const failure = new Error('store unavailable');
    await expect(clock.run(sender.sendOnce('p1', text('nudge'), () => Promise.reject(failure)))).rejects.toBe(failure);
    expect(inner.calls).toHaveLength(0);
  });
});

describe('reading the connector error', () => {
  it('finds the status of the RestError botframework-connector throws', () => {
    expect(statusOf(httpError(429))).toBe(429);
    expect(statusOf(socketError())).toBeNull();
  });

  it('reads Retry-After in seconds, as an HTTP date, or not at all', () => {
    expect(retryAfterMsOf(httpError(429, { 'Retry-After': '3' }), 0)).toBe(3_000);
    expect(retryAfterMsOf(httpError(429, { 'Retry-After': '1.5' }), 0)).toBe(1_500);
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(retryAfterMsOf(httpError(503, { 'Retry-After': 'Mon, 02 Mar 2026 09:00:05 GMT' }), now)).toBe(5_000);
    expect(retryAfterMsOf(httpError(503, { 'Retry-After': 'Mon, 02 Mar 2026 08:59:00 GMT' }), now)).toBe(0);
    expect(retryAfterMsOf(httpError(503, { 'Retry-After': 'soon' }), now)).toBeNull();
    expect(retryAfterMsOf(httpError(503), now)).toBeNull();
    expect(retryAfterMsOf(socketError(), now)).toBeNull();
    expect(retryAfterMsOf('not an error', now)).toBeNull();
  });

  it('reads a plain header object in any letter case (stubs, older clients)', () => {
    expect(retryAfterMsOf({ statusCode: 429, response: { headers: { 'RETRY-AFTER': '2' } } }, 0)).toBe(2_000);
  });
});
