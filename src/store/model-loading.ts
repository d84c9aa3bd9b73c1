// Connects the store to the model worker: picks and loads the model (from the site, the model host or the
// user's disk), honours the link's choices and the host consent, and falls back to the bundled model when the
// model host cannot be reached.
import { ClipClient } from '../client/clip-client';
import type { FolderFile } from '../client/folder-entries';
import {
  DEFAULT_MODEL_ID,
  FALLBACK_MODEL_ID,
  findModel,
  type CatalogueModel,
  type Dtype,
} from '../model/catalogue/catalogue';
import { isOutOfMemory, memoryAdvice, outOfMemoryMessage } from '../model/catalogue/memory-advice';
import { PRESETS, presetMatching, startingPreset } from '../model/catalogue/label-presets';
import { connectAllowed } from '../shared/content-security-policy';
import type { UrlChoices } from './url-params';
import { promptInputsChanged } from './explore-selectors';
import { LOCAL_PREFIX, loadRequest, modelEntry } from './load-request';
import { createMainSession } from './main-session';
import { ModelConnection } from './model-connection';
import { loadFailed, outOfMemory } from './model-status';
import { watchDescribeTab } from './describe/describe-actions';
import { currentLabels } from './selectors';
import { appStore } from './store';

export { addFiles, cancelPendingImages, clearImages, removeImage } from './image-actions';

const connection = () => appStore.getState().connection;

export function startApp(choices: UrlChoices): void {
  const store = appStore.getState();
  store.setBackendPreference(choices.backend);
  store.setDtype(choices.dtype);
  choices.problems.forEach(store.addNotice);
  // Labels made for one model (the Mini's colours and shapes) bring that model, unless the link names another.
  const requested = choices.modelId ?? presetMatching(currentLabels(store))?.modelId ?? DEFAULT_MODEL_ID;
  if (choices.proposedHost && choices.proposedHost !== store.hubHost) {
    // Nothing is fetched from a host a link proposes until the user agrees; the bundled model runs meanwhile.
    store.proposeHost(choices.proposedHost, requested);
    store.setModelId(FALLBACK_MODEL_ID, false);
  } else store.setModelId(requested, choices.modelId !== undefined);
  const session = createMainSession(appStore, () => new ClipClient());
  store.setConnection(new ModelConnection(session));
  appStore.subscribe((state, previous) => {
    if (promptInputsChanged(state, previous)) void session.encodeLabels();
  });
  watchDescribeTab();
  void loadModel();
}

/** The user's answer to a host proposed by a link. */
export function answerHostProposal(accept: boolean): void {
  const { proposedHost, modelAfterConsent, setHubHost, proposeHost } = appStore.getState();
  if (accept && proposedHost) setHubHost(proposedHost);
  proposeHost(undefined);
  if (modelAfterConsent) selectModel(modelAfterConsent, modelAfterConsent !== DEFAULT_MODEL_ID);
}

/** Saves the model host ("Models and settings"); a model the old host failed is tried again on the new one. */
export function saveHubHost(host: string): boolean {
  const store = appStore.getState();
  if (!store.setHubHost(host)) return false;
  if (store.fallback) selectModel(store.fallback.failedId, store.fallback.explicit);
  return true;
}

/** Loads another model; `explicit` when the user chose it (the fallback notice then names it). */
export function selectModel(id: string, explicit = true): void {
  const store = appStore.getState();
  store.setPendingChoice(undefined); // a choice not yet loaded gives way to this one
  store.setFallback(undefined);
  store.setModelBeforePreset(undefined);
  store.setModelId(id, explicit);
  void loadModel();
}

/**
 * Applies a label preset. A preset made for one model (the Mini's shapes) switches to it, and the next preset
 * without one switches back to the model used before.
 */
export function applyPreset(presetId: string): void {
  const preset = PRESETS.find((p) => p.id === presetId);
  if (!preset) return;
  const store = appStore.getState();
  store.setLabelsText(preset.labels.join('\n'));
  const previous = store.modelBeforePreset;
  if (preset.modelId && preset.modelId !== store.modelId) {
    selectModel(preset.modelId, false);
    appStore.getState().setModelBeforePreset(store.modelId);
  } else if (!preset.modelId && previous && store.modelId !== previous) {
    selectModel(previous, previous !== DEFAULT_MODEL_ID);
  }
}

/** Uses a model folder from the user's disk (Hub layout); returns a problem in words, or '' when it loads. */
export function openLocalFolder(name: string, files: readonly FolderFile[]): string {
  const byPath = Object.fromEntries(files.map((f) => [f.path, f.file as Blob]));
  const missing = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'].filter(
    (path) => !byPath[path],
  );
  if (missing.length) return `That folder has no ${missing.join(', ')}: choose a folder in the Hugging Face layout.`;
  const linked = connection();
  if (linked) linked.localModel = { name, files: byPath };
  selectModel(`${LOCAL_PREFIX}${name}`);
  return '';
}

