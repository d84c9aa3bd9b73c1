// Time to first token and tokens per second of one streamed generation, measured where the text arrives.
export class StreamTimer {
  private started: number;
  private firstAt?: number;
  private shown = 0;

  constructor(private readonly now: () => number) {
    this.started = now();
  }

  /** A streamed update with `tokens` generated so far; fewer than before means the request started over. */
  update(tokens: number): { firstTokenMs?: number; tokensPerSecond?: number } {
    const at = this.now();
    if (tokens < this.shown) {
      this.started = at;
      this.firstAt = undefined;
    }
    this.shown = tokens;
    if (tokens > 0 && this.firstAt === undefined) this.firstAt = at;
    if (this.firstAt === undefined) return {};
    const firstTokenMs = this.firstAt - this.started;
    const elapsed = at - this.firstAt;
    return { firstTokenMs, tokensPerSecond: elapsed > 0 ? ((tokens - 1) * 1000) / elapsed : undefined };
  }
}
