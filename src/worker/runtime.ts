// ONNX Runtime in the worker: picks the backend (WASM when WebGPU is missing or only a slow software adapter),
// creates both towers on it, and watches for a lost WebGPU device.
import type * as Ort from 'onnxruntime-web';
import type { Tower } from '../model/load-phase';
import type { Backend, BackendPreference } from '../shared/protocol';
import { wasmThreadCount } from '../shared/settings';

export type OrtModule = typeof Ort;
const builds: Partial<Record<Backend, Promise<OrtModule>>> = {};

/**
 * ONNX Runtime loads on first use, in its own chunk (its WASM threads start from that chunk, not this worker).
 * WASM uses the WASM-only build: measured about 3x faster at batch 1 than the WebGPU-capable (asyncify) build
 * (npm run bench); WebGPU needs the latter. Only the build in use is downloaded.
 */
export function loadOrt(backend: Backend): Promise<OrtModule> {
  builds[backend] ??= backend === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm');
  return builds[backend];
}

export interface Sessions {
  backend: Backend;
  /** The ONNX Runtime build the sessions belong to; their tensors must come from it too. */
  ort: OrtModule;
  text: Ort.InferenceSession;
  vision: Ort.InferenceSession;
}

export interface BackendChoice {
  backend: Backend;
  notice: string;
  /** The WebGPU adapter can run fp16 shaders. */
  shaderF16: boolean;
  /** WebGPU was forced onto a software adapter (SwiftShader): it runs, but far slower than WASM. */
  softwareAdapter?: boolean;
}

/** Which backend to try first, and why, given the preference and the adapter this browser offers. */
export async function chooseBackend(preference: BackendPreference): Promise<BackendChoice> {
  const wasm = (notice: string): BackendChoice => ({ backend: 'wasm', notice, shaderF16: false });
  if (preference === 'wasm') return wasm('');
  const adapter = await navigator.gpu?.requestAdapter().catch(() => null);
  if (!adapter) return wasm('WebGPU is not available in this browser, so the model runs on WASM (CPU).');
  if (preference === 'auto' && adapter.info?.isFallbackAdapter) {
    return wasm('Only a software WebGPU adapter is available; WASM (CPU) is faster, so the model runs there.');
  }
  const softwareAdapter = adapter.info?.isFallbackAdapter === true;
  return { backend: 'webgpu', notice: '', shaderF16: adapter.features.has('shader-f16'), softwareAdapter };
}

export function wasmThreads(): number {
  return wasmThreadCount(self.crossOriginIsolated, navigator.hardwareConcurrency);
}

/** Creates the text session, then the vision one; `onTower` is told before each (the phase the status shows). */
export async function createSessions(
  backend: Backend,
  text: Uint8Array,
  vision: Uint8Array,
  onTower: (tower: Tower, towersDone: number) => void = () => {},
): Promise<Sessions> {
  const ort = await loadOrt(backend);
  ort.env.wasm.numThreads = wasmThreads();
  const options: Ort.InferenceSession.SessionOptions = { executionProviders: [backend], graphOptimizationLevel: 'all' };
  onTower('text', 0);
  const textSession = await ort.InferenceSession.create(text, options);
  try {
    onTower('vision', 1);
    return { backend, ort, text: textSession, vision: await ort.InferenceSession.create(vision, options) };
  } catch (error) {
    await textSession.release();
    throw error;
  }
}

export async function releaseSessions(sessions: Sessions | undefined): Promise<void> {
  await Promise.allSettled([sessions?.text.release(), sessions?.vision.release()]);
}

/** Calls `onLost` when the WebGPU device ONNX Runtime uses goes away (driver reset, GPU removed). */
export async function watchDeviceLoss(onLost: (reason: string) => void): Promise<void> {
  const ort = await loadOrt('webgpu');
  const device = (await Promise.resolve(ort.env.webgpu.device).catch(() => undefined)) as GPUDevice | undefined;
  void device?.lost.then((info) => onLost(info.message || 'the GPU device was lost'));
}

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // ONNX Runtime's WASM build can throw a bare C++ exception pointer, which means nothing to anyone.
  return /^\d+$/.test(message.trim()) ? 'an internal error in ONNX Runtime' : message;
}
