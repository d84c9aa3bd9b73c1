// User Timing measures for the phases of a model load (download, session per tower, warm-up): they show in the
// browser's performance panel, and bench/model-start.ts reads them to say where the time to ready goes.
export const LOAD_MEASURE_PREFIX = 'clipscope-load:';

/** Runs `work` and records its duration as the measure `clipscope-load:<phase>`. */
export async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(`${LOAD_MEASURE_PREFIX}${phase}`, { start });
  }
}

/** Forgets the previous load's measures, so that they always describe the latest load. */
export function clearLoadTimings(): void {
  for (const entry of performance.getEntriesByType('measure')) {
    if (entry.name.startsWith(LOAD_MEASURE_PREFIX)) performance.clearMeasures(entry.name);
  }
}
