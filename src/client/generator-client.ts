// The client of a generator model (captions, answers, continuations, label likelihoods) in its own model worker,
// so CLIP's chart never waits on a generation. Ids, restarts after a killed worker, the WebGPU -> WASM fallback,
// re-sending and stale replies are the generic client's (worker-client.ts): a generation in flight when the worker
// dies is sent again, so its text restarts from the first token.
import type { LoadPhase } from '../shared/load-phase';
import type { Generated, GeneratorLoadRequest, GeneratorRequests, LoadedGenerator } from '../shared/generator-protocol';
import { browserWorkerHost, WORKER_NAME_PREFIX, type ModelWorkerHost } from './model-worker';
import { WorkerClient } from './worker-client';

/** The generator's worker name (and Web Lock) prefix: distinct from CLIP's workers. */
export const GENERATOR_WORKER_PREFIX = `${WORKER_NAME_PREFIX}generator-`;

export type GeneratorLoadParams = Omit<GeneratorLoadRequest, 'type' | 'id' | 'kind'>;

/** A streamed update: the whole text so far, never a delta. */
export interface GeneratedSoFar {
  text: string;
  tokenIds: number[];
}

export interface GenerateArgs {
  imageKey: string;
  image: Blob;
  prefix: string;
  maxTokens: number;
  beams: number;
  /** False re-runs the whole sequence each step (the benchmark's baseline). */
  kvCache?: boolean;
}

export interface ScoreLabelsArgs {
  imageKey: string;
  image: Blob;
  prefix: string;
  labels: string[];
  /** False scores one label per decoder pass (the benchmark's comparison). */
  batched?: boolean;
}

export class GeneratorClient extends WorkerClient<GeneratorRequests> {
  constructor(host: ModelWorkerHost<GeneratorRequests> = browserWorkerHost()) {
    super(host, GENERATOR_WORKER_PREFIX);
  }

  async load(params: GeneratorLoadParams, onProgress: (phase: LoadPhase) => void): Promise<LoadedGenerator> {
    this.restartNotice = '';
    const { model } = await this.request('load', { ...params, kind: 'generator' }, onProgress);
    return this.restartNotice ? { ...model, notice: this.restartNotice } : model;
  }

  /** Starts a generation: `id` is what stop() takes; `done` settles with the reply. */
  generate(args: GenerateArgs, onText: (update: GeneratedSoFar) => void): { id: number; done: Promise<Generated> } {
    const id = this.nextRequestId;
    const done = this.request('generate', { ...args, kvCache: args.kvCache ?? true }, onText).then(
      ({ type: _type, id: _id, ...generated }) => generated,
    );
    return { id, done };
  }

  /** Stops generation `id`: a running one replies with the text so far, a queued one with none. */
  stop(id: number): void {
    this.stopRequest(id);
  }

  async scoreLabels(args: ScoreLabelsArgs): Promise<{ meanLogProbs: Float32Array; tokenCounts: number[] }> {
    const { meanLogProbs, tokenCounts } = await this.request('scoreLabels', { ...args, batched: args.batched ?? true });
    return { meanLogProbs, tokenCounts };
  }

  async forgetImages(imageKeys: string[]): Promise<void> {
    await this.request('forgetImages', { imageKeys });
  }
}
