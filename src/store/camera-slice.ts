import type { StateCreator } from 'zustand';
import type { CameraFeed } from './camera-feed';

interface CameraDevice {
  deviceId: string;
  label: string;
}

type CameraState = 'off' | 'starting' | 'live' | 'paused' | 'error';

export interface CameraSlice {
  cameraState: CameraState;
  cameraError: string;
  cameraDevices: CameraDevice[];
  cameraDeviceId?: string;
  /** The last classified frame's image embedding. */
  cameraEmbeds?: Float32Array;
  cameraFps: number;
  /** Frames classified since the camera started. */
  cameraFrames: number;
  /** The open stream and its frame loop; made on the first start. */
  cameraFeed?: CameraFeed;
  setCamera: (patch: Partial<Omit<CameraSlice, 'setCamera'>>) => void;
}

export const createCameraSlice: StateCreator<CameraSlice> = (set) => ({
  cameraState: 'off',
  cameraError: '',
  cameraDevices: [],
  cameraFps: 0,
  cameraFrames: 0,
  setCamera: (patch) => set(patch),
});
