// Failures in the model worker, for every model kind: their words for a person, and WebGPU failures, after which
// ONNX Runtime's instance in this worker may be unusable, so the host tells the client, which starts a fresh WASM
// worker instead of retrying here.
import { TowerSignatureError } from '../model/onnx/tower-io';
import type { Backend } from '../shared/protocol';

export class WebGpuFailure extends Error {}

/** Runs `work`; a failure on WebGPU becomes a WebGpuFailure with words a person can read. */
export async function guardWebGpu<T>(backend: Backend, when: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // A graph without the expected names fails the same way on every backend: no point starting WASM for it.
    if (backend !== 'webgpu' || error instanceof TowerSignatureError) throw error;
    throw new WebGpuFailure(`WebGPU failed ${when}: ${describeError(error)}`);
  }
}

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // ONNX Runtime's WASM build can throw a bare C++ exception pointer, which means nothing to anyone.
  return /^\d+$/.test(message.trim()) ? 'an internal error in ONNX Runtime' : message;
}
