import type { Activity } from 'botbuilder';
import { KeyedQueue } from './keyed-queue';
import { statusOf, type ProactiveSender, type SendOutcome } from './proactive-sender';
import { SlidingWindowLimiter, type RateWindow } from './sliding-window-limiter';

/**
 * Teams' limits for one bot in one conversation (here: a person's personal chat with
 * Heard), all of which hold at once. Source: Microsoft Learn, "Optimize your bot with rate
 * limiting in Teams" (per bot per thread: 7/1 s, 8/2 s, 60/30 s, 1800/3600 s).
 *
 * @example new ThrottledSender(inner, { conversationWindows: CONVERSATION_RATE_WINDOWS });
 */
export const CONVERSATION_RATE_WINDOWS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/**
 * Teams' limit for one bot across all conversations in a tenant (the same page:
 * 50 requests per second per tenant).
 *
 * @example expectWithin(arrivals, TENANT_RATE_WINDOWS);
 */
export const TENANT_RATE_WINDOWS: readonly RateWindow[] = [{ limit: 50, windowMs: 1_000 }];

/**
 * The share of the tenant's rate Heard allows itself. Teams counts a request when it
 * arrives; Heard counts each from when its answer came back (see `ThrottledSender.run`),
 * which is never earlier, but a request still in flight is counted from when its slot
 * was taken. Keeping 4% in hand covers those (`npm run bench broadcast` measures it at the
 * real limit: no 429).
 *
 * @example TENANT_SHARE; // 0.96
 */
export const TENANT_SHARE = 0.96;

/**
 * The tenant window Heard paces itself to for a tenant limit of `rps` requests per second.
 *
 * @example tenantWindowsFor(50); // [{ limit: 48, windowMs: 1000 }]
 */
export function tenantWindowsFor(rps: number): readonly RateWindow[] {
  return [{ limit: Math.max(1, Math.floor(rps * TENANT_SHARE)), windowMs: 1_000 }];
}

/** @example new ThrottledSender(inner, { maxAttempts: DEFAULT_MAX_ATTEMPTS }); */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** @example new ThrottledSender(inner, { baseDelayMs: DEFAULT_BASE_DELAY_MS }); */
export const DEFAULT_BASE_DELAY_MS = 1_000;
/** @example new ThrottledSender(inner, { maxDelayMs: DEFAULT_MAX_DELAY_MS }); */
export const DEFAULT_MAX_DELAY_MS = 60_000;

/**
 * How the sender paces and retries. Every field has a default; tests pass `now`,
 * `sleep` and `random` to run on a fake clock with no real waiting.
 *
 * @example
 * const options: ThrottledSenderOptions = { maxAttempts: 3, now: () => clock.now, sleep: (ms) => clock.sleep(ms) };
 */
export interface ThrottledSenderOptions {
  /** Per-conversation windows, all enforced. Default CONVERSATION_RATE_WINDOWS. */
  conversationWindows?: readonly RateWindow[];
  /** Windows over every send this sender makes. Default `tenantWindowsFor(50)`: Teams' tenant limit, with room in hand. */
  tenantWindows?: readonly RateWindow[];
  /** Tries in all, the first included. Default 5. */
  maxAttempts?: number;
  /** Backoff before the second try; it doubles each time. Default 1 s. */
  baseDelayMs?: number;
  /** Cap on the computed backoff (a longer Retry-After is still honoured). Default 60 s. */
  maxDelayMs?: number;
  /** Current time in ms. Default Date.now. */
  now?: () => number;
  /** Waits `ms`. Default a setTimeout promise. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter. Default Math.random. */
  random?: () => number;
  /** Told of each retry, with the status that caused it (null: a network error): for the metrics. */
  onRetry?: (status: number | null) => void;
}

/**
 * A send that kept failing with a retryable error (429, 412, 5xx, network) until the
 * attempts ran out, or failed at once with one that retrying cannot fix (400, 401 …).
 * Carries the last HTTP status (null for a network error) and how many tries were made;
 * the original error is its `cause`. The message has no personal data, so it can be
 * logged as it is.
 *
 * @example
 * try { await sender.send(id, activity); } catch (e) { if (e instanceof SendFailedError) log.warn(e.code, e.status, e.attempts); }
 */
export class SendFailedError extends Error {
  readonly code = 'SEND_FAILED';
  constructor(
    readonly status: number | null,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`proactive send failed after ${attempts} attempt${attempts === 1 ? '' : 's'} (status ${status ?? 'none'})`, { cause });
    this.name = 'SendFailedError';
  }
}

/**
 * How long the server asked us to wait, from a `Retry-After` header on the error's
 * response (delta seconds or an HTTP date, RFC 9110 §10.2.3), in ms from `nowMs`; null
 * when there is none or it cannot be read. Reads core-rest-pipeline's RestError
 * (`response.headers.get('retry-after')`, what botframework-connector 4.23 throws) and,
 * for stubs and older clients, a plain header object in any letter case.
 *
 * @example
 * retryAfterMsOf({ statusCode: 429, response: { headers: { 'Retry-After': '3' } } }, 0) // 3000
 * retryAfterMsOf(restError, Date.parse('Wed, 21 Oct 2026 07:28:00 GMT') - 5_000) // 5000 for that date
 */
