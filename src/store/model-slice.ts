import type { StateCreator } from 'zustand';
import { STARTING, type LoadPhase } from '../model/load-phase';
import type { MemoryAdvice } from '../model/memory-advice';
import type { ScoringRule } from '../model/scoring';
import type { ModelConnection } from './model-connection';
import { IDLE, type ModelStatus } from './model-status';
import { oldStatusFields } from './old-status-fields'; // old status
import type { Backend, LoadedModel } from '../shared/protocol';

export type ModelState = 'loading' | 'ready' | 'error';

/** The model host failed the model that was asked for, so the bundled model runs instead. */
export interface ModelFallback {
  /** The id and name of the model that could not be loaded. */
  failedId: string;
  failedName: string;
  /** The model host's name (e.g. huggingface.co) and what went wrong, in words. */
  host: string;
  reason: string;
  /** Chosen by the user (`?model=`, the picker, a share link), or the app's default. */
  explicit: boolean;
}

export interface ModelSlice {
  /** The link to the model worker, made when the app starts. */
  connection?: ModelConnection;
  setConnection: (connection: ModelConnection) => void;
  /** Where the main model is; written only by its session (see session/model-session.ts). */
  modelStatus: ModelStatus;
  setModelStatus: (status: ModelStatus) => void;
  setScoringRule: (rule: ScoringRule | undefined) => void;
  modelState: ModelState;
  /** Where the current load is (download, compile per tower, warm-up); see load-phase.ts. */
  loadPhase: LoadPhase;
  modelError: string;
  /** What the error offers: loading the model again, or (the worker kept dying and was given up) a fresh worker. */
  modelErrorKind: 'load' | 'worker-stopped';
  /** Set when the model ran out of memory while starting: what would need less. */
  memoryAdvice?: MemoryAdvice;
  /** When the current load started and when progress last arrived (ms), for speed and time left. */
  downloadStartedAt: number;
  progressAt: number;
  model?: LoadedModel;
  /** The id of the model running (set with `model`). */
  loadedModelId?: string;
  fallback?: ModelFallback;
  /** How scores become probabilities; undefined when the model's trained scale is unknown (cosines only). */
  scoringRule?: ScoringRule;
  /** Set when a load starts; replies for an older generation are stale. */
  generation: number;
  startLoading: () => number; // old status: no caller but store.test.ts; the session writes modelStatus
  setProgress: (phase: LoadPhase) => void; // old status: no caller but store.test.ts; the session writes modelStatus
  setLoaded: (modelId: string, model: LoadedModel, scoringRule: ScoringRule | undefined) => void; // old status: no caller but store.test.ts; the session writes modelStatus
  setFallback: (fallback: ModelFallback | undefined) => void;
  setModelError: (message: string, memoryAdvice?: MemoryAdvice) => void; // old status: no caller but store.test.ts; the session writes modelStatus
  setWorkerStopped: (message: string) => void; // old status: no caller but store.test.ts; the session writes modelStatus
  setBackend: (backend: Backend, notice: string) => void; // old status: no caller but store.test.ts; the session writes modelStatus
}

export const createModelSlice: StateCreator<ModelSlice> = (set, get) => ({
  setConnection: (connection) => set({ connection }),
  modelStatus: IDLE,
  setModelStatus: (modelStatus) => set({ modelStatus, ...oldStatusFields(modelStatus, get()) }), // old status: set({ modelStatus })
  setScoringRule: (scoringRule) => set({ scoringRule }),
  modelState: 'loading',
  loadPhase: STARTING,
  modelError: '',
  modelErrorKind: 'load',
  downloadStartedAt: 0,
  progressAt: 0,
  generation: 0,
  startLoading: () => {
    const generation = get().generation + 1;
    set({
      modelState: 'loading',
      loadPhase: STARTING,
      modelError: '',
      memoryAdvice: undefined,
      model: undefined,
      loadedModelId: undefined,
      downloadStartedAt: Date.now(),
      progressAt: Date.now(),
      generation,
    });
    return generation;
  },
  setProgress: (loadPhase) => set({ loadPhase, progressAt: Date.now() }),
  setLoaded: (loadedModelId, model, scoringRule) => set({ modelState: 'ready', loadedModelId, model, scoringRule }),
  setFallback: (fallback) => set({ fallback }),
  setModelError: (modelError, memoryAdvice) =>
    set({ modelState: 'error', modelError, memoryAdvice, modelErrorKind: 'load' }),
  setWorkerStopped: (modelError) =>
    set({ modelState: 'error', modelError, memoryAdvice: undefined, modelErrorKind: 'worker-stopped' }),
  setBackend: (backend, notice) => {
    const model = get().model;
    if (model) set({ model: { ...model, backend, notice, threads: backend === 'webgpu' ? 0 : model.threads } });
  },
});
