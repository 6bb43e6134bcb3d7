import type { Scheduler } from '../scheduler/scheduler';

/** How long the real loop waits before looking again when something due cannot be claimed yet. */
const POLL_SECONDS = 30;

/**
 * Runs the scheduler on a fake clock as its loop would run in real time: the clock jumps
 * to each wake-up the scheduler asks for and it sweeps there — up to `until` (and at
 * `until` itself, unless `before`). When something is still due after a sweep at that
 * instant (claimed by another instance, or a failed nudge waiting for its retry), the
 * clock moves on by the loop's poll interval instead of sweeping the same instant again.
 *
 * @example
 * await timeLapse(scheduler, clock, parseInstant('2026-11-24T12:00:00Z'));
 */
export async function timeLapse(
  scheduler: Scheduler,
  clock: { now: number },
  until: number,
  options: { before?: boolean; afterSweep?: () => Promise<void> } = {},
): Promise<void> {
  const sweep = async () => {
    await scheduler.sweep();
    await options.afterSweep?.();
  };
  let lastSweep = -Infinity;
  for (;;) {
    let next = await scheduler.nextWakeAt();
    if (next !== null && next <= lastSweep) next = lastSweep + POLL_SECONDS;
    if (next === null || next > until || (options.before && next === until)) break;
    clock.now = Math.max(clock.now, next);
    lastSweep = clock.now;
    await sweep();
  }
  if (options.before) return;
  clock.now = until;
  await sweep();
}
