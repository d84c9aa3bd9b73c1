// Images waiting for the model, decoded ahead of their turn in arrival order: at most DECODE_CONCURRENCY decode at
// once, so the images of the batch that runs next get the cores first instead of sharing them with a whole drop
// (on 2 cores, 16 concurrent decodes made the first batch wait for all 16). Decoding goes on while a batch runs,
// so the next batch is ready when the model is, up to DECODE_AHEAD images ahead.
import type { WorkerRequest } from '../shared/protocol';

export type ImageRequest = Extract<WorkerRequest, { type: 'encodeImage' }>;

/** An image request and its preparation (decoded pixels and pixel values, or an Error), which may not have begun. */
export interface ImageJob<Prepared> {
  request: ImageRequest;
  prepared: Promise<Prepared>;
}

interface Pending<Prepared> extends ImageJob<Prepared> {
  begin: () => void;
  begun: boolean;
}

/** Images queued together are encoded in one batch of up to this many (measured: ~10% less time per image at 8). */
export const IMAGE_BATCH = 8;
// The batch about to run and the one after it. Decoded images wait in memory (about 1-2 MB each), so no more.
export const DECODE_AHEAD = 2 * IMAGE_BATCH;
// Decodes in flight at once: two keep both cores busy between model runs without starving the next batch's images.
export const DECODE_CONCURRENCY = 2;

export class ImageQueue<Prepared> {
  /** Queued, not yet taken for a batch, in arrival order. */
  private readonly jobs: Pending<Prepared>[] = [];
  /** Taken for a batch but not begun: they come before every queued image. */
  private readonly takenWaiting: Pending<Prepared>[] = [];
  private inFlight = 0;

  constructor(private readonly prepare: (file: Blob) => Promise<Prepared>) {}

  get length(): number {
    return this.jobs.length;
  }

  push(request: ImageRequest): void {
    let begin!: () => void;
    const job = { request, begun: false } as Pending<Prepared>;
    job.prepared = new Promise<Prepared>((resolve) => (begin = () => resolve(this.run(request.file))));
    job.begin = begin;
    this.jobs.push(job);
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

  /** Takes up to `count` images in arrival order; those not yet decoding start first when a decode slot frees. */
  take(count: number): ImageJob<Prepared>[] {
    const taken = this.jobs.splice(0, count);
    this.takenWaiting.push(...taken.filter((job) => !job.begun));
    this.startAhead();
    return taken.map(({ request, prepared }) => ({ request, prepared }));
  }

  /** Drops a queued image (its request was cancelled); its decode, if started, is simply not used. */
  remove(id: number): void {
    const index = this.jobs.findIndex((job) => job.request.id === id);
    if (index >= 0) this.jobs.splice(index, 1);
    this.startAhead();
  }

  private async run(file: Blob): Promise<Prepared> {
    try {
      return await this.prepare(file);
    } finally {
      this.inFlight--;
      this.startAhead();
    }
  }

  private startAhead(): void {
    const next = [...this.takenWaiting, ...this.jobs.slice(0, DECODE_AHEAD)].filter((job) => !job.begun);
    for (const job of next) {
      if (this.inFlight >= DECODE_CONCURRENCY) break;
      this.inFlight++;
      job.begun = true;
      job.begin();
    }
    while (this.takenWaiting[0]?.begun) this.takenWaiting.shift();
  }
}
