/** Median and tail of a sample, in the unit given (ms unless said). */
export interface Summary {
  n: number;
  median: number;
  p99: number;
  mean: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, median: round(at(0.5)), p99: round(at(0.99)), mean: round(mean) };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** High-resolution now, in ms. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
