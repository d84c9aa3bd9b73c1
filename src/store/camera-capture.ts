// The camera actions of the UI, over the app's one CameraFeed (kept in the store, made on first use). Frames are
// classified by the main model session.
import { CameraFeed } from './camera-feed';
import { encodeCameraFrame } from './image-actions';
import { appStore } from './store';

function feed(): CameraFeed {
  const existing = appStore.getState().cameraFeed;
  if (existing) return existing;
  const made = new CameraFeed({
    camera: () => appStore.getState(),
    set: (patch) => appStore.getState().setCamera(patch),
    encodeFrame: encodeCameraFrame,
  });
  appStore.getState().setCamera({ cameraFeed: made });
  return made;
}

/** Starts the camera (a given one, or the browser's default) into `element` and classifies its frames. */
export const startCamera = (element: HTMLVideoElement, deviceId?: string): Promise<void> =>
  feed().start(element, deviceId);

export const stopCamera = (): void => feed().stop();

export const pauseCamera = (paused: boolean): void => feed().pause(paused);

export const switchCamera = (deviceId: string): void => feed().switchTo(deviceId);
