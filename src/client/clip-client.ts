// The only code that talks to the model worker: typed requests, replies matched by id, progress callbacks. When
// the worker dies, or reports that WebGPU failed (which can leave its ONNX Runtime unusable), the client starts a
// fresh worker (on WASM after a WebGPU failure), loads the model again and re-sends every pending request, so
// callers only ever see their answers arrive. Restarts are budgeted over time: once a worker keeps dying, the
// client stops, every pending and later request fails at once, and only `revive` (the user's "Restart") goes on.
import type { LoadPhase } from '../model/load-phase';
import type {
  Backend,
  BackendPreference,
  LoadedModel,
  LoadRequest,
  RequestReply,
  WorkerReply,
  WorkerRequest,
} from '../shared/protocol';
import { browserWorkerHost, WORKER_NAME_PREFIX, type ModelWorker, type ModelWorkerHost } from './model-worker';
import { RestartBudget } from './restart-budget';

type Progress = (phase: LoadPhase) => void;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  message: WorkerRequest;
  resolve: (reply: RequestReply) => void;
  reject: (error: Error) => void;
  onProgress?: Progress;
}

export interface ImageEmbedding {
  embeds: Float32Array;
  thumbnail: Blob;
  width: number;
  height: number;
}

/** A request failed because the worker kept dying and the client gave up on it: nothing runs until `revive`. */
export class WorkerStoppedError extends Error {}

// A worker that dies this often within the window is not restarted again; a healthy minute earns restarts back.
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;

export class ClipClient {
  /** Called when the model moves to another backend after a failure, with words for the user. */
  onBackendChanged: (backend: Backend, notice: string) => void = () => {};
  /** Called when the client gives up on a worker that keeps dying, with words for the user. */
  onStopped: (message: string) => void = () => {};
  private worker: ModelWorker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private lastLoad?: LoadRequest;
  private readonly budget: RestartBudget;
  /** Set once the restart budget is spent: every request fails with it until `revive`. */
  private stopped?: WorkerStoppedError;
  /** Requests the last restart re-sent that are not answered yet: the worker has made no progress while any is. */
  private resentUnanswered = new Set<number>();
  // A closed client's worker ends on purpose: its released Web Lock must not bring it back.
  private disposed = false;
  private fallbackNotice = '';

  constructor(private readonly host: ModelWorkerHost = browserWorkerHost) {
    this.budget = new RestartBudget(MAX_RESTARTS, RESTART_WINDOW_MS, () => host.now());
    this.worker = this.spawn();
  }

  /** After the client stopped: a fresh worker and a full restart budget. The caller loads the model again. */
  revive(): void {
    if (this.disposed || !this.stopped) return;
    this.stopped = undefined;
    this.budget.reset();
    this.resentUnanswered.clear();
    this.worker = this.spawn();
  }

  async load(params: Omit<LoadRequest, 'type' | 'id'>, onProgress: Progress): Promise<LoadedModel> {
    this.fallbackNotice = '';
    const reply = await this.request({ type: 'load', ...params } as Omit<LoadRequest, 'id'>, onProgress);
    const model = (reply as Extract<RequestReply, { type: 'loaded' }>).model;
    return this.fallbackNotice ? { ...model, notice: this.fallbackNotice } : model;
  }

