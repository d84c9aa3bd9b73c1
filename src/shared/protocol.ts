// The typed message protocol between the client (main thread) and the model worker. Every request carries an id;
// every reply names the id it answers, so the client can match replies and drop stale ones.

import type { Dtype } from '../model/catalogue';
import type { ConfigScoring } from '../model/config-scoring';
import type { LoadPhase } from '../model/load-phase';
import type { UnfamiliarCalibration } from '../model/unfamiliar';

export type BackendPreference = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';

export interface LoadRequest {
  type: 'load';
  id: number;
  /** Folder URL in the Hub layout, ending in '/'. */
  modelUrl: string;
  /** Keep downloaded files in Cache Storage (models from the model host, not the site's own). */
  useCache: boolean;
  /** A model folder from the user's disk, by path inside the folder (e.g. "onnx/text_model.onnx"). */
  localFiles?: Record<string, Blob>;
  backend: BackendPreference;
  dtypes: Dtype[];
  wasmDtype: Dtype;
  /** Pad prompts to this many tokens (SigLIP); 0 pads to the longest prompt. */
  padTo: number;
  dtype?: Dtype;
  /** A safetensors file holding the trained logit_scale and logit_bias that the ONNX towers lack (SigLIP). */
  scoringWeightsUrl?: string;
  /**
   * A model the catalogue does not list: its dtypes are the tower files found, and its scoring follows config.json
   * (config-scoring.ts). `repo` (absent for a folder from disk) and `hubHost` locate original weights to read.
   */
  uncatalogued?: { repo?: string; hubHost: string };
}

export type WorkerRequest =
  | LoadRequest
  /** Stops the download of load request `id`, or drops image request `id` if it is still queued. */
  | { type: 'cancel'; id: number }
  | { type: 'encodeTexts'; id: number; prompts: string[] }
  | { type: 'encodeImage'; id: number; file: Blob; name: string }
  /** One live camera frame, transferred; answered ahead of queued images, with no thumbnail. */
  | { type: 'encodeFrame'; id: number; frame: ImageBitmap };

export interface LoadedModel {
  backend: Backend;
  dtype: Dtype;
  /** Every file came from Cache Storage. */
  fromCache: boolean;
  threads: number;
  embedDim: number;
  /** The trained scale (and, for SigLIP, bias) from config.json or the original weights, when known. */
  logitScale?: number;
  logitBias?: number;
  /** Why the backend differs from the preference, in words for the user; empty when it does not. */
  notice: string;
  /** The dtypes the model provides (for an uncatalogued model: those whose tower files were found). */
  dtypes: Dtype[];
  /** For an uncatalogued model: the scoring its config.json calls for. */
  configScoring?: ConfigScoring;
  /** How to tell an image unlike the model's training data (declared by Clipscope Mini), when the model says. */
  unfamiliar?: UnfamiliarCalibration;
  /** WebGPU runs on a software adapter (no GPU; forced with ?backend=webgpu): far slower than WASM. */
  softwareAdapter?: boolean;
}

export type WorkerReply =
  /** Where load request `id` is: downloading, compiling each tower, warming up (load-phase.ts). */
  | { type: 'progress'; id: number; phase: LoadPhase }
  | { type: 'loaded'; id: number; model: LoadedModel }
  /** `tokens`: each prompt's token ids, space-separated, so labels the tokenizer cannot tell apart share one bar. */
  | { type: 'textEmbeds'; id: number; embeds: Float32Array; count: number; tokens: string[] }
  | ImageReply
  | { type: 'frameEmbeds'; id: number; embeds: Float32Array }
  /** The answers for one batch of images, in one message so the page updates once for all of them. `id` 0. */
  | { type: 'imageBatch'; id: number; replies: ImageReply[] }
  /** WebGPU failed (at start, while running, or the device was lost): the worker's ONNX Runtime may be unusable,
   * so the client replaces the worker with a WASM one and re-sends pending work. `id` 0: no request caused it. */
  | { type: 'webgpuFailed'; id: number; reason: string };

/** One image's answer (within an `imageBatch`), or any request's failure. */
export type ImageReply =
  | { type: 'imageEmbeds'; id: number; embeds: Float32Array; thumbnail: Blob; width: number; height: number }
  | { type: 'error'; id: number; message: string };

/** Replies that settle one request. */
export type RequestReply = Extract<
  WorkerReply,
  { type: 'loaded' | 'textEmbeds' | 'imageEmbeds' | 'frameEmbeds' | 'error' }
>;
