// The model worker's side of the preparing workers: images are decoded and preprocessed there, on threads of their
// own, while ONNX Runtime's run holds this one. Measured (a trace of a 16-image drop): the first batch waited for
// its images' decodes in turn, and the next batch could not start preparing until the run ended. Where a worker
// cannot start workers, or a preparing worker dies, images are prepared here instead.
import type { PreprocessorConfig } from '../model/image/preprocess';
import { LifeWatch } from '../shared/life-watch';
import type { PrepareReply, PrepareRequest, WarmRequest } from './preparing-messages';
import { prepareImage, type PreparedImage } from './prepare-image';

interface Pending {
  request: PrepareRequest;
  resolve: (prepared: PreparedImage | Error) => void;
  thumbnail?: { resolve: (blob: Blob) => void; reject: (error: Error) => void };
}

// Preparing workers started over the model worker's life: one that keeps dying is not started again for ever.
const MAX_STARTS = 6;
// Two decode at once on a 2-core machine; more would only take cores from the model's run.
const MAX_WORKERS = 2;

/** One preparing worker and the requests it has not finished. */
class PrepareWorker {
  readonly pending = new Map<number, Pending>();
  private readonly worker: Worker;

  private ended = false;

  constructor(private readonly onLost: (orphans: Pending[]) => void) {
    // The name is also a Web Lock the worker holds for its life: a worker that is killed or closes fires no error.
    const name = `clipscope-prepare-${Math.random().toString(36).slice(2)}`;
    this.worker = new Worker(new URL('./preparing.worker.ts', import.meta.url), { type: 'module', name });
    const watch = new LifeWatch(name, () => this.end());
    this.worker.onmessage = (event: MessageEvent<PrepareReply>) => {
      if (event.data.type === 'alive') watch.alive(); // it holds its lock now: from here on its end is seen
      this.receive(event.data);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.end();
    };
  }

  /** The worker died: whatever it had not finished goes back to the model worker. */
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.worker.terminate();
    this.onLost([...this.pending.values()]);
    this.pending.clear();
  }

  send(pending: Pending): void {
    this.pending.set(pending.request.id, pending);
    this.worker.postMessage(pending.request);
  }

  warm(config: PreprocessorConfig): void {
    this.worker.postMessage({ type: 'warm', config } satisfies WarmRequest);
  }

  private receive(reply: PrepareReply): void {
    if (reply.type === 'alive') return;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'failed') {
      this.pending.delete(reply.id);
      return pending.resolve(new Error(reply.message));
    }
    if (reply.type === 'thumbnail') {
      this.pending.delete(reply.id);
      if (reply.thumbnail) pending.thumbnail?.resolve(reply.thumbnail);
      else pending.thumbnail?.reject(new Error(reply.error ?? 'the preview could not be made'));
      return;
    }
    const thumbnail = new Promise<Blob>((resolve, reject) => (pending.thumbnail = { resolve, reject }));
    thumbnail.catch(() => {}); // whoever awaits it gets the error; an unawaited failure is not an unhandled one
    const { values, width, height } = reply;
    const { config, file } = pending.request;
    pending.resolve({ values, width, height, thumbnail, config, file });
  }
}

export class Preparer {
  private workers: PrepareWorker[] = [];
  private starts = 0;
  private nextId = 1;

  /**
   * Starts the preparing workers ahead of the first image, so it does not also wait for them to load; with the
   * loaded model's `config`, also has them prepare a made-up image first.
   */
  warm(config?: PreprocessorConfig): void {
    this.start();
    if (config) this.workers.forEach((w) => w.warm(config));
  }

  private start(): void {
    while (this.workers.length < this.poolSize() && this.starts < MAX_STARTS) {
      this.starts++;
      try {
        const worker: PrepareWorker = new PrepareWorker((orphans) => this.lost(worker, orphans));
        this.workers.push(worker);
      } catch {
        this.starts = MAX_STARTS; // this browser cannot start workers from a worker
      }
    }
  }

  prepare(file: Blob, config: PreprocessorConfig): Promise<PreparedImage | Error> {
    this.start();
    // The least busy worker; each prepares its images in the order they came, so a batch is ready soonest.
    const worker = this.workers.reduce<PrepareWorker | undefined>(
      (best, w) => (!best || w.pending.size < best.pending.size ? w : best),
      undefined,
    );
    if (!worker) return prepareImage(file, config);
    return new Promise((resolve) =>
      worker.send({ request: { type: 'prepare', id: this.nextId++, file, config }, resolve }),
    );
  }

  private poolSize(): number {
    return Math.min(MAX_WORKERS, Math.max(1, navigator.hardwareConcurrency || 1));
  }

  /** A preparing worker died (out of memory on a hostile image, say): what it had is prepared again here. */
  private lost(worker: PrepareWorker, orphans: Pending[]): void {
    this.workers = this.workers.filter((w) => w !== worker);
    for (const { request, resolve, thumbnail } of orphans) {
      if (thumbnail) thumbnail.reject(new Error('the image decoder stopped before the preview was made'));
      else void prepareImage(request.file, request.config).then(resolve);
    }
  }
}
