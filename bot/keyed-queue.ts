/**
 * Runs work one piece at a time per key, in the order it was asked for (work for
 * different keys runs concurrently). In-process only: it orders the work of this
 * Heard, not of several instances.
 *
 * @example
 * const queue = new KeyedQueue();
 * await queue.run('st_1', () => syncCards('st_1'));
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` after the work already queued for `key`; resolves or rejects as `work` does. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
