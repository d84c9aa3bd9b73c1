// The app's generator session: it reads the images and the describe settings from the store, writes the status and
// each image's results back, and looks for work again whenever an image, the labels, the template or a describe
// setting changes.
import type { StoreApi } from 'zustand';
import { findGenerator, MINI_GENERATOR_ID } from '../../model/catalogue/generators';
import { currentLabels } from '../selectors';
import type { AppState } from '../store';
import type { MakeGeneratorClient } from './generator-client-like';
import { GeneratorSession } from './generator-session';

/** The bundled generator: the Describe view needs no download consent. */
const GENERATOR = findGenerator(MINI_GENERATOR_ID)!;

/** Whether the describe work may have changed between two states. */
const inputsChanged = (a: AppState, b: AppState) =>
  a.images !== b.images ||
  a.labelsText !== b.labelsText ||
  a.template !== b.template ||
  a.describeQuestion !== b.describeQuestion ||
  a.describePrefix !== b.describePrefix ||
  a.describeBeams !== b.describeBeams;

/** `siteUrl`: the page's base address, where the bundled model lives. */
export function createDescribeSession(
  store: StoreApi<AppState>,
  makeClient: MakeGeneratorClient,
  siteUrl: string = document.baseURI,
): GeneratorSession {
  const state = () => store.getState();
  const session = new GeneratorSession({
    makeClient,
    modelId: GENERATOR.id,
    loadParams: () => ({
      modelUrl: new URL(GENERATOR.bundledPath!, siteUrl).href,
      useCache: false,
      backend: state().backendPreference,
      dtype: GENERATOR.defaultDtype,
    }),
    source: {
      // An image that could not be decoded is left out; one the CLIP worker failed on is still described.
      images: () => state().images.filter((item) => item.state !== 'error' || item.modelStopped),
      inputs: () => ({
        question: state().describeQuestion,
        prefix: state().describePrefix,
        beams: state().describeBeams,
        labels: currentLabels(state()),
        template: state().template,
      }),
    },
    sink: {
      status: (status) => state().setGeneratorStatus(status),
      describe: (byImage) => state().setDescribeByImage(byImage),
      speed: (speed) => state().setGenerationSpeed(speed),
      paused: (paused) => state().setDescribePaused(paused),
    },
  });
  store.subscribe((now, before) => inputsChanged(now, before) && session.sync());
  return session;
}
