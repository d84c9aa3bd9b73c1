// Runs a second model for the comparison view: its own ClipClient (so its own worker and ONNX Runtime sessions)
// and its own embeddings (compare-slice), fed the same labels and image files as the main model.
import { ClipClient } from '../client/clip-client';
import { findModel } from '../model/catalogue';
import { TEXT_BATCH_SIZE } from '../shared/settings';
import type { CompareSlice } from './compare-slice';
import { loadRequest, scoringRule } from './load-request';
import { currentPrompts } from './selectors';
import { appStore } from './store';

let client: ClipClient | undefined;
// Bumped by every start and stop: answers for an older comparison are dropped.
let generation = 0;
let unsubscribe: (() => void) | undefined;
const failedImages = new Set<string>();
const set = (patch: Parameters<CompareSlice['setCompare']>[0]) => appStore.getState().setCompare(patch);

/** Loads the chosen comparison model in a second worker and encodes the current labels and images with it. */
export async function startComparison(): Promise<void> {
  stopComparison();
  const mine = ++generation;
  const state = appStore.getState();
  const model = findModel(state.compareModelId);
  if (!model) return set({ compareState: 'error', compareError: 'Choose a model to compare with.' });
  client = new ClipClient();
  client.onStopped = () =>
    mine === generation &&
    set({
      compareState: 'error',
      compareError:
        'The comparison model kept stopping, so Clipscope stopped restarting it. Press Compare to start it afresh.',
    });
  failedImages.clear();
  set({
    compareState: 'loading',
    compareStage: 'Starting',
    compareError: '',
    compareModel: undefined,
    compareTextEmbeds: new Map(),
    compareImageEmbeds: new Map(),
  });
  try {
    // Built as for the main view, so the comparison scores with the same learned scale and bias.
    const loaded = await client.load(
      loadRequest(model, {
        hubHost: state.hubHost,
        backend: state.backendPreference,
        dtype: state.compareDtype,
      }),
      (stage, loadedBytes, totalBytes) =>
        mine === generation &&
        set({ compareStage: totalBytes ? `${stage} ${Math.floor((100 * loadedBytes) / totalBytes)}%` : stage }),
    );
    if (mine !== generation) return;
    set({ compareState: 'ready', compareModel: loaded, compareRule: scoringRule(model, loaded), compareStage: '' });
    unsubscribe = appStore.subscribe((s, previous) => {
      if (s.labelsText !== previous.labelsText || s.template !== previous.template || s.images !== previous.images)
        void scheduleEncoding();
    });
    void scheduleEncoding();
  } catch (error) {
    if (mine !== generation) return;
    set({
      compareState: 'error',
      compareError: `${model.name} could not be loaded for the comparison (${(error as Error).message}). Choose another model or weights, then press Compare again.`,
    });
  }
}

/** Ends the comparison and its worker (freeing the second model's memory). */
export function stopComparison(): void {
  generation++;
  unsubscribe?.();
  unsubscribe = undefined;
  client?.dispose();
  client = undefined;
  set({ compareState: 'off', compareModel: undefined, compareStage: '' });
}

let running = false;
let dirty = false;

/** Encodes what the comparison model lacks; changes made meanwhile are coalesced into one more pass. */
async function scheduleEncoding(): Promise<void> {
  if (running) {
    dirty = true;
    return;
  }
  running = true;
  try {
    do {
      dirty = false;
      await encodeMissing(generation);
    } while (dirty && client);
  } finally {
    running = false;
  }
}

async function encodeMissing(mine: number): Promise<void> {
  const state = appStore.getState();
  const prompts = [...new Set(currentPrompts(state))].filter((p) => !state.compareTextEmbeds.has(p));
  for (let start = 0; start < prompts.length && mine === generation; start += TEXT_BATCH_SIZE) {
    const batch = prompts.slice(start, start + TEXT_BATCH_SIZE);
    try {
      const embeds = await client!.encodeTexts(batch);
      if (mine === generation) appStore.getState().addCompareEmbeds('text', batch, embeds);
    } catch {
      return; // retried by the next edit
    }
  }
  const images = state.images.filter(
    (i) => i.state !== 'error' && !state.compareImageEmbeds.has(i.id) && !failedImages.has(i.id),
  );
  // Posted together, so the worker encodes them in batches.
  await Promise.all(
    images.map(async (item) => {
      if (mine !== generation) return;
      try {
        const { embeds } = await client!.encodeImage(item.file, item.name);
        if (mine === generation) appStore.getState().addCompareEmbeds('image', [item.id], embeds);
      } catch {
        failedImages.add(item.id);
      }
    }),
  );
}
