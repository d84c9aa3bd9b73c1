// Where one model session is, as a discriminated union: the UI switches on `phase` (and a load's `step.kind`),
// never on display text. The main model, the comparison model and any later kind of model share this type.
import { STARTING, type LoadPhase, type PhaseKind } from '../shared/load-phase';
import type { MemoryAdvice } from '../model/catalogue/memory-advice';
import type { Backend, KindLoaded, LoadedModel } from '../shared/protocol';

/** What an error lets the user do about it. */
type ErrorAction =
  /** Load the same model again (a failed or cancelled load). */
  | 'retry'
  /** Start a fresh worker (the worker kept dying and was given up). */
  | 'restart'
  /** Smaller weights or the bundled model (see `memoryAdvice`). */
  | 'use-less-memory';

export type ErrorKind = 'load' | 'cancelled' | 'out-of-memory' | 'worker-stopped';

/** What a loaded model of any kind tells the status (CLIP's LoadedModel by default, the generator's too). */
type Loaded = KindLoaded & { threads: number };

export type ModelStatus<L extends Loaded = LoadedModel> =
  /** No model asked for (a comparison not started). */
  | { phase: 'idle' }
  /** A load under way: `step` says which part (download bytes, compiling a tower, warming up). */
  | { phase: 'loading'; modelId: string; step: LoadPhase; startedAt: number; updatedAt: number }
  | { phase: 'ready'; modelId: string; model: L }
  | {
      phase: 'error';
      modelId: string;
      kind: ErrorKind;
      /** In words a person can act on. */
      message: string;
      actions: readonly ErrorAction[];
      memoryAdvice?: MemoryAdvice;
      /** The model that was ready when its worker stopped: the results it gave stay on screen. */
      model?: L;
    };

type ModelPhase = ModelStatus['phase'];

export type ErrorStatus<L extends Loaded = LoadedModel> = Extract<ModelStatus<L>, { phase: 'error' }>;

export const IDLE = { phase: 'idle' } as const satisfies ModelStatus;

/** A load of `modelId` that has just started (configs and backend choice come first). */
export const loadingStatus = <L extends Loaded = LoadedModel>(modelId: string, now: number): ModelStatus<L> => ({
  phase: 'loading',
  modelId,
  step: STARTING,
  startedAt: now,
  updatedAt: now,
});

/** The load moved on to `step`; a status that is no longer loading stays as it is (a late progress message). */
export const advanceLoad = <L extends Loaded>(status: ModelStatus<L>, step: LoadPhase, now: number): ModelStatus<L> =>
  status.phase === 'loading' ? { ...status, step, updatedAt: now } : status;

export const isLoading = (status: ModelStatus): status is Extract<ModelStatus, { phase: 'loading' }> =>
  status.phase === 'loading';

/** The model running now, only once it is ready. */
export const runningModel = (status: ModelStatus): LoadedModel | undefined =>
  status.phase === 'ready' ? status.model : undefined;

/** The id of the model running now; undefined while none is. */
export const runningModelId = <L extends Loaded>(status: ModelStatus<L>): string | undefined =>
  status.phase === 'ready' ? status.modelId : undefined;

/**
 * The model whose embeddings are on screen: the one ready, or the one that ran until its worker stopped (its
 * results, backend and calibration still describe what the cards show).
 */
export function loadedModel<L extends Loaded>(status: ModelStatus<L>): { modelId: string; model: L } | undefined {
  if (status.phase === 'ready') return status;
  if (status.phase === 'error' && status.model) return { modelId: status.modelId, model: status.model };
  return undefined;
}

/** The loaded model now runs on `backend` (WebGPU failed and WASM took over), with why in words. */
export function withBackend<L extends Loaded>(
  status: ModelStatus<L>,
  backend: Backend,
  notice: string,
): ModelStatus<L> {
  const moved = (model: L): L => ({
    ...model,
    backend,
    notice,
    threads: backend === 'webgpu' ? 0 : model.threads,
  });
  if (status.phase === 'ready') return { ...status, model: moved(status.model) };
  if (status.phase === 'error' && status.model) return { ...status, model: moved(status.model) };
  return status;
}

/** A load that failed or was cancelled: retrying loads the same model again. */
export const loadFailed = <L extends Loaded = LoadedModel>(
  modelId: string,
  message: string,
  kind: 'load' | 'cancelled' = 'load',
): ErrorStatus<L> => ({
  phase: 'error',
  modelId,
  kind,
  message,
  actions: ['retry'],
});

/** Out of memory while starting: retry (after closing other tabs) or choose what `advice` says needs less. */
export const outOfMemory = (modelId: string, message: string, advice: MemoryAdvice): ErrorStatus => ({
  phase: 'error',
  modelId,
  kind: 'out-of-memory',
  message,
  actions: ['retry', 'use-less-memory'],
  memoryAdvice: advice,
});

/** A worker given up after repeated crashes: the results of the model it ran stay, a fresh worker is offered. */
export function workerStopped<L extends Loaded>(
  status: ModelStatus<L>,
  modelId: string,
  message: string,
): ErrorStatus<L> {
  const model = loadedModel(status)?.model;
  return { phase: 'error', modelId, kind: 'worker-stopped', message, actions: ['restart'], model };
}

/** The finer phase, for a `data-phase` attribute: the load's step while loading, else the phase itself. */
export const statusStep = <L extends Loaded>(status: ModelStatus<L>): Exclude<ModelPhase, 'loading'> | PhaseKind =>
  status.phase === 'loading' ? status.step.kind : status.phase;

/** How an error reads after the model's name: "Clipscope Mini could not start: …". */
export const errorWords = (kind: ErrorKind): string => (kind === 'worker-stopped' ? 'stopped' : 'could not start');
