import { AsyncMutex } from './async-mutex';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the async mutex that serialises work on one connection or session', () => {
  it('never lets two tasks overlap, even when they await', async () => {
    const mutex = new AsyncMutex();
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        mutex.run(async () => {
          running += 1;
          most = Math.max(most, running);
          await tick();
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it('runs tasks in the order they were submitted and answers each its own result', async () => {
    const mutex = new AsyncMutex();
    const order: number[] = [];
    const results = await Promise.all(
      [3, 1, 2].map((n) =>
        mutex.run(async () => {
          await new Promise((resolve) => setTimeout(resolve, n));
          order.push(n);
          return n * 10;
        }),
      ),
    );
    expect(order).toEqual([3, 1, 2]);
    expect(results).toEqual([30, 10, 20]);
  });

  it('passes a failure to its caller and carries on with the next task', async () => {
    const mutex = new AsyncMutex();
    const failing = mutex.run(() => {
      throw new Error('boom');
    });
    const next = mutex.run(() => 'still runs');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('still runs');
  });
});
