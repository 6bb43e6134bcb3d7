/**
 * Runs async tasks one at a time, in the order they were submitted. The embedded store
 * has one SQLite connection; a transaction holds it across awaits, so everything else
 * queues behind it instead of slipping into the open transaction. The MongoDB store
 * uses one per transaction, because a session runs one operation at a time.
 *
 * @example
 * const mutex = new AsyncMutex();
 * const [a, b] = await Promise.all([mutex.run(async () => 1), mutex.run(() => 2)]); // 1, 2 — one after the other
 */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * Runs `task` once every task submitted before it has settled; answers its result.
   * A task that fails does not hold up the ones after it.
   *
   * @example
   * await mutex.run(() => db.prepare('SELECT 1').get());
   */
  run<R>(task: () => R | Promise<R>): Promise<R> {
    const result = this.tail.then(() => task());
    this.tail = result.catch(() => undefined);
    return result;
  }
}
