import { SlidingWindowLimiter } from './sliding-window-limiter';

// Teams: "per bot per thread 7 per 1 s, 8 per 2 s" — measured as sliding windows.
const teamsShortWindows = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
];

function sendAt(limiter: SlidingWindowLimiter, key: string, at: number): number {
  const wait = limiter.waitMs(key, at);
  if (wait === 0) limiter.record(key, at);
  return wait;
}

describe('SlidingWindowLimiter', () => {
  it('lets 7 messages through at once and holds the 8th until the first is a second old', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 7, windowMs: 1_000 }]);
    for (let i = 0; i < 7; i += 1) expect(sendAt(limiter, 'person-1', i * 10)).toBe(0);
    expect(limiter.waitMs('person-1', 100)).toBe(900);
    expect(limiter.waitMs('person-1', 999)).toBe(1);
    expect(limiter.waitMs('person-1', 1_000)).toBe(0);
  });

  it('does not allow a burst across a clock-second boundary (not a fixed window)', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 7, windowMs: 1_000 }]);
    for (let i = 0; i < 7; i += 1) sendAt(limiter, 'person-1', 900);
    // A fixed window would reset at 1 000 ms and allow 7 more: 14 within 200 ms.
    expect(limiter.waitMs('person-1', 1_100)).toBe(800);
  });

  it('enforces every window at once: the 9th message in 2 s waits even when the last second has room', () => {
    const limiter = new SlidingWindowLimiter(teamsShortWindows);
    for (let i = 0; i < 7; i += 1) sendAt(limiter, 'person-1', 0);
    expect(sendAt(limiter, 'person-1', 1_000)).toBe(0);
    // 1 in the last second, but 8 in the last two: the 9th waits for the first to be 2 s old.
    expect(limiter.waitMs('person-1', 1_500)).toBe(500);
    expect(limiter.waitMs('person-1', 2_000)).toBe(0);
  });

  it('counts each person separately', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1_000 }]);
    sendAt(limiter, 'person-1', 0);
    expect(limiter.waitMs('person-1', 0)).toBe(1_000);
    expect(limiter.waitMs('person-2', 0)).toBe(0);
  });

  it('never exceeds its limits when driven as fast as it allows (every window checked)', () => {
    const limiter = new SlidingWindowLimiter(teamsShortWindows);
    const times: number[] = [];
    let now = 0;
    while (times.length < 200) {
      const wait = limiter.waitMs('person-1', now);
      if (wait > 0) {
        now += wait;
        continue;
      }
      limiter.record('person-1', now);
      times.push(now);
      now += 37; // messages are asked for every 37 ms: faster than allowed
    }
    for (const { limit, windowMs } of teamsShortWindows) {
      for (let i = 0; i < times.length; i += 1) {
        const inWindow = times.filter((t) => t >= times[i] && t < times[i] + windowMs).length;
        expect(inWindow).toBeLessThanOrEqual(limit);
      }
    }
  });

  it('stays safe when the wall clock steps back', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }]);
    sendAt(limiter, 'person-1', 5_000);
    limiter.record('person-1', 4_900); // clock stepped back 100 ms
    // Counted as sent at 5 000, so the next fits only from 6 000.
    expect(limiter.waitMs('person-1', 5_500)).toBe(500);
  });

  it('forgets people whose messages have all left the longest window', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 60, windowMs: 30_000 }]);
    sendAt(limiter, 'person-1', 0);
    sendAt(limiter, 'person-2', 40_000);
    expect(limiter.size).toBe(1);
    expect(limiter.waitMs('person-1', 40_000)).toBe(0);
  });

  it('refuses windows that make no sense', () => {
    expect(() => new SlidingWindowLimiter([])).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter([{ limit: 0, windowMs: 1_000 }])).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter([{ limit: 1.5, windowMs: 1_000 }])).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter([{ limit: 7, windowMs: 0 }])).toThrow(RangeError);
  });

  it('moves an event taken early to when it really happened, so the window counts from then', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }]);
    limiter.record('t', 0);
    limiter.record('t', 10);
    expect(limiter.waitMs('t', 10)).toBe(990);
    // The first left only at 400: the window frees at 1,010 (the second) rather than 1,000.
    limiter.restamp('t', 0, 400);
    expect(limiter.waitMs('t', 10)).toBe(1_000);
    expect(limiter.waitMs('t', 1_010)).toBe(0);
    // Nothing at that time, or not later: nothing moves.
    limiter.restamp('t', 5, 900);
    limiter.restamp('t', 400, 300);
    expect(limiter.waitMs('t', 10)).toBe(1_000);
  });
});
