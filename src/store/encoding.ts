// Encodes labels as they change (only prompts not yet encoded, in batches) and images as they arrive, for the
// model the controller loaded; the controller hands over the client and the "model ready" promise.
import { WorkerStoppedError, type ClipClient } from '../client/clip-client';
import { TEXT_BATCH_SIZE } from '../shared/settings';
import { wantedPrompts } from './explore-selectors';
import { appStore } from './store';

let client: ClipClient | undefined;
let ready: Promise<boolean> = Promise.resolve(false);
const inFlightPrompts = new Set<string>();
const inFlightImages = new Set<string>();
let nextImageId = 1;

/** Called by the controller for each model load: new work waits for `modelReady`. */
export function setEncoderModel(modelClient: ClipClient, modelReady: Promise<boolean>): void {
  client = modelClient;
  ready = modelReady;
  inFlightPrompts.clear();
}

let labelsRunning = false;
let labelsDirty = false;

/**
 * Encodes the current prompts at once when idle; edits made meanwhile are coalesced into one more pass. So a label
 * edit reaches the chart after one text encode, with no fixed debounce delay, and typing never queues up work.
 */
export async function scheduleLabels(): Promise<void> {
  if (labelsRunning) {
    labelsDirty = true;
    return;
  }
  labelsRunning = true;
  try {
    do {
      labelsDirty = false;
      await encodeLabels();
    } while (labelsDirty);
  } finally {
    labelsRunning = false;
  }
}

async function encodeLabels(): Promise<void> {
  if (!(await ready)) return;
  const { textEmbeds, generation } = appStore.getState();
  const missing = [...new Set(wantedPrompts(appStore.getState()))].filter(
    (p) => !textEmbeds.has(p) && !inFlightPrompts.has(p),
  );
  for (let start = 0; start < missing.length; start += TEXT_BATCH_SIZE) {
    const batch = missing.slice(start, start + TEXT_BATCH_SIZE);
    batch.forEach((p) => inFlightPrompts.add(p));
    try {
      const { embeds, tokens } = await client!.encodeTextsWithTokens(batch);
      if (appStore.getState().generation === generation) appStore.getState().addTextEmbeds(batch, embeds, tokens);
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
    // An answer that comes back for a model replaced meanwhile is stale: the image runs again on the new model
    // (the reload's own re-queue skipped it, as it was still in flight then).
    while ((await ready) && (await encodeReadyImage(id)) === 'stale');
  } finally {
    inFlightImages.delete(id);
  }
}

async function encodeReadyImage(id: string): Promise<'settled' | 'stale'> {
  const item = appStore.getState().images.find((i) => i.id === id);
  if (!item) return 'settled';
  const { generation } = appStore.getState();
  appStore.getState().updateImage(id, { state: 'encoding', error: undefined });
  try {
    const result = await client!.encodeImage(item.file, item.name);
    if (!appStore.getState().images.some((i) => i.id === id)) return 'settled'; // removed meanwhile
    if (appStore.getState().generation !== generation) return 'stale';
    const thumbnailUrl = URL.createObjectURL(result.thumbnail);
    const { embeds, width, height } = result;
    appStore.getState().updateImage(id, { state: 'done', embeds, thumbnailUrl, width, height });
  } catch (error) {
    if (appStore.getState().generation !== generation) return 'stale';
    const modelStopped = error instanceof WorkerStoppedError;
    appStore.getState().updateImage(id, { state: 'error', error: (error as Error).message, modelStopped });
  }
  return 'settled';
}

/** After a (re)load, images without an embedding (queued, or lost with a crashed worker) are encoded. */
export function requeueImages(): void {
  for (const item of appStore.getState().images) {
    if (!item.embeds && item.state !== 'error') void encodeImage(item.id);
  }
}

export const removeImage = (id: string) => appStore.getState().removeImage(id);

/** Stops a run: images not classified yet are removed and the worker drops their queued work. */
export function cancelPendingImages(): number {
  const pending = appStore.getState().images.filter((i) => i.state === 'queued' || i.state === 'encoding');
  pending.forEach((item) => appStore.getState().removeImage(item.id));
  client?.cancelImages();
  return pending.length;
}
export const clearImages = () => appStore.getState().clearImages();

/**
 * Encodes one camera frame with the loaded model (the bitmap is transferred and closed); undefined when no model
 * is ready or another model was loaded meanwhile (its embedding would not match the labels).
 */
export async function encodeCameraFrame(frame: ImageBitmap): Promise<Float32Array | undefined> {
  const { generation } = appStore.getState();
  if (!client || appStore.getState().modelStatus.phase !== 'ready' || !(await ready)) {
    frame.close();
    return undefined;
  }
  const embeds = await client.encodeFrame(frame);
  return appStore.getState().generation === generation ? embeds : undefined;
}
