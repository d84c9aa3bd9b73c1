// Images waiting for the model, prepared ahead of their turn: each is handed to `prepare` (the preparing workers,
// preparing-pool.ts) as it arrives, up to DECODE_AHEAD ahead, so the next batch is prepared while the current one runs
// and an image's wait for the model is not also a wait for its decoder.
import type { WorkerRequest } from '../shared/protocol';

export type ImageRequest = Extract<WorkerRequest, { type: 'encodeImage' }>;

/** An image request and, once started, its preparation (decoded pixels and pixel values, or an Error). */
export interface ImageJob<Prepared> {
  request: ImageRequest;
  prepared?: Promise<Prepared>;
}

/** Images queued together are encoded in one batch of up to this many (measured: ~10% less time per image at 8). */
export const IMAGE_BATCH = 8;
// The batch about to run and the one after it. Decoded images wait in memory (about 1-2 MB each), so no more.
const DECODE_AHEAD = 2 * IMAGE_BATCH;

export class ImageQueue<Prepared> {
  private readonly jobs: ImageJob<Prepared>[] = [];

  constructor(private readonly prepare: (file: Blob) => Promise<Prepared>) {}

  get length(): number {
    return this.jobs.length;
  }

  push(request: ImageRequest): void {
    this.jobs.push({ request });
    this.startAhead();
  }

  /**
   * Resolves once the first queued image is prepared. Images dropped together arrive as separate messages; by
   * then the rest of the drop has landed, so it fills the batch instead of running one image on its own.
   */
  async firstPrepared(): Promise<void> {
    await this.jobs[0]?.prepared;
    // And one more task turn, for messages already posted but not yet delivered (seen on a loaded machine).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Takes up to `count` images, each with its preparation under way, and starts preparing the ones after them. */
  take(count: number): Required<ImageJob<Prepared>>[] {
    const taken = this.jobs.splice(0, count) as Required<ImageJob<Prepared>>[];
    this.startAhead();
    return taken;
  }

  /** Drops a queued image (its request was cancelled); its decode, if started, is simply not used. */
  remove(id: number): void {
    const index = this.jobs.findIndex((job) => job.request.id === id);
    if (index >= 0) this.jobs.splice(index, 1);
    this.startAhead();
  }

  private startAhead(): void {
    for (const job of this.jobs.slice(0, DECODE_AHEAD)) job.prepared ??= this.prepare(job.request.file);
  }
}
