// ONNX Runtime in the worker: picks the backend (WASM when WebGPU is missing or only a slow software adapter),
// creates both towers on it, and watches for a lost WebGPU device.
import type * as Ort from 'onnxruntime-web';
import type { Tower } from '../shared/load-phase';
import type { Backend, BackendPreference } from '../shared/protocol';
import { wasmThreadCount } from '../shared/settings';
import { timed } from './load-timing';

export type OrtModule = typeof Ort;
const builds: Partial<Record<Backend, Promise<OrtModule>>> = {};

/**
 * ONNX Runtime loads on first use, in its own chunk (its WASM threads start from that chunk, not this worker).
 * WASM uses the WASM-only build: measured about 3x faster at batch 1 than the WebGPU-capable (asyncify) build
 * (npm run bench); WebGPU needs the latter. Only the build in use is downloaded.
 */
function loadOrt(backend: Backend): Promise<OrtModule> {
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

// A one-node ONNX model (Identity of one float, 67 bytes): creating a session of it starts ONNX Runtime.
const STARTER_MODEL = 'CAgSADo3ChAKAXgSAXkiCElkZW50aXR5EgFnWg8KAXgSCgoICAESBAoCCAFiDwoBeRIKCggIARIECgIIAUIECgAQDQ==';

async function ortFor(backend: Backend): Promise<OrtModule> {
  const ort = await loadOrt(backend);
  ort.env.wasm.numThreads = wasmThreads();
  return ort;
}

/**
 * Starts ONNX Runtime for `backend` (its import, the fetch and compile of its WASM build, its threads) while the model
 * downloads, instead of inside the first real session: measured as most of "Starting the model" (bench/README.md).
 * A failure here is left for the real sessions to meet and report.
 */
export async function startRuntime(backend: Backend): Promise<void> {
  const ort = await ortFor(backend);
  const model = Uint8Array.from(atob(STARTER_MODEL), (c) => c.charCodeAt(0));
  const session = await ort.InferenceSession.create(model, { executionProviders: [backend] });
  await session.release();
}

/**
 * Creates the text and vision sessions; `onTower` is told which tower is being built and how many are done (the
 * phase the status shows).
 */
export async function createSessions(
  backend: Backend,
  text: Uint8Array,
  vision: Uint8Array,
  onTower: (tower: Tower, towersDone: number) => void = () => {},
): Promise<Sessions> {
  const ort = await ortFor(backend);
  const options: Ort.InferenceSession.SessionOptions = { executionProviders: [backend], graphOptimizationLevel: 'all' };
  const create = (tower: Tower, bytes: Uint8Array) =>
    timed(`${tower} session`, () => ort.InferenceSession.create(bytes, options));
  let textSession: PromiseSettledResult<Ort.InferenceSession>;
  let visionSession: PromiseSettledResult<Ort.InferenceSession>;
  onTower('text', 0);
  if (backend === 'wasm') {
    // On WASM both towers at once: while one session is built, the other's bytes are copied in. The status names
    // the tower still being built once the first is done.
    const building = { text: create('text', text), vision: create('vision', vision) };
    void Promise.race([building.text.then(() => 'vision' as const), building.vision.then(() => 'text' as const)])
      .then((left) => onTower(left, 1))
      .catch(() => {});
    [textSession, visionSession] = await Promise.allSettled([building.text, building.vision]);
  } else {
    // WebGPU failed to start when its two sessions were created together (e2e/backends.spec.ts): one at a time.
    textSession = await settled(create('text', text));
    onTower('vision', 1);
    visionSession = await settled(create('vision', vision));
  }
  if (textSession.status === 'fulfilled' && visionSession.status === 'fulfilled') {
    return { backend, ort, text: textSession.value, vision: visionSession.value };
  }
  await Promise.allSettled([textSession, visionSession].map((s) => s.status === 'fulfilled' && s.value.release()));
  throw textSession.status === 'rejected' ? textSession.reason : (visionSession as PromiseRejectedResult).reason;
}

const settled = <T>(promise: Promise<T>) => Promise.allSettled([promise]).then(([result]) => result!);

/**
 * Creates one session per named graph (a generator's four), on WASM all at once, on WebGPU one at a time (as for
 * the towers); `onEach` is told how many are done. On a failure the ones created are released.
 */
export async function createNamedSessions<N extends string>(
  backend: Backend,
  graphs: Record<N, Uint8Array>,
  onEach: (done: number) => void = () => {},
): Promise<{ ort: OrtModule; sessions: Record<N, Ort.InferenceSession> }> {
  const ort = await ortFor(backend);
  const options: Ort.InferenceSession.SessionOptions = { executionProviders: [backend], graphOptimizationLevel: 'all' };
  const names = Object.keys(graphs) as N[];
  let done = 0;
  const create = async (name: N) => {
    const session = await timed(`${name} session`, () => ort.InferenceSession.create(graphs[name], options));
    onEach(++done);
    return session;
  };
  const results: PromiseSettledResult<Ort.InferenceSession>[] = [];
  if (backend === 'wasm') results.push(...(await Promise.allSettled(names.map(create))));
  else for (const name of names) results.push(await settled(create(name)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!failed) {
    const sessions = results.map((r) => (r as PromiseFulfilledResult<Ort.InferenceSession>).value);
    return {
      ort,
      sessions: Object.fromEntries(names.map((n, i) => [n, sessions[i]!])) as Record<N, Ort.InferenceSession>,
    };
  }
  await Promise.allSettled(results.map((r) => r.status === 'fulfilled' && r.value.release()));
  throw failed.reason;
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
