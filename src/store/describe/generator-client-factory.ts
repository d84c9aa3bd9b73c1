// The one place the app makes its generator client: a model worker of its own, so CLIP's chart never waits on it.
import { GeneratorClient } from '../../client/generator-client';
import type { GeneratorClientLike, MakeGeneratorClient } from './generator-client-like';

export const makeGeneratorClient: MakeGeneratorClient = (): GeneratorClientLike => new GeneratorClient();
