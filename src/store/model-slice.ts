import type { StateCreator } from 'zustand';
import { DEFAULT_MODEL_ID } from '../model/catalogue/catalogue';
import type { ScoringRule } from '../model/scoring/score-image';
import type { ModelConnection } from './model-connection';
import { loadingStatus, type ModelStatus } from './model-status';

/** The model host failed the model that was asked for, so the bundled model runs instead. */
interface ModelFallback {
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
  /** Counts the loads the status has shown: a new load starts the announcer's milestones afresh. */
  generation: number;
  setFallback: (fallback: ModelFallback | undefined) => void;
}

export const createModelSlice: StateCreator<ModelSlice> = (set, get) => ({
  setConnection: (connection) => set({ connection }),
  // The app starts loading a model as soon as it runs: the status says so from the first paint.
  modelStatus: loadingStatus(DEFAULT_MODEL_ID, Date.now()),
  setModelStatus: (modelStatus) => {
    const before = get().modelStatus;
    const sameLoad =
      before.phase === 'loading' && modelStatus.phase === 'loading' && before.startedAt === modelStatus.startedAt;
    const newLoad = modelStatus.phase === 'loading' && !sameLoad;
    set({ modelStatus, generation: get().generation + (newLoad ? 1 : 0) });
  },
  setScoringRule: (scoringRule) => set({ scoringRule }),
  generation: 0,
  setFallback: (fallback) => set({ fallback }),
});