  /** Ends the worker for good (a comparison model no longer needed); pending requests fail. */
  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
    this.pending.forEach((p) => p.reject(new Error('The model was closed.')));
    this.pending.clear();
  }

  /** Stops the model download under way, if any; its load fails with a "cancelled" error. */
  cancelLoad(): void {
    if (this.lastLoad && this.pending.has(this.lastLoad.id))
      this.worker.postMessage({ type: 'cancel', id: this.lastLoad.id });
  }

  /** Drops every image request not answered yet: the worker forgets the queued ones; each caller gets an error. */
  cancelImages(): void {
    for (const [id, pending] of this.pending) {
      if (pending.message.type !== 'encodeImage') continue;
      this.pending.delete(id);
      this.resentUnanswered.delete(id);
      this.worker.postMessage({ type: 'cancel', id });
      pending.reject(new Error('Cancelled.'));
    }
  }

  async encodeTexts(prompts: string[]): Promise<Float32Array> {
    return (await this.encodeTextsWithTokens(prompts)).embeds;
  }

  /** Embeddings plus each prompt's token ids (space-separated), for merging labels that tokenize alike. */
  async encodeTextsWithTokens(prompts: string[]): Promise<{ embeds: Float32Array; tokens: string[] }> {
    const reply = (await this.request({ type: 'encodeTexts', prompts })) as Extract<
      RequestReply,
      { type: 'textEmbeds' }
    >;
    return { embeds: reply.embeds, tokens: reply.tokens };
  }

  async encodeImage(file: Blob, name: string): Promise<ImageEmbedding> {
    const reply = (await this.request({ type: 'encodeImage', file, name })) as Extract<
      RequestReply,
      { type: 'imageEmbeds' }
    >;
    return { embeds: reply.embeds, thumbnail: reply.thumbnail, width: reply.width, height: reply.height };
  }

  /** Encodes one camera frame; the bitmap is transferred to the worker (and closed there). */
  async encodeFrame(frame: ImageBitmap): Promise<Float32Array> {
    const reply = await this.request({ type: 'encodeFrame', frame }, undefined, [frame]);
    return (reply as Extract<RequestReply, { type: 'frameEmbeds' }>).embeds;
  }

  private request(
    message: DistributiveOmit<WorkerRequest, 'id'>,
    onProgress?: Progress,
    transfer: Transferable[] = [],
  ): Promise<RequestReply> {
    const full = { ...message, id: this.nextId++ } as WorkerRequest;
    if (this.stopped) return Promise.reject(this.stopped); // the dead worker would never answer
    if (full.type === 'load') this.lastLoad = full;
    return new Promise<RequestReply>((resolve, reject) => {
      this.pending.set(full.id, { message: full, resolve, reject, onProgress });
      this.worker.postMessage(full, transfer);
    });
  }

  private spawn(): ModelWorker {
    const name = `${WORKER_NAME_PREFIX}${this.host.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const worker = this.host.spawn(name);
    let watched = false;
    // Messages a replaced worker sent before it was terminated are ignored.
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      if (worker !== this.worker) return;
      if (!watched) {
        // Once the worker has spoken it surely holds its lock: from now on its end is seen, however it comes.
        watched = true;
        void this.host.ended(name).then(() => {
          if (worker === this.worker) this.restart(this.lastLoad?.backend ?? 'auto', 'The model worker stopped');
        });
      }
      this.receive(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // Errors a replaced worker raised before it was terminated would restart its successor: ignored.
      if (worker !== this.worker) return;
      this.restart(this.lastLoad?.backend ?? 'auto', `The model worker stopped (${event.message || 'unknown error'})`);
    };
    return worker;
  }

  private receive(reply: WorkerReply): void {
    if (reply.type === 'webgpuFailed') return this.restart('wasm', reply.reason);
    if (reply.type === 'imageBatch') return reply.replies.forEach((r) => this.receive(r));
    const pending = this.pending.get(reply.id);
    if (!pending) return; // the answer to a request nobody waits for any more
    if (reply.type === 'progress') return pending.onProgress?.(reply.phase);
    this.pending.delete(reply.id);
    this.resentUnanswered.delete(reply.id);
    if (reply.type === 'error') pending.reject(new Error(reply.message));
    else pending.resolve(reply);
  }

  /** Replaces the worker, loads the model again on `backend`, and re-sends pending requests in their order. */
  private restart(backend: BackendPreference, reason: string): void {
    if (this.disposed || this.stopped) return;
    this.worker.terminate();
    // A camera frame went to the old worker with its bitmap: it cannot be sent again (the camera sends a new one).
    for (const [id, p] of this.pending) {
      if (p.message.type !== 'encodeFrame') continue;
      this.pending.delete(id);
      p.reject(new Error('The camera frame was dropped while the model restarted.'));
    }
    const waiting = [...this.pending.values()];
    if (!this.lastLoad || !this.budget.take(this.resentUnanswered.size > 0)) {
      const why = this.lastLoad ? `, ${MAX_RESTARTS + 1} times within a minute,` : ' before a model was loaded,';
      const message = `${reason}${why} so Clipscope stopped restarting it. Press Restart to try again, or reload the page.`;
      this.stopped = new WorkerStoppedError(message);
      this.pending.clear();
      waiting.forEach((p) => p.reject(this.stopped!));
      this.onStopped(message);
      return;
    }
    this.worker = this.spawn();
    this.fallbackNotice =
      backend === 'wasm'
        ? `${reason}. The model now runs on WASM (CPU); pending work was re-run.`
        : `${reason}. It was restarted and pending work re-run.`;
    const reload = waiting.find((p) => p.message.type === 'load');
    const load: LoadRequest = { ...this.lastLoad, backend, id: reload ? reload.message.id : this.nextId++ };
    this.lastLoad = load;
    if (reload) reload.message = load;
    else this.pending.set(load.id, { message: load, resolve: (reply) => this.announce(reply), reject: () => {} });
    this.worker.postMessage(load);
    waiting.filter((p) => p !== reload).forEach((p) => this.worker.postMessage(p.message));
    this.resentUnanswered = new Set(waiting.filter((p) => p !== reload).map((p) => p.message.id));
  }

  private announce(reply: RequestReply): void {
    if (reply.type === 'loaded') this.onBackendChanged(reply.model.backend, this.fallbackNotice);
  }
}
