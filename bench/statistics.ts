/** Summaries of repeated timings, shared by the benchmarks. */

/** The middle sample (the mean of the two middle ones for an even count). @example median([3, 1, 2]); // 2 */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The 95th-percentile sample. @example p95(latencies); */
export function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}
