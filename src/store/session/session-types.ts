// What a model session is given (its worker, what to encode) and what it reports (status, embeddings, image
// results). The session imports none of the app's store: the main view, the comparison and the tests each pass
// their own source and sink.
import type { ClipClient } from '../../client/clip-client';
import type { LoadedModel, LoadRequest } from '../../shared/protocol';
import type { ErrorStatus, ModelStatus } from '../model-status';

/** The part of ClipClient a session uses. */
export type SessionClient = Pick<
  ClipClient,
  | 'load'
  | 'cancelLoad'
  | 'cancelImages'
  | 'encodeTextsWithTokens'
  | 'encodeImage'
  | 'encodeFrame'
  | 'dispose'
  | 'revive'
  | 'onStopped'
  | 'onBackendChanged'
>;

/** Makes a client with a fresh worker (a browser Worker in the app, a fake one in unit tests). */
export type MakeClient = () => SessionClient;

export interface SessionImage {
  id: string;
  name: string;
  file: Blob;
}

/** What the app wants encoded now; read whenever the session looks for work. */
export interface SessionSource {
  /** Every prompt wanted, in order of importance (duplicates allowed). */
  prompts(): readonly string[];
  /** The images to encode; an image no longer listed was removed and its answer is dropped. */
  images(): readonly SessionImage[];
}

/** Where a session reports its state; only answers for its current model ever reach it. */
export interface SessionSink {
  status(status: ModelStatus): void;
  /** A model loaded; called just before its ready status, so what depends on the model is in place first. */
  loaded?(modelId: string, model: LoadedModel): void;
  /** A new load forgot every embedding of the previous model. */
  cleared(): void;
  textEmbeds(prompts: readonly string[], embeds: Float32Array, tokens: readonly string[]): void;
  imageStarted?(id: string): void;
  imageDone(id: string, result: { embeds: Float32Array; thumbnail: Blob; width: number; height: number }): void;
  /** `workerStopped`: the worker was given up, not the image; a fresh worker may manage it. */
  imageFailed?(id: string, message: string, workerStopped: boolean): void;
}

export interface LoadSpec {
  /** The model's id as the app names it (reported in the status). */
  modelId: string;
  request: Omit<LoadRequest, 'type' | 'id'>;
}

/** How a load ended. Only `failed` leaves the status to the caller, which either loads another model or `fail`s. */
export type LoadOutcome =
  | { kind: 'loaded'; model: LoadedModel }
  /** A newer load (or stop) took over: nothing to do. */
  | { kind: 'replaced' }
  | { kind: 'cancelled' }
  | { kind: 'worker-stopped'; message: string }
  | { kind: 'failed'; message: string; generation: number };

/** How a failed load ends: an error status (see model-status.ts for the ones the app makes). */
export type SessionError = ErrorStatus;

/** The session as its parts (prompt encoder, image queue) see it. */
export interface SessionCore {
  /** Bumped by each load and by stop: an answer from an older generation is stale. */
  readonly generation: number;
  /** Resolves true once the current load succeeded, false when it failed or was replaced. */
  readonly ready: Promise<boolean>;
  readonly client: SessionClient;
  readonly source: SessionSource;
  readonly sink: SessionSink;
  readonly stopped: boolean;
}
