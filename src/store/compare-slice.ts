import type { StateCreator } from 'zustand';
import { MINI_ID, type Dtype } from '../model/catalogue/catalogue';
import type { ScoringRule } from '../model/scoring/score-image';
import type { ComparisonSession } from './compare-session';
import { IDLE, type ModelStatus } from './model-status';

/** A second model run on the same images and labels, in its own worker, with its own embeddings. */
export interface CompareSlice {
  compareModelId: string;
  compareDtype?: Dtype;
  /** Where the comparison model is: idle until Compare is pressed, then as the main model's status. */
  compareStatus: ModelStatus;
  setCompareStatus: (status: ModelStatus) => void;
  compareRule?: ScoringRule;
  /** The comparison model's text embeddings by prompt: embeddings of one model never mix with another's. */
  compareTextEmbeds: ReadonlyMap<string, Float32Array>;
  /** The comparison model's image embeddings by image id. */
  compareImageEmbeds: ReadonlyMap<string, Float32Array>;
  /** The comparison running now, if any (each start makes a new one). */
  compareSession?: ComparisonSession;
  setCompare: (
    patch: Partial<Omit<CompareSlice, 'compareStatus' | 'setCompareStatus' | 'setCompare' | 'addCompareEmbeds'>>,
  ) => void;
  addCompareEmbeds: (kind: 'text' | 'image', keys: readonly string[], embeds: Float32Array) => void;
}

export const createCompareSlice: StateCreator<CompareSlice> = (set, get) => ({
  compareModelId: MINI_ID,
  // The bundled model in int8 by default: a second model that costs no download.
  compareDtype: 'q8',
  compareStatus: IDLE,
  setCompareStatus: (compareStatus) => set({ compareStatus }),
  compareTextEmbeds: new Map(),
  compareImageEmbeds: new Map(),
  setCompare: (patch) => set(patch),
  addCompareEmbeds: (kind, keys, embeds) => {
    const dim = embeds.length / keys.length;
    const key = kind === 'text' ? 'compareTextEmbeds' : 'compareImageEmbeds';
    const next = new Map(get()[key]);
    keys.forEach((k, i) => next.set(k, embeds.slice(i * dim, (i + 1) * dim)));
    set({ [key]: next });
  },
});
