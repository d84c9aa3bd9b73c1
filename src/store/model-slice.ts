import type { StateCreator } from 'zustand';
import { DEFAULT_MODEL_ID } from '../model/catalogue';
import type { ScoringRule } from '../model/scoring';
import type { ModelConnection } from './model-connection';
import { loadingStatus, type ModelStatus } from './model-status';

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
  /** Where the main model is: loading (with its step), ready, or failed with what the user can do. */
  modelStatus: ModelStatus;
  setModelStatus: (status: ModelStatus) => void;
  fallback?: ModelFallback;
  /** How scores become probabilities; undefined when the model's trained scale is unknown (cosines only). */
  scoringRule?: ScoringRule;
  setScoringRule: (rule: ScoringRule | undefined) => void;
  /** Set when a load starts; replies for an older generation are stale. */
  generation: number;
  /** A new load of `modelId`: a new generation and a loading status, in one update. Returns the generation. */
  startLoading: (modelId: string) => number;
  setFallback: (fallback: ModelFallback | undefined) => void;
}

export const createModelSlice: StateCreator<ModelSlice> = (set, get) => ({
  setConnection: (connection) => set({ connection }),
  // The app starts loading a model as soon as it runs: the status says so from the first paint.
  modelStatus: loadingStatus(DEFAULT_MODEL_ID, Date.now()),
  setModelStatus: (modelStatus) => set({ modelStatus }),
  setScoringRule: (scoringRule) => set({ scoringRule }),
  generation: 0,
  startLoading: (modelId) => {
    const generation = get().generation + 1;
    set({ modelStatus: loadingStatus(modelId, Date.now()), generation });
    return generation;
  },
  setFallback: (fallback) => set({ fallback }),
});
