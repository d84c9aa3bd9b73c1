// One run of the comparison view: a second model in its own ClipClient (so its own worker and ONNX Runtime
// sessions) and its own embeddings (compare-slice), fed the same labels and image files as the main model. A
// stopped session drops every answer that arrives after it, so a newer comparison never sees an older one's.
import type { StoreApi } from 'zustand';
import type { ClipClient } from '../client/clip-client';
import { findModel } from '../model/catalogue';
import { TEXT_BATCH_SIZE } from '../shared/settings';
import type { CompareSlice } from './compare-slice';
import { loadRequest, scoringRule } from './load-request';
import { advanceLoad, IDLE, loadFailed, loadingStatus, workerStopped, type ModelStatus } from './model-status';
import { currentPrompts } from './selectors';
import type { AppState } from './store';

type ComparisonClient = Pick<ClipClient, 'load' | 'encodeTexts' | 'encodeImage' | 'dispose' | 'onStopped'>;

export class ComparisonSession {
  private stopped = false;
  private unsubscribe?: () => void;
  private readonly failedImages = new Set<string>();
  private encoding = false;
  private dirty = false;

  constructor(
    private readonly store: StoreApi<AppState>,
    private readonly client: ComparisonClient,
  ) {}

  /** Loads the chosen comparison model and encodes the current labels and images with it. */
  async start(): Promise<void> {
    const state = this.store.getState();
    const model = findModel(state.compareModelId);
    const modelId = state.compareModelId;
    if (!model) {
      const message = 'Choose a model to compare with.';
      return this.setStatus({ phase: 'error', modelId, kind: 'load', message, actions: [] });
    }
    this.client.onStopped = () =>
      this.setStatus(
        workerStopped(
          this.store.getState().compareStatus,
          model.id,
          'The comparison model kept stopping, so Clipscope stopped restarting it. Press Compare to start it afresh.',
        ),
      );
    this.set({ compareTextEmbeds: new Map(), compareImageEmbeds: new Map() });
    this.setStatus(loadingStatus(model.id, Date.now()));
    try {
      // Built as for the main view, so the comparison scores with the same learned scale and bias.
      const request = loadRequest(model, {
        hubHost: state.hubHost,
        backend: state.backendPreference,
        dtype: state.compareDtype,
      });
      const loaded = await this.client.load(request, (phase) =>
        this.setStatus(advanceLoad(this.store.getState().compareStatus, phase, Date.now())),
      );
      this.set({ compareRule: scoringRule(model, loaded) });
      this.setStatus({ phase: 'ready', modelId: model.id, model: loaded });
      if (this.stopped) return;
      this.unsubscribe = this.store.subscribe((s, previous) => {
        if (s.labelsText !== previous.labelsText || s.template !== previous.template || s.images !== previous.images)
          void this.scheduleEncoding();
      });
      void this.scheduleEncoding();
    } catch (error) {
      this.setStatus(
        loadFailed(
          model.id,
          `${model.name} could not be loaded for the comparison (${(error as Error).message}). Choose another model or weights, then press Compare again.`,
        ),
      );
    }
  }

  /** Ends the comparison and its worker (freeing the second model's memory). */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.client.dispose();
    this.store.getState().setCompareStatus(IDLE);
  }

  /** Updates the comparison's status, unless this session has been stopped. */
  private setStatus(status: ModelStatus): void {
    if (!this.stopped) this.store.getState().setCompareStatus(status);
  }

  /** Updates the comparison's state, unless this session has been stopped. */
  private set(patch: Parameters<CompareSlice['setCompare']>[0]): void {
    if (!this.stopped) this.store.getState().setCompare(patch);
  }

  /** Encodes what the comparison model lacks; changes made meanwhile are coalesced into one more pass. */
  private async scheduleEncoding(): Promise<void> {
    if (this.encoding) {
      this.dirty = true;
      return;
    }
    this.encoding = true;
    try {
      do {
        this.dirty = false;
        await this.encodeMissing();
      } while (this.dirty && !this.stopped);
    } finally {
      this.encoding = false;
    }
  }

  private async encodeMissing(): Promise<void> {
    const state = this.store.getState();
    const prompts = [...new Set(currentPrompts(state))].filter((p) => !state.compareTextEmbeds.has(p));
    for (let start = 0; start < prompts.length && !this.stopped; start += TEXT_BATCH_SIZE) {
      const batch = prompts.slice(start, start + TEXT_BATCH_SIZE);
      try {
        const embeds = await this.client.encodeTexts(batch);
        if (!this.stopped) this.store.getState().addCompareEmbeds('text', batch, embeds);
      } catch {
        return; // retried by the next edit
      }
    }
    const images = state.images.filter(
      (i) => i.state !== 'error' && !state.compareImageEmbeds.has(i.id) && !this.failedImages.has(i.id),
    );
    // Posted together, so the worker encodes them in batches.
    await Promise.all(
      images.map(async (item) => {
        if (this.stopped) return;
        try {
          const { embeds } = await this.client.encodeImage(item.file, item.name);
          if (!this.stopped) this.store.getState().addCompareEmbeds('image', [item.id], embeds);
        } catch {
          this.failedImages.add(item.id);
        }
      }),
    );
  }
}
