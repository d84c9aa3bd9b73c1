// One run of the comparison view: a second ModelSession (its own worker and ONNX Runtime sessions) with its own
// embeddings (compare-slice), fed the same labels and image files as the main model. A stopped comparison drops
// every answer that arrives after it, so a newer comparison never sees an older one's.
import type { StoreApi } from 'zustand';
import { findModel } from '../model/catalogue/catalogue';
import { loadRequest, scoringRule } from './load-request';
import { loadFailed } from './model-status';
import { currentPrompts } from './selectors';
import { ModelSession } from './session/model-session';
import type { MakeClient } from './session/session-types';
import type { AppState } from './store';

const STOPPED_MESSAGE =
  'The comparison model kept stopping, so Clipscope stopped restarting it. Press Compare to start it afresh.';

export class ComparisonSession {
  readonly session: ModelSession;
  private unsubscribe?: () => void;

  constructor(
    private readonly store: StoreApi<AppState>,
    makeClient: MakeClient,
  ) {
    const state = () => store.getState();
    this.session = new ModelSession({
      makeClient,
      stoppedMessage: () => STOPPED_MESSAGE,
      source: {
        prompts: () => currentPrompts(state()),
        images: () => state().images.filter((item) => item.state !== 'error'),
      },
      sink: {
        status: (status) => state().setCompareStatus(status),
        loaded: (modelId, model) => state().setCompare({ compareRule: scoringRule(findModel(modelId)!, model) }),
        cleared: () =>
          state().setCompare({ compareRule: undefined, compareTextEmbeds: new Map(), compareImageEmbeds: new Map() }),
        textEmbeds: (prompts, embeds) => state().addCompareEmbeds('text', prompts, embeds),
        imageDone: (id, { embeds }) => state().addCompareEmbeds('image', [id], embeds),
      },
    });
  }

  /** Loads the chosen comparison model and encodes the current labels and images with it. */
  async start(): Promise<void> {
    const state = this.store.getState();
    const model = findModel(state.compareModelId);
    if (!model) {
      const message = 'Choose a model to compare with.';
      return this.session.fail({ phase: 'error', modelId: state.compareModelId, kind: 'load', message, actions: [] });
    }
    // Built as for the main view, so the comparison scores with the same learned scale and bias.
    const request = loadRequest(model, {
      hubHost: state.hubHost,
      backend: state.backendPreference,
      dtype: state.compareDtype,
    });
    const outcome = await this.session.load({ modelId: model.id, request });
    if (outcome.kind === 'failed') {
      const message = `the comparison could not load it (${outcome.message}). Choose another model or weights, then press Compare again.`;
      this.session.fail(loadFailed(model.id, message), outcome.generation);
    }
    if (outcome.kind !== 'loaded') return;
    // The session encodes what is there now; these keep it up with edits and new images.
    this.unsubscribe = this.store.subscribe((s, previous) => {
      if (s.labelsText !== previous.labelsText || s.template !== previous.template) void this.session.encodeLabels();
      if (s.images !== previous.images) this.session.syncImages();
    });
  }

  /** Ends the comparison and its worker (freeing the second model's memory). */
  stop(): void {
    this.unsubscribe?.();
    this.session.stop();
  }
}
