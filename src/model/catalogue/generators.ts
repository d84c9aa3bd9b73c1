// The generator models Clipscope offers (encoder-decoder vision-language models that write text about an image):
// ids, files, sizes and what each knows. Kept apart from CATALOGUE, whose entries are contrastive (CLIP-style)
// models scored by similarity; a generator is picked in the Describe view.
import type { Dtype, ModelKnowledge } from './catalogue';
import { MINI_COLOURS, MINI_SHAPES } from '../text/mini-vocabulary';

export interface GeneratorModel {
  /** Hub repo id, or a short id for the bundled model. */
  id: string;
  name: string;
  /**
   * How its graphs fit together: 'encoder-decoder' is the transformers.js layout of Florence-2 (vision encoder,
   * token embeddings, encoder over image features and prefix, merged decoder with past keys and values).
   */
  architecture: 'encoder-decoder';
  /** Bundled with the site (a path relative to the page), or downloaded from the model host. */
  bundledPath?: string;
  revision: string;
  /** Approximate download size in MB of all its graphs, per dtype it provides. */
  sizeMb: Partial<Record<Dtype, number>>;
  /** The dtype loaded unless the user picks another (the model's config.json says which, clipscope.default_dtype). */
  defaultDtype: Dtype;
  licence: string;
  /** What it can talk about, for a model trained on a closed set of scenes. */
  knows?: Pick<ModelKnowledge, 'topics'> & {
    /** The questions it was trained to answer (the Describe view offers them). */
    questions: readonly string[];
  };
}

export const MINI_GENERATOR_ID = 'clipscope-mini-prefixlm';

const GENERATORS: readonly GeneratorModel[] = [
  {
    id: MINI_GENERATOR_ID,
    name: 'Clipscope Mini PrefixLM (coloured shapes, bundled)',
    architecture: 'encoder-decoder',
    bundledPath: 'models/clipscope-mini-prefixlm/',
    revision: 'main',
    sizeMb: { fp32: 6.8, q8: 2.0 },
    defaultDtype: 'fp32',
    licence: 'MIT',
    knows: {
      topics: [
        { name: 'colours', words: MINI_COLOURS },
        { name: 'shapes', words: MINI_SHAPES },
      ],
      questions: ['what colour is the star?', 'how many shapes are there?', 'is there a triangle?'],
    },
  },
];

export function findGenerator(id: string): GeneratorModel | undefined {
  return GENERATORS.find((model) => model.id === id);
}
