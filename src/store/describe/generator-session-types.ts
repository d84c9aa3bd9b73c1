// What a generator session is given (its client, the images and settings to describe) and what it reports (status,
// each image's results, the speed): the app's store and the tests each pass their own.
import type { ModelStatus } from '../model-status';
import type { SessionImage } from '../session/session-types';
import type { DescribeImageState } from './describe-types';
import type { DescribeInputs } from './describe-work';
import type { GeneratorLoadParams, LoadedGenerator, MakeGeneratorClient } from './generator-client-like';

export type GeneratorStatus = ModelStatus<LoadedGenerator>;

interface GeneratorSource {
  /** The images to describe, in card order; one no longer listed was removed and its work is dropped. */
  images(): readonly SessionImage[];
  inputs(): DescribeInputs;
}

interface GeneratorSink {
  status(status: GeneratorStatus): void;
  /** Every image's state, a fresh object on each change. */
  describe(byImage: Record<string, DescribeImageState>): void;
  /** The running generation's speed, live. */
  speed(speed: { tokensPerSecond: number; firstTokenMs: number }): void;
  /** Stop pressed (true) or generation resumed (false). */
  paused(paused: boolean): void;
}

export interface GeneratorSessionOptions {
  makeClient: MakeGeneratorClient;
  source: GeneratorSource;
  sink: GeneratorSink;
  /** The model's id for the status, and how to load it. */
  modelId: string;
  loadParams: () => GeneratorLoadParams;
  now?: () => number;
}
