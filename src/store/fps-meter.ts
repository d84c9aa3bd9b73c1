/** Frames per second over a sliding window of completed frames; timestamps in ms are passed in, so it is pure. */
export class FpsMeter {
  private readonly times: number[] = [];

  constructor(private readonly windowMs = 2000) {}

  /** Records one finished frame at `nowMs`. */
  tick(nowMs: number): void {
    this.times.push(nowMs);
    while (this.times.length > 1 && nowMs - this.times[0]! > this.windowMs) this.times.shift();
  }

  /** Frames per second across the window; 0 until two frames are in it. */
  fps(): number {
    const n = this.times.length;
    if (n < 2) return 0;
    const spanMs = this.times[n - 1]! - this.times[0]!;
    return spanMs > 0 ? ((n - 1) * 1000) / spanMs : 0;
  }

  reset(): void {
    this.times.length = 0;
  }
}