export function retryAfterMsOf(error: unknown, nowMs: number): number | null {
  const raw = retryAfterHeaderOf(error);
  if (raw === null) return null;
  const value = raw.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1_000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

function retryAfterHeaderOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const response = (error as { response?: { headers?: unknown } }).response;
  const headers = response?.headers;
  if (typeof headers !== 'object' || headers === null) return null;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, 'retry-after');
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'retry-after') continue;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
  }
  return null;
}

/**
 * Worth trying again: throttling (429), 412 (the rate-limit page says 412, 502 and 504
 * must be retried as well as 429), any other server fault (5xx) or no response at all
 * (null: a socket error). 403/404 never get here as errors: the inner sender turns them
 * into outcomes.
 */
function isRetryable(status: number | null): boolean {
  return status === null || status === 429 || status === 412 || (status >= 500 && status <= 599);
}

const TENANT = 'tenant';

/** The claim of a send-once failed (its store, say): carried out of the retry loop as it is. */
class ClaimFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('claiming the send failed');
  }
}

/**
 * A send that had not left when the sender was closed (Heard shutting down): nothing was
 * sent, so the caller can leave the work for the next start or another instance.
 *
 * @example if (error instanceof SenderClosedError) return 'failed';
 */
export class SenderClosedError extends Error {
  readonly code = 'SENDER_CLOSED';
  constructor() {
    super('the proactive sender was closed before this message left');
    this.name = 'SenderClosedError';
  }
}

/**
 * The one sender every proactive message goes through: it paces sends to Teams' rate
 * limits (per conversation and per tenant, as sliding windows) and retries what Teams
 * asks to be retried, around an inner sender (BotFrameworkSender in production).
 *
 * Sends for one person run one at a time in the order they were asked for, retries
 * included, so a nudge never overtakes the one before it; sends for different people run
 * side by side and only share the tenant limit. The pacing is per process: several
 * Heard instances each keep their own count.
 *
 * Note the connector's own HTTP pipeline also retries some failures before they reach
 * this class (see BotFrameworkSender).
 *
 * @example
 * const sender = new ThrottledSender(new BotFrameworkSender(adapter, appId, store.conversations, now));
 * const outcome = await sender.send(person.aadObjectId, MessageFactory.text('Statement st_1 is due today'));
 * if (!outcome.ok) await reportUnreachable(person, outcome.reason);
 */
export class ThrottledSender implements ProactiveSender {
  private readonly queue = new KeyedQueue();
  private readonly conversations: SlidingWindowLimiter;
  private readonly tenant: SlidingWindowLimiter;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly onRetry: (status: number | null) => void;
  private closed = false;
  private signalClosed: () => void = () => undefined;
  private readonly whenClosed = new Promise<void>((resolve) => (this.signalClosed = resolve));

