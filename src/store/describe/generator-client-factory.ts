// The one place the app makes its generator client (a worker of its own, so CLIP's chart never waits on it).
import type { GeneratorClientLike, MakeGeneratorClient } from './generator-client-like';

/** Until the generator engine lands: a client whose load fails with words a person can act on. */
export const makeGeneratorClient: MakeGeneratorClient = (): GeneratorClientLike => ({
  load: () => Promise.reject(new Error('This build has no describing model yet: update Clipscope.')),
  generate: () => ({ id: 0, done: Promise.reject(new Error('No describing model.')) }),
  stop: () => undefined,
  scoreLabels: () => Promise.reject(new Error('No describing model.')),
  forgetImages: () => Promise.resolve(),
  cancelLoad: () => undefined,
  revive: () => undefined,
  dispose: () => undefined,
  onStopped: () => undefined,
  onBackendChanged: () => undefined,
});
