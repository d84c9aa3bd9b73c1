import type { StateCreator } from 'zustand';
import { DEFAULT_TEMPLATE } from '../shared/settings';

export interface LabelsSlice {
  labelsText: string;
  template: string;
  /** Text embeddings by prompt, as the model outputs them; each prompt is encoded once per loaded model. */
  textEmbeds: ReadonlyMap<string, Float32Array>;
  setLabelsText: (text: string) => void;
  setTemplate: (template: string) => void;
  addTextEmbeds: (prompts: readonly string[], embeds: Float32Array) => void;
  clearTextEmbeds: () => void;
}

export const createLabelsSlice: StateCreator<LabelsSlice> = (set, get) => ({
  labelsText: '',
  template: DEFAULT_TEMPLATE,
  textEmbeds: new Map(),
  setLabelsText: (labelsText) => set({ labelsText }),
  setTemplate: (template) => set({ template }),
  addTextEmbeds: (prompts, embeds) => {
    const dim = embeds.length / prompts.length;
    const next = new Map(get().textEmbeds);
    prompts.forEach((prompt, i) => next.set(prompt, embeds.slice(i * dim, (i + 1) * dim)));
    set({ textEmbeds: next });
  },
  clearTextEmbeds: () => set({ textEmbeds: new Map() }),
});
