/**
 * A sliding-window rate limiter with several windows per key ("7 per 1 s and 60 per
 * 30 s") and a clock the caller passes in.
 *
 * Why hand-written when the guide says prefer libraries: Teams measures its limits as
 * sliding windows, so a burst that straddles a window boundary must still fit. The
 * well-known Node libraries do not give that:
 * - bottleneck: `reservoirRefreshInterval` resets a counter on a fixed interval (a fixed
 *   window: 7 at the end of one second plus 7 at the start of the next is 14 in one
 *   second), `reservoirIncrease*` and `minTime` are token-bucket or spacing; its local
 *   datastore reads `Date.now()` and runs its own `setInterval`, so it cannot be driven
 *   by a fake clock;
 * - rate-limiter-flexible: points per `duration` counted in fixed windows (its maintainer
 *   says there is no easy rolling window), clock read internally;
 * - limiter: a token bucket (it allows a full bucket at once and then the refill rate),
 *   clock read internally.
 * The algorithm itself is small: a send at `t` fits a window of `limit` per `w` ms exactly
 * when the `limit`-th most recent send was at least `w` ms before `t`. Keeping the last
 * `limit` send times per key (a log, not a counter) answers that in O(1) and says how long
 * to wait, with no timers of its own, so tests can drive it with a fake clock.
 *
 * @example
 * const limiter = new SlidingWindowLimiter([{ limit: 7, windowMs: 1_000 }, { limit: 60, windowMs: 30_000 }]);
 * const wait = limiter.waitMs('person-1', now());
 * if (wait === 0) limiter.record('person-1', now());
 */

/**
 * At most `limit` events in any `windowMs` milliseconds (any half-open interval
 * `(t - windowMs, t]`, not only ones aligned to a clock tick).
 *
 * @example const perSecond: RateWindow = { limit: 7, windowMs: 1_000 };
 */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Counts events per key against every one of its windows; it never sleeps or sets
 * timers itself: `waitMs` says how long the caller must wait, `record` notes an event.
 *
 * @example
 * const tenant = new SlidingWindowLimiter([{ limit: 50, windowMs: 1_000 }]);
 * while (tenant.waitMs('tenant', now()) > 0) await sleep(tenant.waitMs('tenant', now()));
 * tenant.record('tenant', now());
 */
export class SlidingWindowLimiter {
  private readonly windows: readonly RateWindow[];
  /** Per key, the most recent event times, ascending; never more than the largest limit. */
  private readonly logs = new Map<string, number[]>();
  private readonly keep: number;
  private readonly longestMs: number;
  private lastSweep = -Infinity;

  constructor(windows: readonly RateWindow[]) {
    if (windows.length === 0) throw new RangeError('a sliding-window limiter needs at least one window');
    for (const w of windows) {
      if (!Number.isInteger(w.limit) || w.limit < 1) throw new RangeError(`window limit must be a whole number ≥ 1, got ${w.limit}`);
      if (!Number.isFinite(w.windowMs) || w.windowMs <= 0) throw new RangeError(`window length must be > 0 ms, got ${w.windowMs}`);
    }
    this.windows = windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs }));
    this.keep = Math.max(...this.windows.map((w) => w.limit));
    this.longestMs = Math.max(...this.windows.map((w) => w.windowMs));
  }

  /**
   * How many ms from `now` until one more event for `key` fits every window; 0 if it
   * fits now.
   *
   * @example limiter.waitMs('person-1', 1_000) // 0 when person-1 has room
   */
  waitMs(key: string, now: number): number {
    const log = this.logs.get(key);
    if (!log) return 0;
    let wait = 0;
    for (const { limit, windowMs } of this.windows) {
      if (log.length < limit) continue;
      // The new event would be the (limit+1)-th in the window unless the limit-th most
      // recent one has slid out: it leaves the window (t - w, t] at t = its time + w.
      const free = log[log.length - limit] + windowMs;
      wait = Math.max(wait, free - now);
    }
    return Math.max(0, wait);
  }

  /**
   * Notes one event for `key` at `now`. The caller checks `waitMs` first; recording
   * regardless is allowed (the event happened) and only delays later ones.
   *
   * @example limiter.record('person-1', now());
   */
  record(key: string, now: number): void {
    let log = this.logs.get(key);
    if (!log) {
      log = [];
      this.logs.set(key, log);
    }
    // A wall clock can step back a little; keeping the log ascending keeps waitMs exact
    // (the event counts as no earlier than the last one, which errs on the safe side).
    log.push(log.length > 0 ? Math.max(now, log[log.length - 1]) : now);
    if (log.length > this.keep * 2) log.splice(0, log.length - this.keep);
    this.sweep(now);
  }

  /**
   * Moves one event of `key` from `from` to the later `to`: a slot taken at `from` whose
   * event really happened at `to` (a request that left after some work). Keeps the log in
   * order; does nothing if there is no event at `from` (forgotten since) or `to` is not later.
   *
   * @example
   * const at = now(); limiter.record('tenant', at); await prepare(); limiter.restamp('tenant', at, now());
   */
  restamp(key: string, from: number, to: number): void {
    const log = this.logs.get(key);
    if (!log || to <= from) return;
    const i = log.lastIndexOf(from);
    if (i < 0) return;
    log.splice(i, 1);
    let j = log.length;
    while (j > 0 && log[j - 1] > to) j--;
    log.splice(j, 0, to);
  }

  /**
   * Takes back one event of `key` recorded at `at`: a slot taken for a request that never
   * left (nothing to send it to). Does nothing if there is no event at `at`.
   *
   * @example
   * const at = now(); limiter.record('person-1', at); if (nothingSent) limiter.forget('person-1', at);
   */
  forget(key: string, at: number): void {
    const log = this.logs.get(key);
    if (!log) return;
    const i = log.lastIndexOf(at);
    if (i >= 0) log.splice(i, 1);
  }

  /** How many keys still have events inside their longest window (for tests and metrics). */
  get size(): number {
    return this.logs.size;
  }

  /**
   * Forgets keys whose last event has left every window, so a year of nudges to
   * thousands of people does not keep a log per person forever. Runs at most once per
   * longest window, which bounds its cost.
   */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.longestMs) return;
    this.lastSweep = now;
    for (const [key, log] of this.logs) {
      if (log[log.length - 1] + this.longestMs <= now) this.logs.delete(key);
    }
  }
}
