// Encodes the app's images with the session's model, each once: a request in flight is not sent again, an image
// removed meanwhile is dropped, and an answer from a model replaced meanwhile re-runs the image on the new one.
import { WorkerStoppedError } from '../../client/clip-client';
import type { SessionCore } from './session-types';

export class ImageQueue {
  private readonly inFlight = new Set<string>();
  private embeds = new Map<string, Float32Array>();
  /** Images that failed with the current model; a new load tries them again. */
  private failed = new Set<string>();

  constructor(private readonly session: SessionCore) {}

  /** A new model: every image runs again. */
  reset(): void {
    this.embeds = new Map();
    this.failed = new Set();
  }

  embedding(id: string): Float32Array | undefined {
    return this.embeds.get(id);
  }

  /** Runs every listed image that has no embedding yet, has not failed and is not already running. */
  sync(): void {
    for (const image of this.session.source.images()) {
      if (!this.embeds.has(image.id) && !this.failed.has(image.id)) void this.run(image.id);
    }
  }

  private async run(id: string): Promise<void> {
    if (this.inFlight.has(id)) return;
    this.inFlight.add(id);
    try {
      // `ready` is read afresh each pass: a stale answer waits for the model that replaced its own.
      while ((await this.session.ready) && (await this.encodeOnce(id)) === 'stale');
    } finally {
      this.inFlight.delete(id);
    }
  }

  private listed(id: string) {
    return this.session.source.images().find((image) => image.id === id);
  }

  private async encodeOnce(id: string): Promise<'settled' | 'stale'> {
    const image = this.listed(id);
    if (!image) return 'settled';
    const { generation, sink } = this.session;
    sink.imageStarted?.(id);
    try {
      const result = await this.session.client.encodeImage(image.file, image.name);
      if (!this.listed(id)) return 'settled'; // removed meanwhile
      if (generation !== this.session.generation) return 'stale';
      this.embeds.set(id, result.embeds);
      sink.imageDone(id, result);
    } catch (error) {
      if (generation !== this.session.generation) return 'stale';
      if (!this.listed(id)) return 'settled';
      this.failed.add(id);
      sink.imageFailed?.(id, (error as Error).message, error instanceof WorkerStoppedError);
    }
    return 'settled';
  }
}
