// Connects the store to the model worker: loads the model, encodes labels as they change (debounced, only new
// prompts, in batches) and images as they arrive, and re-queues work if the worker has to be restarted.
import { ClipClient } from '../client/clip-client';
import { DEFAULT_MODEL_ID, DTYPE_SUFFIX, findModel, type Dtype } from '../model/catalogue';
import { repoUrl } from '../shared/hub-host';
import type { UrlChoices } from '../shared/url-params';
import { LABEL_DEBOUNCE_MS, TEXT_BATCH_SIZE } from '../shared/settings';
import { currentPrompts } from './selectors';
import { appStore } from './store';

let client: ClipClient | undefined;
let ready: Promise<boolean> = Promise.resolve(false);
let cancelRequested = false;
const inFlightPrompts = new Set<string>();
const inFlightImages = new Set<string>();
let nextImageId = 1;
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  appStore.subscribe((state, previous) => {
    if (state.labelsText === previous.labelsText && state.template === previous.template) return;
    clearTimeout(timer);
    timer = setTimeout(() => void encodeLabels(), LABEL_DEBOUNCE_MS);
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
export function openLocalFolder(files: readonly File[]): string {
  const byPath: Record<string, Blob> = {};
  for (const file of files) byPath[file.webkitRelativePath.split('/').slice(1).join('/') || file.name] = file;
  const missing = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'].filter(
    (name) => !byPath[name],
  );
  if (missing.length) return `That folder has no ${missing.join(', ')}: choose a folder in the Hugging Face layout.`;
  const name = files[0]?.webkitRelativePath.split('/')[0] || 'model';
  localModel = { name, files: byPath };
  selectModel(`${LOCAL_PREFIX}${name}`);
  return '';
}

export function cancelDownload(): void {
  cancelRequested = true;
  client?.cancelLoad();
}

export function loadModel(): Promise<boolean> {
  const store = appStore.getState();
  const local = store.modelId.startsWith(LOCAL_PREFIX) ? localModel : undefined;
  const model = findModel(local ? DEFAULT_MODEL_ID : store.modelId) ?? findModel(DEFAULT_MODEL_ID)!;
  client?.cancelLoad(); // a load still under way is replaced, not queued behind
  const generation = store.startLoading();
  store.clearTextEmbeds();
  store.forgetEmbeddings();
  inFlightPrompts.clear();
  cancelRequested = false;
  const bundled = model.bundledPath !== undefined || local !== undefined;
  const dtypes = local ? localDtypes(local.files) : (Object.keys(model.sizeMb) as Dtype[]);
  ready = client!
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
        dtype: store.dtype,
      },
      (stage, loaded, total) => {
        if (appStore.getState().generation === generation) appStore.getState().setProgress(stage, loaded, total);
      },
    )
    .then((loaded) => {
      if (appStore.getState().generation !== generation) return false; // a newer load replaced this one
      appStore.getState().setLoaded(loaded);
      if (!bundled) void navigator.storage?.persist?.();
      return true;
    })
    .catch((error: Error) => {
      if (appStore.getState().generation !== generation) return false;
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
  void ready.then(
    (ok) => ok && appStore.getState().generation === generation && (void encodeLabels(), requeueImages()),
  );
  return ready;
}

function localDtypes(files: Record<string, Blob>): Dtype[] {
  return (Object.entries(DTYPE_SUFFIX) as [Dtype, string][])
    .filter(([, suffix]) => files[`onnx/vision_model${suffix}.onnx`] && files[`onnx/text_model${suffix}.onnx`])
    .map(([dtype]) => dtype);
}

async function encodeLabels(): Promise<void> {
  if (!(await ready)) return;
  const { textEmbeds, generation } = appStore.getState();
  const missing = [...new Set(currentPrompts(appStore.getState()))].filter(
    (p) => !textEmbeds.has(p) && !inFlightPrompts.has(p),
  );
  for (let start = 0; start < missing.length; start += TEXT_BATCH_SIZE) {
    const batch = missing.slice(start, start + TEXT_BATCH_SIZE);
    batch.forEach((p) => inFlightPrompts.add(p));
    try {
      const embeds = await client!.encodeTexts(batch);
      if (appStore.getState().generation === generation) appStore.getState().addTextEmbeds(batch, embeds);
    } catch {
      // A failed batch is retried by the next edit or reload; the chart shows the labels that did encode.
    } finally {
      batch.forEach((p) => inFlightPrompts.delete(p));
    }
  }
}

export function addFiles(files: readonly File[]): void {
  const items = files.map((file) => ({
    id: `img-${nextImageId++}`,
    name: file.name || 'pasted image',
    file,
    state: 'queued' as const,
  }));
  appStore.getState().addImages(items);
  items.forEach((item) => void encodeImage(item.id));
}

async function encodeImage(id: string): Promise<void> {
  if (inFlightImages.has(id)) return;
  inFlightImages.add(id);
  try {
    if (await ready) await encodeReadyImage(id);
  } finally {
    inFlightImages.delete(id);
  }
}

async function encodeReadyImage(id: string): Promise<void> {
  const item = appStore.getState().images.find((i) => i.id === id);
  if (!item) return;
  const { generation } = appStore.getState();
  appStore.getState().updateImage(id, { state: 'encoding', error: undefined });
  try {
    const result = await client!.encodeImage(item.file, item.name);
    const stillThere = appStore.getState().images.some((i) => i.id === id);
    if (!stillThere || appStore.getState().generation !== generation) return; // removed, or a stale model
    const thumbnailUrl = URL.createObjectURL(result.thumbnail);
    const { embeds, width, height } = result;
    appStore.getState().updateImage(id, { state: 'done', embeds, thumbnailUrl, width, height });
  } catch (error) {
    if (appStore.getState().generation !== generation) return; // re-queued by the reload
    appStore.getState().updateImage(id, { state: 'error', error: (error as Error).message });
  }
}

/** After a (re)load, images without an embedding (queued, or lost with a crashed worker) are encoded. */
function requeueImages(): void {
  for (const item of appStore.getState().images) {
    if (!item.embeds && item.state !== 'error') void encodeImage(item.id);
  }
}

export const removeImage = (id: string) => appStore.getState().removeImage(id);
export const clearImages = () => appStore.getState().clearImages();