/** Files from a folder picker, whose paths start with the folder's name. */
export function openPickedFolder(files: readonly File[]): string {
  const name = files[0]?.webkitRelativePath.split('/')[0] || 'model';
  return openLocalFolder(
    name,
    files.map((file) => ({ path: file.webkitRelativePath.split('/').slice(1).join('/') || file.name, file })),
  );
}

/** Loads the current model again with other weights (the weights picker, or after running out of memory). */
export function selectDtype(dtype: Dtype | undefined): void {
  appStore.getState().setPendingChoice(undefined);
  appStore.getState().setDtype(dtype);
  appStore.getState().setFallback(undefined);
  void loadModel();
}

/** "Restart" after the model worker kept dying: a fresh worker loads the model and re-runs the failed images. */
export function restartWorker(): Promise<boolean> {
  connection()?.session.revive();
  return loadModel();
}

/** "Use WASM" (WebGPU on a software adapter is slow): loads the model again on WASM; the address keeps the choice. */
export function switchToWasm(): Promise<boolean> {
  appStore.getState().setBackendPreference('wasm');
  // A fresh worker: one whose ONNX Runtime has run WebGPU is not reused for WASM (as after a WebGPU failure).
  connection()?.session.replaceWorker();
  const url = new URL(location.href);
  if (url.searchParams.has('backend')) {
    url.searchParams.set('backend', 'wasm');
    history.replaceState(history.state, '', url);
  }
  return loadModel();
}

export function cancelDownload(): void {
  connection()?.session.cancelLoad();
}

/** Loads the chosen model in the main session; true once it runs (false when it failed or was replaced). */
export function loadModel(): Promise<boolean> {
  const store = appStore.getState();
  const linked = store.connection!;
  const local = store.modelId.startsWith(LOCAL_PREFIX) ? linked.localModel : undefined;
  // A folder from disk, like a repo the catalogue does not list, is scored as its config.json says.
  const model = modelEntry(store.modelId) ?? findModel(FALLBACK_MODEL_ID)!;
  const bundled = model.bundledPath !== undefined || local !== undefined;
  if (!bundled) warnIfPolicyBlocks(store.hubHost);
  const request = loadRequest(model, {
    hubHost: store.hubHost,
    backend: store.backendPreference,
    dtype: store.dtype,
    localFiles: local?.files,
  });
  const { session } = linked;
  return session.load({ modelId: model.id, request }).then((outcome) => {
    if (outcome.kind === 'loaded') {
      // The weights picker (and a share link) show what runs, not a choice the model could not honour.
      const now = appStore.getState();
      if (now.dtype !== undefined && now.dtype !== outcome.model.dtype) now.setDtype(outcome.model.dtype);
      if (!bundled) void navigator.storage?.persist?.();
      return true;
    }
    if (outcome.kind !== 'failed') return false;
    if (isOutOfMemory(outcome.message)) {
      // Downloaded fine but too big for this device: offer smaller weights or model rather than switching.
      const attempted = store.dtype ?? model.wasmDtype;
      const message = outOfMemoryMessage(model.name, attempted);
      session.fail(outOfMemory(model.id, message, memoryAdvice(model, attempted)), outcome.generation);
      return false;
    }
    if (bundled) {
      session.fail(loadFailed(model.id, outcome.message), outcome.generation);
      return false;
    }
    fallBack(model, store.hubHost, outcome.message);
    return loadModel();
  });
}

/** Says up front when the site's Content-Security-Policy will block downloads from the chosen model host. */
function warnIfPolicyBlocks(host: string): void {
  const policy = document.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]')?.content;
  if (!policy || connectAllowed(policy, host, location.origin)) return;
  appStore
    .getState()
    .addNotice(
      `This site's security policy does not allow downloads from ${new URL(host).host}, so models cannot come from there. Its owner can allow the host at build time (VITE_CSP_CONNECT, see the README).`,
    );
}

/**
 * The model host failed `model` (unreachable, blocked, missing, hanging): the bundled model takes over, with a
 * notice, and labels the app chose itself become the bundled model's own, so what it shows makes sense.
 */
function fallBack(model: CatalogueModel, hubHost: string, reason: string): void {
  const store = appStore.getState();
  store.setFallback({
    failedId: model.id,
    failedName: model.name,
    host: new URL(hubHost).host,
    reason,
    explicit: store.modelExplicit,
  });
  if (store.labelsText === startingPreset(model.id).labels.join('\n')) {
    store.setLabelsText(startingPreset(FALLBACK_MODEL_ID).labels.join('\n'));
  }
  store.setModelId(FALLBACK_MODEL_ID, false);
}
