export interface TransferStats {
  percent: number;
  bytesPerSecond: number;
  /** Undefined until the speed is known. */
  secondsLeft?: number;
}

export function transferStats(loadedBytes: number, totalBytes: number, elapsedMs: number): TransferStats {
  const percent = totalBytes > 0 ? Math.min(100, (100 * loadedBytes) / totalBytes) : 0;
  const bytesPerSecond = elapsedMs > 0 ? (loadedBytes * 1000) / elapsedMs : 0;
  const secondsLeft = bytesPerSecond > 0 && totalBytes > 0 ? (totalBytes - loadedBytes) / bytesPerSecond : undefined;
  return { percent, bytesPerSecond, secondsLeft };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
