// Live camera: captures frames from getUserMedia and classifies them one at a time. The next frame is grabbed only
// when the previous answer is back, so frames the model cannot keep up with are dropped, never queued. One object
// per app (kept in the store) holds the stream, the video element and the run counter.
import { FpsMeter } from './fps-meter';
import { describeCameraError, NO_CAMERA_API } from './camera-errors';
import type { CameraSlice } from './camera-slice';

// Consecutive failed frames (a worker restart drops the frame in flight) before the camera gives up.
const MAX_FAILED_FRAMES = 3;
const IDLE_POLL_MS = 100;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CameraFeedLinks {
  camera: () => CameraSlice;
  set: CameraSlice['setCamera'];
  /** Classifies a frame with the main model; undefined while no model is ready. */
  encodeFrame: (frame: ImageBitmap) => Promise<Float32Array | undefined>;
}

export class CameraFeed {
  private stream?: MediaStream;
  private video?: HTMLVideoElement;
  /** Bumped by every start and stop, so a loop of an older stream ends by itself. */
  private run = 0;
  private readonly meter = new FpsMeter();

  constructor(private readonly links: CameraFeedLinks) {}

  /** Starts the camera (a given one, or the browser's default) into `element` and classifies its frames. */
  async start(element: HTMLVideoElement, deviceId?: string): Promise<void> {
    const { set } = this.links;
    this.releaseStream();
    const mine = ++this.run;
    this.video = element;
    if (!navigator.mediaDevices?.getUserMedia) return set({ cameraState: 'error', cameraError: NO_CAMERA_API });
    set({ cameraState: 'starting', cameraError: '', cameraEmbeds: undefined, cameraFps: 0, cameraFrames: 0 });
    try {
      const opened = await navigator.mediaDevices.getUserMedia({
        video: deviceId ? { deviceId: { exact: deviceId } } : true,
        audio: false,
      });
      if (mine !== this.run) return opened.getTracks().forEach((track) => track.stop());
      this.stream = opened;
      element.srcObject = opened;
      await element.play();
      // Device names are only readable once the user has allowed a camera.
      const devices = (await navigator.mediaDevices.enumerateDevices())
        .filter((d) => d.kind === 'videoinput')
        .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
      const current = opened.getVideoTracks()[0]?.getSettings().deviceId;
      set({ cameraState: 'live', cameraDevices: devices, cameraDeviceId: current ?? deviceId });
      this.meter.reset();
      void this.classifyFrames(mine);
    } catch (error) {
      if (mine !== this.run) return;
      this.releaseStream();
      set({ cameraState: 'error', cameraError: describeCameraError(error) });
    }
  }

  stop(): void {
    this.run++;
    this.releaseStream();
    this.links.set({ cameraState: 'off', cameraFps: 0 });
  }

  pause(paused: boolean): void {
    const state = this.links.camera().cameraState;
    if (state !== 'live' && state !== 'paused') return;
    if (paused) this.video?.pause();
    else void this.video?.play();
    this.meter.reset();
    this.links.set({ cameraState: paused ? 'paused' : 'live', cameraFps: 0 });
  }

  switchTo(deviceId: string): void {
    if (this.video) void this.start(this.video, deviceId);
  }

  private releaseStream(): void {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = undefined;
    if (this.video) this.video.srcObject = null;
  }

  private async classifyFrames(mine: number): Promise<void> {
    const { camera, set, encodeFrame } = this.links;
    let failures = 0;
    while (mine === this.run) {
      const video = this.video;
      if (camera().cameraState !== 'live' || !video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
        await wait(IDLE_POLL_MS);
        continue;
      }
      try {
        const embeds = await encodeFrame(await createImageBitmap(video));
        failures = 0;
        if (mine !== this.run || camera().cameraState !== 'live') continue;
        if (!embeds) {
          await wait(IDLE_POLL_MS); // no model ready yet
          continue;
        }
        this.meter.tick(performance.now());
        set({ cameraEmbeds: embeds, cameraFps: this.meter.fps(), cameraFrames: camera().cameraFrames + 1 });
      } catch (error) {
        if (++failures < MAX_FAILED_FRAMES || mine !== this.run) continue;
        this.releaseStream();
        this.run++;
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
}
