// A ModelWorkerHost for unit tests in Node: its workers answer load, encodeTexts, encodeImage and encodeFrame as the
// real worker does (progress then loaded; one embedding row per prompt; image replies in a batch), in order. A test
// can hold their replies and release them later, make a request fail, or kill a worker (its Web Lock then goes,
// as when the browser ends it). Embeddings start with the number of the model that made them (see `modelUrl`).
import type { ModelWorker, ModelWorkerHost } from '../../client/model-worker';
import type { LoadedModel, LoadRequest, WorkerReply, WorkerRequest } from '../../shared/protocol';

/** The load URL of model `n`; every embedding that model makes starts with `n`. */
const modelUrl = (n: number) => `https://hub.test/model-${n}/`;

export const loadOf = (n: number): Omit<LoadRequest, 'type' | 'id'> => ({
  modelUrl: modelUrl(n),
  useCache: false,
  backend: 'wasm',
  dtypes: ['q8'],
  wasmDtype: 'q8',
  padTo: 0,
});

const LOADED: LoadedModel = {
  backend: 'wasm',
  dtype: 'q8',
  fromCache: false,
  threads: 1,
  embedDim: 2,
  notice: '',
  dtypes: ['q8'],
};

export class FakeModelWorker implements ModelWorker {
  onmessage: ModelWorker['onmessage'] = null;
  onerror: ModelWorker['onerror'] = null;
  /** Every request received, in order (cancels included). */
  readonly received: WorkerRequest[] = [];
  /** Requests waiting for `release` while the host holds replies. */
  readonly held: WorkerRequest[] = [];
  /** Request types whose next request fails with this message. */
  readonly failNext = new Map<WorkerRequest['type'], string>();
  terminated = false;
  private model = 0;
  private end!: () => void;
  readonly ended = new Promise<void>((resolve) => (this.end = resolve));

  constructor(private readonly host: FakeHost<FakeModelWorker>) {}

  postMessage(message: WorkerRequest): void {
    if (this.terminated) throw new Error('Posted to a worker that has ended.');
    this.received.push(message);
    if (message.type === 'cancel') return this.cancel(message.id);
    // Like the real worker, a load reports that it started at once (so the client watches this worker's life).
    if (message.type === 'load') this.reply({ type: 'update', id: message.id, update: { kind: 'starting' } });
    if (this.host.holding) this.held.push(message);
    else setTimeout(() => this.answer(message), 0);
  }

  terminate(): void {
    this.terminated = true;
    this.end();
  }

  /** Answers the held requests (those `which` picks, by default all), in order. */
  release(which: (request: WorkerRequest) => boolean = () => true): void {
    const chosen = this.held.filter(which);
    chosen.forEach((request) => this.held.splice(this.held.indexOf(request), 1));
    chosen.forEach((request) => this.answer(request));
  }

  /** Killed from outside (a crash of the tab's process, out of memory): no error event, only its lock goes. */
  kill(): void {
    this.terminated = true;
    this.end();
  }

  private cancel(id: number): void {
    const index = this.held.findIndex((request) => request.id === id);
    if (index < 0) return;
    const [request] = this.held.splice(index, 1);
    // A cancelled download fails its load; a cancelled image is forgotten (its caller was already answered).
    if (request!.type === 'load') this.reply({ type: 'error', id, message: 'The download was cancelled.' });
  }

  private answer(request: WorkerRequest): void {
    if (this.terminated) return;
    const failure = this.failNext.get(request.type);
    if (failure !== undefined) {
      this.failNext.delete(request.type);
      return this.reply({ type: 'error', id: request.id, message: failure });
    }
    const { id } = request;
    switch (request.type) {
      case 'load': {
        const phase = { kind: 'downloading', loadedBytes: 1, totalBytes: 2, fromCache: false } as const;
        this.reply({ type: 'update', id, update: phase });
        this.model = Number(/model-(\d+)/.exec(request.modelUrl)?.[1] ?? 0);
        return this.reply({
          type: 'loaded',
          id,
          model: { ...LOADED, backend: request.backend === 'webgpu' ? 'webgpu' : 'wasm' },
        });
      }
      case 'encodeTexts': {
        const embeds = Float32Array.from(request.prompts.flatMap((prompt) => [this.model, prompt.length]));
        const tokens = request.prompts.map((prompt) => prompt.toLowerCase());
        return this.reply({ type: 'textEmbeds', id, embeds, count: request.prompts.length, tokens });
      }
      case 'encodeImage': {
        const image = { type: 'imageEmbeds', id, embeds: new Float32Array([this.model, id]) } as const;
        return this.reply({
          type: 'imageBatch',
          id: 0,
          replies: [{ ...image, thumbnail: new Blob([]), width: 1, height: 1 }],
        });
      }
      case 'encodeFrame':
        return this.reply({ type: 'frameEmbeds', id, embeds: new Float32Array([this.model, 0]) });
    }
  }

  private reply(reply: WorkerReply): void {
    if (!this.terminated) this.onmessage?.({ data: reply } as MessageEvent<WorkerReply>);
  }
}

/** A host of fake workers of any kind: spawned workers by name, each ending when the test kills it. */
export class FakeHost<W extends { readonly ended: Promise<void> }> {
  readonly workers: W[] = [];
  /** While true, workers keep requests until the test releases or steps them. */
  holding = false;
  private readonly byName = new Map<string, W>();

  constructor(private readonly makeWorker: (host: FakeHost<W>) => W) {}

  spawn(name: string): W {
    const worker = this.makeWorker(this);
    this.workers.push(worker);
    this.byName.set(name, worker);
    return worker;
  }

  ended(name: string): Promise<void> {
    return this.byName.get(name)!.ended;
  }

  now(): number {
    return 0;
  }

  current(): W {
    return this.workers.at(-1)!;
  }
}

export class FakeWorkerHost extends FakeHost<FakeModelWorker> implements ModelWorkerHost {
  constructor() {
    super((host) => new FakeModelWorker(host));
  }
}

/** Lets queued timers and promise callbacks run until `done` holds (bounded by passes, not by time). */
export async function until(done: () => boolean, passes = 200): Promise<void> {
  for (let i = 0; i < passes && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 0));
  if (!done()) throw new Error('The condition never held.');
}

/** Lets everything queued now run out. */
export const settle = async (passes = 20) => {
  for (let i = 0; i < passes; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
