// Live camera: captures frames from getUserMedia and classifies them one at a time. The next frame is grabbed only
// when the previous answer is back, so frames the model cannot keep up with are dropped, never queued.
import { FpsMeter } from '../model/fps';
import { describeCameraError, NO_CAMERA_API } from './camera-errors';
import { encodeCameraFrame } from './encoding';
import { appStore } from './store';

// Consecutive failed frames (a worker restart drops the frame in flight) before the camera gives up.
const MAX_FAILED_FRAMES = 3;
const IDLE_POLL_MS = 100;

let stream: MediaStream | undefined;
let video: HTMLVideoElement | undefined;
// Bumped by every start and stop, so a loop of an older stream ends by itself.
let session = 0;
const meter = new FpsMeter();
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const set = (patch: Parameters<ReturnType<typeof appStore.getState>['setCamera']>[0]) =>
  appStore.getState().setCamera(patch);

function releaseStream(): void {
  stream?.getTracks().forEach((track) => track.stop());
  stream = undefined;
  if (video) video.srcObject = null;
}

/** Starts the camera (a given one, or the browser's default) into `element` and classifies its frames. */
export async function startCamera(element: HTMLVideoElement, deviceId?: string): Promise<void> {
  releaseStream();
  const mine = ++session;
  video = element;
  if (!navigator.mediaDevices?.getUserMedia) return set({ cameraState: 'error', cameraError: NO_CAMERA_API });
  set({ cameraState: 'starting', cameraError: '', cameraEmbeds: undefined, cameraFps: 0, cameraFrames: 0 });
  try {
    const opened = await navigator.mediaDevices.getUserMedia({
      video: deviceId ? { deviceId: { exact: deviceId } } : true,
      audio: false,
    });
    if (mine !== session) return opened.getTracks().forEach((track) => track.stop());
    stream = opened;
    element.srcObject = opened;
    await element.play();
    // Device names are only readable once the user has allowed a camera.
    const devices = (await navigator.mediaDevices.enumerateDevices())
      .filter((d) => d.kind === 'videoinput')
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
    const current = opened.getVideoTracks()[0]?.getSettings().deviceId;
    set({ cameraState: 'live', cameraDevices: devices, cameraDeviceId: current ?? deviceId });
    meter.reset();
    void classifyFrames(mine);
  } catch (error) {
    if (mine !== session) return;
    releaseStream();
    set({ cameraState: 'error', cameraError: describeCameraError(error) });
  }
}

export function stopCamera(): void {
  session++;
  releaseStream();
  set({ cameraState: 'off', cameraFps: 0 });
}

export function pauseCamera(paused: boolean): void {
  const state = appStore.getState().cameraState;
  if (state !== 'live' && state !== 'paused') return;
  if (paused) video?.pause();
  else void video?.play();
  meter.reset();
  set({ cameraState: paused ? 'paused' : 'live', cameraFps: 0 });
}

export function switchCamera(deviceId: string): void {
  if (video) void startCamera(video, deviceId);
}

async function classifyFrames(mine: number): Promise<void> {
  let failures = 0;
  while (mine === session) {
    if (appStore.getState().cameraState !== 'live' || !video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
      await wait(IDLE_POLL_MS);
      continue;
    }
    try {
      const embeds = await encodeCameraFrame(await createImageBitmap(video));
      failures = 0;
      if (mine !== session || appStore.getState().cameraState !== 'live') continue;
      if (!embeds) {
        await wait(IDLE_POLL_MS); // no model ready yet
        continue;
      }
      meter.tick(performance.now());
      set({ cameraEmbeds: embeds, cameraFps: meter.fps(), cameraFrames: appStore.getState().cameraFrames + 1 });
    } catch (error) {
      if (++failures < MAX_FAILED_FRAMES || mine !== session) continue;
      releaseStream();
      session++;
      set({
        cameraState: 'error',
        cameraError: `Classifying the camera failed (${(error as Error).message}). Press Start camera to try again.`,
      });
      return;
    }
    // Let the page render the new chart before the next frame is taken.
    await wait(0);
  }
}
