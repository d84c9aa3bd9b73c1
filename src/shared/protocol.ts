// The typed message protocol between a client (main thread) and the model worker. Every request carries an id;
// every reply names the id it answers, so the client can match replies and drop stale ones. Each model kind has a
// request map (request-map.ts): 'clip', contrastive image and text embeddings, and 'generator'
// (generator-protocol.ts), an encoder-decoder model that writes text about an image. Parts every kind shares
// (the load request's kind and backend, the loaded model's backend and notice, failures) are defined here too.

import type { Dtype } from '../model/catalogue/catalogue';
import type { ConfigScoring } from '../model/scoring/config-scoring';
import type { LoadPhase } from './load-phase';
import type { UnfamiliarCalibration } from '../model/scoring/unfamiliar-image';
import type {
  CheckedMap,
  ErrorReply,
  Exchange,
  Message,
  ReplyTo,
  RequestMap,
  RequestOf,
  UpdateMessage,
  UpdateOf,
} from './request-map';

export type BackendPreference = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';

/** The kinds of model session the worker hosts (model-kinds.ts in the worker). */
export type ModelKind = 'clip' | 'generator';

/** What every kind's load request carries: the host picks the session by `kind`, a restart changes `backend`. */
export interface KindLoad extends Message {
  type: 'load';
  kind: ModelKind;
  backend: BackendPreference;
}

/** What every kind's loaded model reports: where it runs and, in words, why that differs from the preference. */
export interface KindLoaded {
  backend: Backend;
  notice: string;
}

/** A protocol of one model kind: a load, streaming its phases, plus the kind's own requests. */
export type KindMap = RequestMap & {
  load: Exchange<KindLoad, { type: 'loaded'; id: number; model: KindLoaded }, LoadPhase>;
};

/** A CLIP model's load request (without its kind, which the client adds). */
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

export interface LoadedModel extends KindLoaded {
  dtype: Dtype;
  /** Every file came from Cache Storage. */
  fromCache: boolean;
  threads: number;
  embedDim: number;
  /** The trained scale (and, for SigLIP, bias) from config.json or the original weights, when known. */
  logitScale?: number;
  logitBias?: number;
  /** The dtypes the model provides (for an uncatalogued model: those whose tower files were found). */
  dtypes: Dtype[];
  /** For an uncatalogued model: the scoring its config.json calls for. */
  configScoring?: ConfigScoring;
  /** How to tell an image unlike the model's training data (declared by Clipscope Mini), when the model says. */
  unfamiliar?: UnfamiliarCalibration;
  /** WebGPU runs on a software adapter (no GPU; forced with ?backend=webgpu): far slower than WASM. */
  softwareAdapter?: boolean;
}

export interface ImageEmbeds {
  type: 'imageEmbeds';
  id: number;
  embeds: Float32Array;
  thumbnail: Blob;
  width: number;
  height: number;
}

/** The CLIP kind's requests, each with the reply that settles it and what it streams meanwhile. */
export type ClipRequests = CheckedMap<
  {
    /** Streams where the load is: downloading, compiling each tower, warming up (load-phase.ts). */
    load: Exchange<LoadRequest & { kind: 'clip' }, { type: 'loaded'; id: number; model: LoadedModel }, LoadPhase>;
    /** `tokens`: each prompt's token ids, space-separated, so labels the tokenizer cannot tell apart share one bar. */
    encodeTexts: Exchange<
      { type: 'encodeTexts'; id: number; prompts: string[] },
      { type: 'textEmbeds'; id: number; embeds: Float32Array; count: number; tokens: string[] }
    >;
    /** Answered within an `imageBatch`. */
    encodeImage: Exchange<{ type: 'encodeImage'; id: number; file: Blob; name: string }, ImageEmbeds>;
    /** One live camera frame, transferred; answered ahead of queued images, with no thumbnail. */
    encodeFrame: Exchange<
      { type: 'encodeFrame'; id: number; frame: ImageBitmap },
      { type: 'frameEmbeds'; id: number; embeds: Float32Array }
    >;
  },
  TransportMessage['type']
>;

/** Stops the download of load request `id`, or drops queued request `id`; settles nothing itself. */
interface CancelRequest {
  type: 'cancel';
  id: number;
}

/** One request's answer within a batch, or its failure. */
type BatchedReply<M extends RequestMap> = ReplyTo<M> | ErrorReply;

/** What a worker sends besides replies: failures, updates, batches, WebGPU failures. No reply takes these types. */
export type TransportMessage<M extends RequestMap = RequestMap> =
  | ErrorReply
  | UpdateMessage<UpdateOf<M>>
  /** The answers to one batch of requests (images), in one message so the page updates once for all. `id` 0. */
  | { type: 'imageBatch'; id: number; replies: BatchedReply<M>[] }
  /** WebGPU failed (at start, while running, or the device was lost): the worker's ONNX Runtime may be unusable,
   * so the client replaces the worker with a WASM one and re-sends pending work. `id` 0: no request caused it. */
  | { type: 'webgpuFailed'; id: number; reason: string };

const TRANSPORT_TYPES: ReadonlySet<string> = new Set<TransportMessage['type']>([
  'error',
  'update',
  'imageBatch',
  'webgpuFailed',
]);

/** A transport message, or undefined for a reply (which the map guarantees never shares their types). */
export function transportMessage<M extends RequestMap>(message: WorkerMessage<M>): TransportMessage<M> | undefined {
  return TRANSPORT_TYPES.has(message.type) ? (message as TransportMessage<M>) : undefined;
}

/** Everything a worker of protocol `M` may send. */
export type WorkerMessage<M extends RequestMap> = ReplyTo<M> | TransportMessage<M>;

/** Everything a client of protocol `M` may send. */
export type ClientMessage<M extends RequestMap> = RequestOf<M> | CancelRequest;

// The CLIP kind's messages by their former names.
export type WorkerRequest = ClientMessage<ClipRequests>;
export type WorkerReply = WorkerMessage<ClipRequests>;
