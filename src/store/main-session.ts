// The main view's model session: it encodes the prompts the app wants (labels, search, ensemble) and the dropped
// images, and writes its status, embeddings and results into the store's model, labels and images slices.
import type { StoreApi } from 'zustand';
import { FALLBACK_MODEL_ID, findModel } from '../model/catalogue/catalogue';
import { wantedPrompts } from './explore-selectors';
import { modelEntry, scoringRule } from './load-request';
import { ModelSession } from './session/model-session';
import type { MakeClient } from './session/session-types';
import type { AppState } from './store';

export function createMainSession(store: StoreApi<AppState>, makeClient: MakeClient): ModelSession {
  const state = () => store.getState();
  return new ModelSession({
    makeClient,
    source: {
      prompts: () => wantedPrompts(state()),
      // An image that failed stays failed until another model loads (forgetEmbeddings then re-queues it if it can).
      images: () => state().images.filter((item) => item.state !== 'error'),
    },
    sink: {
      status: (status) => state().setModelStatus(status),
      loaded: (modelId, model) =>
        state().setScoringRule(scoringRule(modelEntry(modelId) ?? findModel(FALLBACK_MODEL_ID)!, model)),
      cleared: () => {
        state().clearTextEmbeds();
        state().forgetEmbeddings();
      },
      textEmbeds: (prompts, embeds, tokens) => state().addTextEmbeds(prompts, embeds, tokens),
      imageStarted: (id) => state().updateImage(id, { state: 'encoding', error: undefined }),
      imageDone: (id, { embeds, thumbnail, width, height }) =>
        state().updateImage(id, { state: 'done', embeds, thumbnailUrl: URL.createObjectURL(thumbnail), width, height }),
      imageFailed: (id, error, modelStopped) => state().updateImage(id, { state: 'error', error, modelStopped }),
    },
  });
}
