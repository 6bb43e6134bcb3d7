/**
 * A loop that works, then sleeps until the work says it is next due (at most a poll
 * interval), or until poked because something changed here: the scheduler's sweeps and
 * the broadcast sender both run on one. It sets no timer while it works, and `stop()`
 * waits for the work in progress to end.
 *
 * @example
 * const loop = new WakeLoop();
 * loop.start(async () => { await sweep(); return 30; }); // seconds until the next run
 * loop.poke(); // now, rather than in 30 s
 * await loop.stop();
 */
export class WakeLoop {
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  /** Runs `step` until `stop()`; after each, sleeps the seconds it answers (at least 1). */
  start(step: () => Promise<number>): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const seconds = await step();
        if (!this.running) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(1, seconds) * 1000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    })();
  }

  /** Something changed: run again now rather than at the next wake-up. */
  poke(): void {
    this.wake?.();
  }

  /** Stops after the run in progress. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
