export type Fault = 'cut-halfway' | 'not-found' | 'server-error' | 'slow';

interface FaultEntry {
  fault: Fault;
  remainingRequests: number;
}

/** Faults keyed by file-path suffix, each good for a number of requests so a retry can be made to succeed. */
export class FaultTable {
  private readonly entries = new Map<string, FaultEntry>();

  set(pathSuffix: string, fault: Fault, times = Infinity): void {
    if (!(times >= 1)) throw new RangeError(`times must be at least 1 (got ${times}); use clearFaults() to remove`);
    this.entries.set(pathSuffix, { fault, remainingRequests: times });
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * Uses up one request's worth of the fault for `filePath`, if one of the `wanted` kinds applies. The longest
   * matching suffix wins, so a fault on 'onnx/model.onnx' overrides one on '.onnx'.
   */
  take(filePath: string, wanted: readonly Fault[]): Fault | undefined {
    let bestSuffix: string | undefined;
    for (const [suffix, entry] of this.entries) {
      if (!filePath.endsWith(suffix) || !wanted.includes(entry.fault)) continue;
      if (bestSuffix === undefined || suffix.length > bestSuffix.length) bestSuffix = suffix;
    }
    if (bestSuffix === undefined) return undefined;
    const entry = this.entries.get(bestSuffix)!;
    entry.remainingRequests -= 1;
    if (entry.remainingRequests <= 0) this.entries.delete(bestSuffix);
    return entry.fault;
  }
}
