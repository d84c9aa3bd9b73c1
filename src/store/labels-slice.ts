import type { StateCreator } from 'zustand';
import { DEFAULT_TEMPLATE } from '../shared/settings';

export interface LabelsSlice {
  labelsText: string;
  template: string;
  /** Text embeddings by prompt, as the model outputs them; each prompt is encoded once per loaded model. */
  textEmbeds: ReadonlyMap<string, Float32Array>;
  /** Token ids (space-separated) by prompt, from the same replies: prompts with equal ids are one label. */
  promptTokens: ReadonlyMap<string, string>;
  setLabelsText: (text: string) => void;
  setTemplate: (template: string) => void;
  addTextEmbeds: (prompts: readonly string[], embeds: Float32Array, tokens?: readonly string[]) => void;
  clearTextEmbeds: () => void;
}

export const createLabelsSlice: StateCreator<LabelsSlice> = (set, get) => ({
  labelsText: '',
  template: DEFAULT_TEMPLATE,
  textEmbeds: new Map(),
  promptTokens: new Map(),
  setLabelsText: (labelsText) => set({ labelsText }),
  setTemplate: (template) => set({ template }),
  addTextEmbeds: (prompts, embeds, tokens) => {
    const dim = embeds.length / prompts.length;
    const next = new Map(get().textEmbeds);
    prompts.forEach((prompt, i) => next.set(prompt, embeds.slice(i * dim, (i + 1) * dim)));
    const nextTokens = tokens ? new Map(get().promptTokens) : get().promptTokens;
    if (tokens) prompts.forEach((prompt, i) => (nextTokens as Map<string, string>).set(prompt, tokens[i]!));
    set({ textEmbeds: next, promptTokens: nextTokens });
  },
  clearTextEmbeds: () => set({ textEmbeds: new Map(), promptTokens: new Map() }),
});
