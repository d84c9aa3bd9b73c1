// The only code that talks to the model worker: typed requests, replies matched by id, progress callbacks, and
// a fresh worker (with every pending request failed, so callers can re-queue) if the worker dies.
import type { Backend, BackendPreference, LoadedModel, RequestReply, WorkerReply, WorkerRequest } from '../shared/protocol';

type Progress = (stage: string, loadedBytes: number, totalBytes: number) => void;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

interface Pending {
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

export class ClipClient {
  onBackendChanged: (backend: Backend, notice: string) => void = () => {};
  onCrash: (message: string) => void = () => {};
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = this.spawn();
  }

  async load(modelUrl: string, backend: BackendPreference, onProgress: Progress): Promise<LoadedModel> {
    const reply = await this.request({ type: 'load', modelUrl, backend }, [], onProgress);
    return (reply as Extract<RequestReply, { type: 'loaded' }>).model;
  }

  async encodeTexts(prompts: string[]): Promise<Float32Array> {
    const reply = await this.request({ type: 'encodeTexts', prompts });
    return (reply as Extract<RequestReply, { type: 'textEmbeds' }>).embeds;
  }

  async encodeImage(file: Blob, name: string): Promise<ImageEmbedding> {
    const { embeds, thumbnail, width, height } = (await this.request({ type: 'encodeImage', file, name })) as Extract<
      RequestReply,
      { type: 'imageEmbeds' }
    >;
    return { embeds, thumbnail, width, height };
  }

  private request(message: DistributiveOmit<WorkerRequest, 'id'>, transfer: Transferable[] = [], onProgress?: Progress) {
    const id = this.nextId++;
    return new Promise<RequestReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ ...message, id } as WorkerRequest, transfer);
    });
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('../worker/clip.worker.ts', import.meta.url), {
      type: 'module',
      name: 'clipscope-model',
    });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.crash(`The model worker stopped (${event.message || 'unknown error'}).`);
    };
    return worker;
  }

  private receive(reply: WorkerReply): void {
    if (reply.type === 'backendChanged') return this.onBackendChanged(reply.backend, reply.notice);
    const pending = this.pending.get(reply.id);
    if (!pending) return; // answer to a request nobody waits for any more
    if (reply.type === 'progress') return pending.onProgress?.(reply.stage, reply.loadedBytes, reply.totalBytes);
    this.pending.delete(reply.id);
    if (reply.type === 'error') pending.reject(new Error(reply.message));
    else pending.resolve(reply);
  }

  private crash(message: string): void {
    this.worker.terminate();
    this.worker = this.spawn();
    const failed = [...this.pending.values()];
    this.pending.clear();
    failed.forEach((p) => p.reject(new Error(message)));
    this.onCrash(message);
  }
}
