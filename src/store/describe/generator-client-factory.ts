// The one place the app makes its generator client (a worker of its own, so CLIP's chart never waits on it).
import { GeneratorClient } from '../../client/generator-client';
import type { MakeGeneratorClient } from './generator-client-like';

export const makeGeneratorClient: MakeGeneratorClient = () => new GeneratorClient();
