// Messages between the model worker and its preparing worker (preparing.worker.ts), matched by request id.
import type { PreprocessorConfig } from '../model/image/preprocess';

export interface PrepareRequest {
  type: 'prepare';
  id: number;
  file: Blob;
  config: PreprocessorConfig;
}

/** Prepares a made-up image a few times, so the first real ones do not also wait for the JavaScript to compile. */
export interface WarmRequest {
  type: 'warm';
  config: PreprocessorConfig;
}

export type PrepareReply =
  | {
      type: 'prepared';
      id: number;
      values: Float32Array;
      width: number;
      height: number;
    }
  /** Sent after `prepared`: the thumbnail encodes while the model already has the pixels. */
  | { type: 'thumbnail'; id: number; thumbnail?: Blob; error?: string }
  | { type: 'failed'; id: number; message: string }
  /** Sent once the worker holds its life lock (see preparing-pool.ts). */
  | { type: 'alive'; id: 0 };
