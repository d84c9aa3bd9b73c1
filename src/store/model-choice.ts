// The pickers' choices: a model or weights already on the device load at once; one that needs a download waits,
// with its size shown, for an explicit Load. Links and `?model=` do not come here: they are intent already.
import { cachedUrls } from '../client/model-cache';
import type { Dtype } from '../model/catalogue/catalogue';
import { downloadNeed, type DownloadNeed, type RunBackend } from '../model/catalogue/download-need';
import { repoUrl } from '../shared/hub-host';
import type { ChoiceOrigin, PendingChoice } from './choice-slice';
import { selectDtype, selectModel } from './model-loading';
import { LOCAL_PREFIX, modelEntry } from './load-request';
import { loadedModel } from './model-status';
import { appStore, type AppState } from './store';

const ALL_DTYPES: Dtype[] = ['fp32', 'fp16', 'q8'];

/** The model picker: the weights chosen so far stay. */
export function chooseModel(modelId: string): Promise<void> {
  const { pendingChoice, dtype } = appStore.getState();
  return propose(modelId, pendingChoice ? pendingChoice.dtype : dtype, 'model');
}

/** The weights picker, for the model chosen so far. */
export function chooseWeights(dtype: Dtype | undefined): Promise<void> {
  const { pendingChoice, modelId } = appStore.getState();
  return propose(pendingChoice?.modelId ?? modelId, dtype, 'weights');
}

/** The explicit "Download and load". */
export function loadPendingChoice(): void {
  const choice = appStore.getState().pendingChoice;
  if (choice) apply(choice.modelId, choice.dtype);
}

/** Drops the choice: the pickers show what runs again. */
export function keepCurrentModel(): void {
  appStore.getState().setPendingChoice(undefined);
}

/** The download a model with these weights needs here; undefined when it is on the device. */
export function downloadFor(
  state: AppState,
  modelId: string,
  dtype: Dtype | undefined,
  cached: ReadonlySet<string>,
): DownloadNeed | undefined {
  const model = modelEntry(modelId);
  // A folder from disk is on the device; an unknown id loads the bundled model.
  if (!model || modelId.startsWith(LOCAL_PREFIX)) return undefined;
  const loaded = loadedModel(state.modelStatus);
  const ran = loaded?.modelId === modelId ? loaded.model.dtypes : undefined;
  const listed = Object.keys(model.sizeMb) as Dtype[];
  return downloadNeed({
    model,
    available: ran ?? (listed.length ? listed : ALL_DTYPES),
    requested: dtype,
    backends: runBackends(state),
    folderUrl: repoUrl(state.hubHost, model.id, model.revision),
    cached,
  });
}

/** The backend a load will run on: the running model's, else any the preference allows (WebGPU may fall back). */
function runBackends(state: AppState): RunBackend[] {
  const loaded = loadedModel(state.modelStatus);
  if (loaded) return [loaded.model.backend];
  return state.backendPreference === 'wasm' ? ['wasm'] : ['wasm', 'webgpu'];
}

async function propose(modelId: string, dtype: Dtype | undefined, from: ChoiceOrigin): Promise<void> {
  const store = appStore.getState();
  if (modelId === store.modelId && dtype === store.dtype) return store.setPendingChoice(undefined);
  const checking: PendingChoice = { modelId, dtype, from, kind: 'checking' };
  store.setPendingChoice(checking);
  const cached = await cachedUrls().catch(() => new Set<string>());
  const now = appStore.getState();
  if (now.pendingChoice !== checking) return; // a newer choice replaced this one
  const download = downloadFor(now, modelId, dtype, cached);
  if (download) now.setPendingChoice({ modelId, dtype, from, kind: 'needs-download', download });
  else apply(modelId, dtype);
}

function apply(modelId: string, dtype: Dtype | undefined): void {
  const store = appStore.getState();
  if (modelId === store.modelId) return selectDtype(dtype);
  store.setDtype(dtype);
  selectModel(modelId);
}
