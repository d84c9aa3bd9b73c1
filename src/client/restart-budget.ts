// How often the model worker may be restarted: at most `max` restarts within any `windowMs`. A worker that keeps
// dying is given up on (every request then fails at once), while one that ran well for a while earns its budget back.
export class RestartBudget {
  private times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Counts a restart now; false (and nothing counted) when the window already holds `max` of them. */
  take(): boolean {
    const now = this.now();
    this.times = this.times.filter((time) => now - time < this.windowMs);
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }

  /** The user asked for a fresh start. */
  reset(): void {
    this.times = [];
  }
}
