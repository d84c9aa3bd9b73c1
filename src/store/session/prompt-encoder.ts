// Encodes the prompts the app wants that are neither cached nor in flight, in batches of TEXT_BATCH_SIZE. Edits
// made during an encode collapse into one more pass: a label edit reaches the chart after one text encode, with no
// fixed debounce delay, and typing never queues up work.
import { TEXT_BATCH_SIZE } from '../../shared/settings';
import type { SessionCore } from './session-types';

export class PromptEncoder {
  /** The passes under way; edits made meanwhile set `dirty` for one more. */
  private loop?: Promise<void>;
  private dirty = false;
  /** Per load: replaced (not cleared) so a batch of an older model never touches the new model's sets. */
  private embeds = new Map<string, Float32Array>();
  private inFlight = new Set<string>();

  constructor(private readonly session: SessionCore) {}

  /** A new model: nothing it encoded before counts. */
  reset(): void {
    this.embeds = new Map();
    this.inFlight = new Set();
  }

  embedding(prompt: string): Float32Array | undefined {
    return this.embeds.get(prompt);
  }

  /** Resolves once a pass that saw the prompts wanted at the time of the call has finished. */
  schedule(): Promise<void> {
    if (this.loop) {
      this.dirty = true;
      return this.loop;
    }
    this.loop = this.runPasses().finally(() => (this.loop = undefined));
    return this.loop;
  }

  private async runPasses(): Promise<void> {
    do {
      this.dirty = false;
      await this.encodeMissing();
    } while (this.dirty && !this.session.stopped);
  }

  private async encodeMissing(): Promise<void> {
    if (!(await this.session.ready)) return;
    const { generation, source } = this.session;
    const { embeds, inFlight } = this;
    const missing = [...new Set(source.prompts())].filter((p) => !embeds.has(p) && !inFlight.has(p));
    for (let start = 0; start < missing.length && generation === this.session.generation; start += TEXT_BATCH_SIZE) {
      const batch = missing.slice(start, start + TEXT_BATCH_SIZE);
      batch.forEach((p) => inFlight.add(p));
      try {
        const reply = await this.session.client.encodeTextsWithTokens(batch);
        if (generation !== this.session.generation) return; // another model was loaded meanwhile
        const dim = reply.embeds.length / batch.length;
        batch.forEach((p, i) => embeds.set(p, reply.embeds.slice(i * dim, (i + 1) * dim)));
        this.session.sink.textEmbeds(batch, reply.embeds, reply.tokens);
      } catch {
        // A failed batch is retried by the next edit or load; the chart shows the prompts that did encode.
      } finally {
        batch.forEach((p) => inFlight.delete(p));
      }
    }
  }
}