  constructor(
    private readonly inner: ProactiveSender,
    options: ThrottledSenderOptions = {},
  ) {
    this.conversations = new SlidingWindowLimiter(options.conversationWindows ?? CONVERSATION_RATE_WINDOWS);
    this.tenant = new SlidingWindowLimiter(options.tenantWindows ?? tenantWindowsFor(TENANT_RATE_WINDOWS[0].limit));
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number ≥ 1, got ${this.maxAttempts}`);
    this.baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
    this.maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.onRetry = options.onRetry ?? (() => undefined);
  }

  /**
   * Shutting down: every send still waiting — for a rate-limit slot, a retry, or its turn
   * behind the person's earlier messages — fails at once with {@link SenderClosedError}
   * without being sent; a request already on its way is left to finish.
   *
   * @example await Promise.race([heard.settled(), grace]); sender.close();
   */
  close(): void {
    this.closed = true;
    this.signalClosed();
  }

  /**
   * Sends a new message to the person's personal chat, paced and retried.
   *
   * @example const outcome = await sender.send(person.aadObjectId, MessageFactory.text('Hello'));
   */
  send(aadObjectId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    // Without a claim run() cannot answer 'not-dispatched'.
    return this.run(aadObjectId, () => this.inner.send(aadObjectId, activity), null) as Promise<SendOutcome>;
  }

  /**
   * Replaces a message already in the person's chat (a card that changed), paced and
   * retried; updates count against the same limits as sends.
   *
   * @example await sender.update(person.aadObjectId, outcome.activityId, MessageFactory.attachment(card));
   */
  update(aadObjectId: string, activityId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    return this.run(aadObjectId, () => this.inner.update(aadObjectId, activityId, activity), null) as Promise<SendOutcome>;
  }

  /**
   * Sends at most once: after any rate-limit wait and right before the first attempt goes
   * out, calls `dispatch` (once, never for retries); if it resolves false, nothing is
   * sent and 'not-dispatched' comes back. The scheduler records its idempotency key
   * there, as late as it can — an inner sender that can (BotFrameworkSender) calls it
   * right before the request, after reading the saved conversation — so a nudge that
   * waited behind others is not claimed long before it leaves, and is never sent twice.
   * The rate-limit slot is taken either way (it errs on the side of sending less). A
   * failure of `dispatch` itself reaches the caller, never retried as a failed send.
   *
   * @example
   * const outcome = await sender.sendOnce(person.aadObjectId, card, () => sent.claim(`nudge:${obligation.id}:${day}`));
   * if (outcome === 'not-dispatched') return; // another instance sent it
   */
  sendOnce(aadObjectId: string, activity: Partial<Activity>, dispatch: () => Promise<boolean>): Promise<SendOutcome | 'not-dispatched'> {
    const claim = async () => {
      try {
        return await dispatch();
      } catch (error) {
        throw new ClaimFailed(error);
      }
    };
    const inner = this.inner;
    const first = inner.sendDispatched
      ? () => inner.sendDispatched!(aadObjectId, activity, claim)
      : async () => ((await claim()) ? inner.send(aadObjectId, activity) : ('not-dispatched' as const));
    return this.run(aadObjectId, () => inner.send(aadObjectId, activity), first);
  }

  /**
   * Takes a slot (waiting for one), then tries; once the answer is in, the slot is counted
   * from that moment. Teams counts a request when it arrives, which is after the slot was
   * taken by however long reading the saved conversation, recording the key and connecting
   * took — longer for the first of a burst than for the rest — and before its answer: counted
   * from the answer, a later send can never be let go in a window where Teams still has this one.
   */
  private run(
    key: string,
    attempt: () => Promise<SendOutcome | 'not-dispatched'>,
    firstAttempt: (() => Promise<SendOutcome | 'not-dispatched'>) | null,
  ): Promise<SendOutcome | 'not-dispatched'> {
    // Queued per person so that waits and retries keep that person's order and never
    // block anyone else.
    return this.queue.run(key, async () => {
      for (let tries = 1; ; tries += 1) {
        const slot = await this.acquire(key);
        if (this.closed) throw new SenderClosedError();
        let answered: unknown;
        try {
          // 403/404 arrive here as { ok: false } outcomes and are returned as they are.
          // The first try of a send-once dispatches (records its key); retries never do.
          const outcome = tries === 1 && firstAttempt !== null ? await firstAttempt() : await attempt();
          // Not installed: the inner sender had no chat to send to and sent nothing (ProactiveSender's
          // contract), so Teams counted nothing either. Taking the slot anyway held a person's other
          // messages — and a shutdown waiting on them — behind sends that never happened.
          if (outcome !== 'not-dispatched' && !outcome.ok && outcome.reason === 'not-installed') this.giveBack(key, slot);
          else this.landed(key, slot);
          return outcome;
        } catch (error) {
          answered = error;
          this.landed(key, slot);
        }
        if (answered instanceof ClaimFailed) throw answered.cause;
        const status = statusOf(answered);
        if (!isRetryable(status) || tries >= this.maxAttempts) throw new SendFailedError(status, tries, answered);
        this.onRetry(status);
        await this.pause(this.delayBeforeRetry(tries, retryAfterMsOf(answered, this.now())));
      }
    });
  }

  /** A slot taken at `slot` for a request that never left. */
  private giveBack(key: string, slot: number): void {
    this.conversations.forget(key, slot);
    this.tenant.forget(TENANT, slot);
  }

  /** Counts the slot taken at `slot` from now, when the request's answer is in. */
  private landed(key: string, slot: number): void {
    const now = this.now();
    this.conversations.restamp(key, slot, now);
    this.tenant.restamp(TENANT, slot, now);
  }

  /** Waits until one more send fits both the person's windows and the tenant's, and takes the slot; when. */
  private async acquire(key: string): Promise<number> {
    for (;;) {
      if (this.closed) throw new SenderClosedError();
      const now = this.now();
      const wait = Math.max(this.conversations.waitMs(key, now), this.tenant.waitMs(TENANT, now));
      if (wait <= 0) {
        // Checked and taken in one synchronous step, so two people's sends racing for
        // the last tenant slot cannot both take it.
        this.conversations.record(key, now);
        this.tenant.record(TENANT, now);
        return now;
      }
      await this.pause(wait);
    }
  }

  /** Sleeps, cut short when the sender is closed. */
  private pause(ms: number): Promise<void> {
    return Promise.race([this.sleep(ms), this.whenClosed]);
  }

  /**
   * Exponential backoff with jitter: base × 2^(n-1), plus up to half again at random so
   * that many sends throttled at the same moment do not all come back at the same
   * moment. The jitter only adds, so each delay is longer than the one before until the
   * cap. A Retry-After from the server is a floor, even above the cap: retrying sooner
   * would only be throttled again.
   */
  private delayBeforeRetry(failedTries: number, retryAfterMs: number | null): number {
    const exponential = this.baseDelayMs * 2 ** (failedTries - 1);
    const backoff = Math.min(this.maxDelayMs, exponential * (1 + this.random() / 2));
    return Math.max(backoff, retryAfterMs ?? 0);
  }
}
