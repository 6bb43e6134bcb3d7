import { KeyedQueue } from './keyed-queue';

describe('KeyedQueue', () => {
  it('runs work for one key in order, even when earlier work fails, and other keys alongside', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const step = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) =>
        setTimeout(() => {
          order.push(name);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms),
      );
    const a1 = queue.run('a', step('a1', 30, true));
    const a2 = queue.run('a', step('a2', 1));
    const b1 = queue.run('b', step('b1', 5));
    await expect(a1).rejects.toThrow('a1');
    await expect(a2).resolves.toBe('a2');
    await expect(b1).resolves.toBe('b1');
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });
});
