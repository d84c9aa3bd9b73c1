// How often the model worker may be restarted: at most `max` restarts within any `windowMs`. A worker that keeps
// dying is given up on (every request then fails at once), while one that ran well for a while earns its budget back.
export class RestartBudget {
  private times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * Counts a restart now; false (and nothing counted) when the window already holds `max` of them. `noProgress`:
   * the worker died again before finishing the work the last restart re-sent (a slow model that dies on the same
   * image), so old restarts do not expire.
   */
  take(noProgress = false): boolean {
    const now = this.now();
    if (!noProgress) this.times = this.times.filter((time) => now - time < this.windowMs);
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }

  /** The user asked for a fresh start. */
  reset(): void {
    this.times = [];
  }
}
