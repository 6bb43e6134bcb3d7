/**
 * mulberry32: a small seeded generator of 32-bit unsigned integers, so simulations and
 * benchmarks fill the same data on every run. Not for anything secret.
 *
 * @example
 * const next = mulberry32(11);
 * next() % 6; // the same roll every run
 * next() / 2 ** 32; // a fraction in [0, 1)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
