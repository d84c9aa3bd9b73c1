// The part of the generator client (src/client/generator-client.ts) the describe session uses, taken from the
// client itself: the app passes the real client, the unit tests a fake (fake-generator-client.ts).
import type { GeneratorClient } from '../../client/generator-client';

export type {
  GenerateArgs,
  GeneratedSoFar,
  GeneratorLoadParams,
  ScoreLabelsArgs as ScoreArgs,
} from '../../client/generator-client';
export type { Generated, LoadedGenerator } from '../../shared/generator-protocol';

export type GeneratorClientLike = Pick<
  GeneratorClient,
  | 'load'
  | 'generate'
  | 'stop'
  | 'scoreLabels'
  | 'forgetImages'
  | 'cancelLoad'
  | 'revive'
  | 'dispose'
  | 'onStopped'
  | 'onBackendChanged'
>;

export type MakeGeneratorClient = () => GeneratorClientLike;
