// The image actions of the main view: new images go to the main model session, which encodes them (and re-runs
// them after a model switch or a restart); removing or cancelling images drops their work.
import { appStore } from './store';

const session = () => appStore.getState().connection?.session;

export function addFiles(files: readonly File[]): void {
  const store = appStore.getState();
  const ids = store.takeImageIds(files.length);
  store.addImages(
    files.map((file, i) => ({ id: ids[i]!, name: file.name || 'pasted image', file, state: 'queued' as const })),
  );
  session()?.syncImages();
}

export const removeImage = (id: string) => appStore.getState().removeImage(id);

/** Stops a run: images not classified yet are removed and the worker drops their queued work. */
export function cancelPendingImages(): number {
  const pending = appStore.getState().images.filter((i) => i.state === 'queued' || i.state === 'encoding');
  pending.forEach((item) => appStore.getState().removeImage(item.id));
  session()?.cancelImages();
  return pending.length;
}

export const clearImages = () => appStore.getState().clearImages();

/** Encodes one camera frame with the main model; undefined when none is ready (the bitmap is closed either way). */
export function encodeCameraFrame(frame: ImageBitmap): Promise<Float32Array | undefined> {
  const running = session();
  if (running) return running.encodeFrame(frame);
  frame.close();
  return Promise.resolve(undefined);
}
