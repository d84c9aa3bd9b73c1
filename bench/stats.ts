// Summaries of repeated timings, shared by the raw and the end-to-end benchmarks.
export interface BenchTiming {
  median: number;
  min: number;
  max: number;
}

export function summarise(samples: number[]): BenchTiming {
  if (samples.length === 0) return { median: NaN, min: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  // Even counts take the mean of the two middle samples, so two runs do not silently report the slower one.
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

/** "median (min-max)" with `digits` decimals. */
export function formatTiming(t: BenchTiming, digits = 1): string {
  return `${t.median.toFixed(digits)} (${t.min.toFixed(digits)}-${t.max.toFixed(digits)})`;
}
