// Connects the store to the model worker: picks and loads the model (from the site, the model host or the
// user's disk), honours the link's choices and the host consent, and falls back to the bundled model offline.
import { ClipClient, WorkerStoppedError } from '../client/clip-client';
import type { FolderFile } from '../client/folder-entries';
import { DEFAULT_MODEL_ID, DTYPE_SUFFIX, findModel, type CatalogueModel, type Dtype } from '../model/catalogue';
import { isOutOfMemory, memoryAdvice, outOfMemoryMessage } from '../model/memory-advice';
import type { ScoringRule } from '../model/scoring';
import type { LoadedModel } from '../shared/protocol';
import { connectAllowed } from '../shared/content-security-policy';
import { repoUrl } from '../shared/hub-host';
import type { UrlChoices } from '../shared/url-params';
import { promptInputsChanged } from './explore-selectors';
import { requeueImages, scheduleLabels, setEncoderModel } from './encoding';
import { appStore } from './store';

export { addFiles, cancelPendingImages, clearImages, removeImage } from './encoding';

let client: ClipClient | undefined;
let cancelRequested = false;
const LOCAL_PREFIX = 'local:';
let localModel: { name: string; files: Record<string, Blob> } | undefined;

export function startApp(choices: UrlChoices): void {
  const store = appStore.getState();
  store.setBackendPreference(choices.backend);
  store.setDtype(choices.dtype);
  choices.problems.forEach(store.addNotice);
  const requested = choices.modelId ?? DEFAULT_MODEL_ID;
  if (choices.proposedHost && choices.proposedHost !== store.hubHost) {
    // Nothing is fetched from a host a link proposes until the user agrees; the bundled model runs meanwhile.
    store.proposeHost(choices.proposedHost, requested);
  } else store.setModelId(requested);
  client = new ClipClient();
  client.onBackendChanged = (b, notice) => appStore.getState().setBackend(b, notice);
  client.onStopped = (message) => appStore.getState().setWorkerStopped(message);
  appStore.subscribe((state, previous) => {
    if (promptInputsChanged(state, previous)) void scheduleLabels();
  });
  void loadModel();
}

/** The user's answer to a host proposed by a link. */
export function answerHostProposal(accept: boolean): void {
  const { proposedHost, modelAfterConsent, setHubHost, proposeHost } = appStore.getState();
  if (accept && proposedHost) setHubHost(proposedHost);
  proposeHost(undefined);
  if (modelAfterConsent) selectModel(modelAfterConsent);
}

export function selectModel(id: string): void {
  appStore.getState().setModelId(id);
  void loadModel();
}

/** Uses a model folder from the user's disk (Hub layout); returns a problem in words, or '' when it loads. */
export function openLocalFolder(name: string, files: readonly FolderFile[]): string {
  const byPath = Object.fromEntries(files.map((f) => [f.path, f.file as Blob]));
  const missing = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'].filter(
    (path) => !byPath[path],
  );
  if (missing.length) return `That folder has no ${missing.join(', ')}: choose a folder in the Hugging Face layout.`;
  localModel = { name, files: byPath };
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

/** Loads the current model again with other weights (after running out of memory). */
export function selectDtype(dtype: Dtype): void {
  appStore.getState().setDtype(dtype);
  void loadModel();
}

/** "Restart" after the model worker kept dying: a fresh worker loads the model and re-runs the failed images. */
export function restartWorker(): Promise<boolean> {
  client?.revive();
  return loadModel();
}

export function cancelDownload(): void {
  cancelRequested = true;
  client?.cancelLoad();
}

export function loadModel(): Promise<boolean> {
  const store = appStore.getState();
  const local = store.modelId.startsWith(LOCAL_PREFIX) ? localModel : undefined;
  // A folder from disk is treated like any CLIP repo: softmax with OpenAI's trained scale unless its config says.
  const model = findModel(local ? 'local/folder' : store.modelId) ?? findModel(DEFAULT_MODEL_ID)!;
  client?.cancelLoad(); // a load still under way is replaced, not queued behind
  const generation = store.startLoading();
  client?.cancelImages(); // images queued for the old model run again once the new one is ready (encoding.ts)
  store.clearTextEmbeds();
  store.forgetEmbeddings();
  cancelRequested = false;
  const bundled = model.bundledPath !== undefined || local !== undefined;
  if (!bundled) warnIfPolicyBlocks(store.hubHost);
  const dtypes = local ? localDtypes(local.files) : (Object.keys(model.sizeMb) as Dtype[]);
  const ready = client!
    .load(
      {
        modelUrl: bundled
          ? new URL(model.bundledPath!, document.baseURI).href
          : repoUrl(store.hubHost, model.id, model.revision),
        useCache: !bundled,
        localFiles: local?.files,
        backend: store.backendPreference,
        dtypes: dtypes.length ? dtypes : ['fp32', 'fp16', 'q8'],
        wasmDtype: model.wasmDtype,
        padTo: model.padTo ?? 0,
        dtype: store.dtype,
        scoringWeightsUrl:
          model.learnedScoring && !bundled
            ? repoUrl(store.hubHost, model.learnedScoring.repo, model.revision) + model.learnedScoring.path
            : undefined,
      },
      (stage, loaded, total) => {
        if (appStore.getState().generation === generation) appStore.getState().setProgress(stage, loaded, total);
      },
    )
    .then((loaded) => {
      if (appStore.getState().generation !== generation) return false; // a newer load replaced this one
      appStore.getState().setLoaded(loaded, scoringRule(model, loaded));
      if (!bundled) void navigator.storage?.persist?.();
      return true;
    })
    .catch((error: Error) => {
      if (appStore.getState().generation !== generation) return false;
      if (error instanceof WorkerStoppedError) {
        appStore.getState().setWorkerStopped(error.message); // not the model's fault: no switch to another one
        return false;
      }
      if (!cancelRequested && isOutOfMemory(error.message)) {
        // Downloaded fine but too big for this device: offer smaller weights or model rather than switching.
        const attempted = store.dtype ?? model.wasmDtype;
        appStore.getState().setModelError(outOfMemoryMessage(model.name, attempted), memoryAdvice(model, attempted));
        return false;
      }
      if (cancelRequested || bundled) {
        appStore.getState().setModelError(cancelRequested ? 'The download was cancelled.' : error.message);
        return false;
      }
      appStore
        .getState()
        .addNotice(
          `${model.name} could not be loaded from ${new URL(store.hubHost).host} and is not cached (${error.message}), so Clipscope switched to ${findModel(DEFAULT_MODEL_ID)!.name}, which works offline.`,
        );
      appStore.getState().setModelId(DEFAULT_MODEL_ID);
      return loadModel();
    });
  setEncoderModel(client!, ready);
  void ready.then(
    (ok) => ok && appStore.getState().generation === generation && (void scheduleLabels(), requeueImages()),
  );
  return ready;
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

export function scoringRule(model: CatalogueModel, loaded: LoadedModel): ScoringRule | undefined {
  const logitScale = loaded.logitScale ?? model.logitScale;
  const logitBias = loaded.logitBias ?? model.logitBias;
  if (logitScale === undefined || (model.scoring === 'sigmoid' && logitBias === undefined)) return undefined;
  return { kind: model.scoring, logitScale, logitBias: logitBias ?? 0 };
}

function localDtypes(files: Record<string, Blob>): Dtype[] {
  return (Object.entries(DTYPE_SUFFIX) as [Dtype, string][])
    .filter(([, suffix]) => files[`onnx/vision_model${suffix}.onnx`] && files[`onnx/text_model${suffix}.onnx`])
    .map(([dtype]) => dtype);
}
