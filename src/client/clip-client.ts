// The client of a CLIP model (contrastive image and text embeddings) in the model worker: the CLIP kind's requests
// as methods. Ids, restarts, re-sending and stale replies are the generic client's (worker-client.ts).
import type { LoadPhase } from '../shared/load-phase';
import type { ClipRequests, LoadedModel, LoadRequest } from '../shared/protocol';
import { browserWorkerHost, type ModelWorkerHost } from './model-worker';
import { WorkerClient } from './worker-client';

export { MAX_RESTARTS, RESTART_WINDOW_MS, WorkerStoppedError } from './worker-client';

export interface ImageEmbedding {
  embeds: Float32Array;
  thumbnail: Blob;
  width: number;
  height: number;
}

export class ClipClient extends WorkerClient<ClipRequests> {
  constructor(host: ModelWorkerHost<ClipRequests> = browserWorkerHost()) {
    super(host);
  }

  async load(params: Omit<LoadRequest, 'type' | 'id'>, onProgress: (phase: LoadPhase) => void): Promise<LoadedModel> {
    this.restartNotice = '';
    const { model } = await this.request('load', { ...params, kind: 'clip' }, onProgress);
    return this.restartNotice ? { ...model, notice: this.restartNotice } : model;
  }

  /** Drops every image request not answered yet: the worker forgets the queued ones; each caller gets an error. */
  cancelImages(): void {
    this.cancelAll('encodeImage');
  }

  async encodeTexts(prompts: string[]): Promise<Float32Array> {
    return (await this.encodeTextsWithTokens(prompts)).embeds;
  }

  /** Embeddings plus each prompt's token ids (space-separated), for merging labels that tokenize alike. */
  async encodeTextsWithTokens(prompts: string[]): Promise<{ embeds: Float32Array; tokens: string[] }> {
    const { embeds, tokens } = await this.request('encodeTexts', { prompts });
    return { embeds, tokens };
  }

  async encodeImage(file: Blob, name: string): Promise<ImageEmbedding> {
    const { embeds, thumbnail, width, height } = await this.request('encodeImage', { file, name });
    return { embeds, thumbnail, width, height };
  }

  /** Encodes one camera frame; the bitmap is transferred to the worker (and closed there). */
  async encodeFrame(frame: ImageBitmap): Promise<Float32Array> {
    return (await this.request('encodeFrame', { frame }, undefined, [frame])).embeds;
  }
}
