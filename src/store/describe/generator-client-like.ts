// The part of the generator client (src/client/generator-client.ts) the describe session uses, typed here so the
// session is built and tested against a fake; the real client satisfies it.
import type { Dtype } from '../../model/catalogue/catalogue';
import type { LoadPhase } from '../../shared/load-phase';
import type { Backend, BackendPreference, KindLoaded } from '../../shared/protocol';

export interface LoadedGenerator extends KindLoaded {
  dtype: Dtype;
  fromCache: boolean;
  threads: number;
  /** The longest generation, in tokens (generation_config.json's max_length). */
  maxTokens: number;
  softwareAdapter?: boolean;
}

export interface GeneratorLoadParams {
  modelUrl: string;
  useCache: boolean;
  backend: BackendPreference;
  dtype: Dtype;
  localFiles?: Record<string, Blob>;
}

export interface Generated {
  text: string;
  tokenIds: number[];
  stopped: boolean;
  firstTokenMs: number;
  tokensPerSecond: number;
  imageMs: number;
}

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
  kvCache?: boolean;
}

export interface ScoreArgs {
  imageKey: string;
  image: Blob;
  prefix: string;
  labels: string[];
  batched?: boolean;
}

export interface GeneratorClientLike {
  load(params: GeneratorLoadParams, onProgress: (p: LoadPhase) => void): Promise<LoadedGenerator>;
  generate(args: GenerateArgs, onText: (u: GeneratedSoFar) => void): { id: number; done: Promise<Generated> };
  stop(id: number): void;
  scoreLabels(args: ScoreArgs): Promise<{ meanLogProbs: Float32Array; tokenCounts: number[] }>;
  forgetImages(imageKeys: string[]): Promise<void>;
  cancelLoad(): void;
  revive(): void;
  dispose(): void;
  onStopped: (message: string) => void;
  onBackendChanged: (backend: Backend, notice: string) => void;
}

export type MakeGeneratorClient = () => GeneratorClientLike;
