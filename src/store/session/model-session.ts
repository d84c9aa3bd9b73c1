// One model's life: its worker (through an injected client factory), the load and its progress, the generation
// that makes old answers stale, the prompt and image encoding with their caches, cancel, restarts and the end of
// the restart budget. The main view and the comparison are two sessions with different sinks; the camera asks the
// main session for frames.
import { WorkerStoppedError } from '../../client/clip-client';
import {
  advanceLoad,
  IDLE,
  loadFailed,
  loadingStatus,
  withBackend,
  workerStopped,
  type ModelStatus,
} from '../model-status';
import { ImageQueue } from './image-queue';
import { PromptEncoder } from './prompt-encoder';
import type {
  LoadOutcome,
  LoadSpec,
  MakeClient,
  SessionClient,
  SessionCore,
  SessionError,
  SessionSink,
  SessionSource,
} from './session-types';

export interface SessionOptions {
  makeClient: MakeClient;
  source: SessionSource;
  sink: SessionSink;
  /** Words for a worker given up after too many restarts; the client's own words by default. */
  stoppedMessage?: (message: string) => string;
  now?: () => number;
}

export class ModelSession implements SessionCore {
  readonly source: SessionSource;
  readonly sink: SessionSink;
  private currentClient: SessionClient;
  private currentGeneration = 0;
  private currentReady: Promise<boolean> = Promise.resolve(false);
  private currentStatus: ModelStatus = IDLE;
  private modelId = '';
  private cancelRequested = false;
  private ended = false;
  private lastStart = 0;
  private readonly prompts = new PromptEncoder(this);
  private readonly images = new ImageQueue(this);
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.source = options.source;
    this.sink = options.sink;
    this.now = options.now ?? Date.now;
    this.currentClient = this.makeClient();
  }

  get generation(): number {
    return this.currentGeneration;
  }
  get ready(): Promise<boolean> {
    return this.currentReady;
  }
  get client(): SessionClient {
    return this.currentClient;
  }
  get status(): ModelStatus {
    return this.currentStatus;
  }
  /** Stopped for good (a comparison closed): every later answer is dropped. */
  get stopped(): boolean {
    return this.ended;
  }

  /** Loads a model in place of the current one; images and prompts run again on it once it is ready. */
  load(spec: LoadSpec): Promise<LoadOutcome> {
    if (this.ended) return Promise.resolve({ kind: 'replaced' });
    this.currentClient.cancelLoad(); // a load still under way is replaced, not queued behind
    const generation = ++this.currentGeneration;
    const current = () => generation === this.currentGeneration;
    this.modelId = spec.modelId;
    // Distinct per load, so a status consumer can tell two loads started within the same millisecond apart.
    const startedAt = (this.lastStart = Math.max(this.now(), this.lastStart + 1));
    this.setStatus(loadingStatus(spec.modelId, startedAt));
    this.currentClient.cancelImages(); // images queued for the old model run again once the new one is ready
    this.prompts.reset();
    this.images.reset();
    this.sink.cleared();
    this.cancelRequested = false;
    const outcome = this.currentClient
      .load(spec.request, (step) => current() && this.setStatus(advanceLoad(this.currentStatus, step, this.now())))
      .then((model): LoadOutcome => {
        if (!current()) return { kind: 'replaced' };
        this.sink.loaded?.(spec.modelId, model);
        this.setStatus({ phase: 'ready', modelId: spec.modelId, model });
        return { kind: 'loaded', model };
      })
      .catch((error: Error): LoadOutcome => {
        if (!current()) return { kind: 'replaced' };
        if (error instanceof WorkerStoppedError) {
          this.workerStopped(error.message); // not the model's fault: no switch to another one
          return { kind: 'worker-stopped', message: error.message };
        }
        if (this.cancelRequested) {
          this.fail(loadFailed(spec.modelId, 'The download was cancelled.', 'cancelled'));
          return { kind: 'cancelled' };
        }
        return { kind: 'failed', message: error.message, generation };
      });
    this.currentReady = outcome.then((o) => o.kind === 'loaded');
    void this.currentReady.then((ok) => {
      if (ok && current()) this.encodeWaiting();
    });
    return outcome;
  }

  /** Ends a load that failed (see LoadOutcome) with an error status; nothing when a newer load took over. */
  fail(error: SessionError, generation = this.currentGeneration): void {
    if (generation !== this.currentGeneration || this.ended) return;
    this.setStatus(error);
  }

  /** Stops the download under way; its load ends as cancelled. */
  cancelLoad(): void {
    this.cancelRequested = true;
    this.currentClient.cancelLoad();
  }

  /** Drops every image request not answered yet (the app removed those images). */
  cancelImages(): void {
    this.currentClient.cancelImages();
  }

  /** After the restart budget ran out: a fresh worker with a full budget. The caller loads the model again. */
  revive(): void {
    this.currentClient.revive();
  }

  /** A fresh worker in place of the current one (one whose ONNX Runtime ran WebGPU is not reused for WASM). */
  replaceWorker(): void {
    this.currentClient.dispose();
    this.currentClient = this.makeClient();
  }

  /** Encodes the wanted prompts not yet encoded; edits made meanwhile coalesce into one more pass. */
  encodeLabels(): Promise<void> {
    return this.prompts.schedule();
  }

  /** Encodes the listed images not yet encoded. */
  syncImages(): void {
    this.images.sync();
  }

  textEmbedding(prompt: string): Float32Array | undefined {
    return this.prompts.embedding(prompt);
  }

  imageEmbedding(id: string): Float32Array | undefined {
    return this.images.embedding(id);
  }

  /**
   * Encodes one camera frame (the bitmap is transferred and closed); undefined when no model is ready or another
   * model was loaded meanwhile (its embedding would not match the labels).
   */
  async encodeFrame(frame: ImageBitmap): Promise<Float32Array | undefined> {
    const generation = this.currentGeneration;
    if (this.currentStatus.phase !== 'ready' || !(await this.currentReady)) {
      frame.close();
      return undefined;
    }
    const embeds = await this.currentClient.encodeFrame(frame);
    return generation === this.currentGeneration ? embeds : undefined;
  }

  /** Ends the session and its worker (freeing the model's memory); every later answer is dropped. */
  stop(): void {
    if (this.ended) return;
    this.currentGeneration++;
    this.currentReady = Promise.resolve(false);
    this.currentClient.dispose();
    this.setStatus(IDLE);
    this.ended = true;
  }

  private encodeWaiting(): void {
    void this.prompts.schedule();
    this.images.sync();
  }

  private makeClient(): SessionClient {
    const client = this.options.makeClient();
    client.onStopped = (message) => {
      if (client === this.currentClient) this.workerStopped(message);
    };
    client.onBackendChanged = (backend, notice) => {
      if (client === this.currentClient) this.setStatus(withBackend(this.currentStatus, backend, notice));
    };
    return client;
  }

  private workerStopped(message: string): void {
    if (this.ended) return;
    const words = this.options.stoppedMessage?.(message) ?? message;
    // The model that was running stays known (its backend, weights, calibration) while the user decides.
    this.setStatus(workerStopped(this.currentStatus, this.modelId, words));
  }

  private setStatus(status: ModelStatus): void {
    if (this.ended) return;
    this.currentStatus = status;
    this.sink.status(status);
  }
}
