// The part of the generator client (src/client/generator-client.ts) the describe session uses: the app passes the
// real client, the unit tests a fake (fake-generator-client.ts).
import type { LoadPhase } from '../../shared/load-phase';
import type { Generated, GeneratorLoadRequest, LoadedGenerator } from '../../shared/generator-protocol';
import type { Backend } from '../../shared/protocol';

export type { Generated, LoadedGenerator } from '../../shared/generator-protocol';

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
