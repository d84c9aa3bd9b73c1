/** The models Clipscope offers: the one source of truth for ids, files, sizes, licences and scoring. */
import { MINI_COLOURS, MINI_SHAPES, MINI_WORDS } from '../text/mini-vocabulary';

export type Dtype = 'fp32' | 'fp16' | 'q8';
export type Scoring = 'softmax' | 'sigmoid';

/** File suffix of each dtype in the transformers.js Hub layout (onnx/vision_model{suffix}.onnx). */
export const DTYPE_SUFFIX: Record<Dtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized' };

/** What a model trained on a closed set of words knows; models trained on open web captions have none. */
export interface ModelKnowledge {
  /** What it can recognise, in groups the notice names ("8 colours and 6 shapes"). */
  topics: readonly { name: string; words: readonly string[] }[];
  /** Every word its tokenizer has (lowercase); any other word reaches it as one unknown token. */
  vocabulary: readonly string[];
}

export interface CatalogueModel {
  /** Hub repo id, or a short id for the bundled model. */
  id: string;
  name: string;
  family: 'CLIP' | 'MobileCLIP' | 'SigLIP' | 'Clipscope';
  /** Bundled with the site (a path relative to the page), or downloaded from the model host. */
  bundledPath?: string;
  revision: string;
  /** Approximate download size in MB of both towers, per dtype the repo provides. */
  sizeMb: Partial<Record<Dtype, number>>;
  licence: string;
  /** CLIP-style softmax over labels, or SigLIP's independent sigmoid per label. */
  scoring: Scoring;
  /**
   * The trained temperature (and SigLIP's bias) when the model's config.json does not record them; never Hugging
   * Face's logit_scale_init_value, which is the value before training.
   */
  logitScale?: number;
  logitBias?: number;
  /**
   * Where the trained scale and bias are read when the model's own files lack them: the original weights
   * (safetensors) in another repo; only their header and two values are fetched.
   */
  learnedScoring?: { repo: string; path: string };
  /** Pad every prompt to this many tokens, as the model was trained (SigLIP: 64); default: the longest prompt. */
  padTo?: number;
  speedClass: SpeedClass;
  /** The dtype WASM uses unless the user says otherwise (int8 where it exists and helps). */
  wasmDtype: Dtype;
  /**
   * Not in the catalogue (a `?model=` repo or a folder from disk): the dtypes are those whose files exist, and the
   * scoring follows config.json's model_type (see config-scoring.ts) instead of the fields above.
   */
  uncatalogued?: true;
  /** Set for a model that knows only a few words (the Mini): the app says so and marks words it does not know. */
  knows?: ModelKnowledge;
}

export type SpeedClass = 'bundled' | 'fast' | 'medium' | 'slow';
/**
 * How each speed class reads in the model list. The bundled Mini downloads nothing from the model host, but starting
 * ONNX Runtime and its sessions still takes seconds (bench/model-start.ts), so it is not called instant.
 */
export const SPEED_WORDS: Record<SpeedClass, string> = {
  bundled: 'ready in a few seconds',
  fast: 'fast',
  medium: 'medium',
  slow: 'slow',
};

export const MINI_ID = 'clipscope-mini';
// OpenAI CLIP clamps its learned temperature at 100 and ends training there; MobileCLIP follows CLIP.
const OPENAI_TRAINED_SCALE = 100;

export const CATALOGUE: readonly CatalogueModel[] = [
  {
    id: MINI_ID,
    name: 'Clipscope Mini (coloured shapes, bundled)',
    family: 'Clipscope',
    bundledPath: 'models/clipscope-mini/',
    revision: 'main',
    sizeMb: { fp32: 4.9, q8: 1.3 },
    licence: 'MIT',
    scoring: 'softmax',
    speedClass: 'bundled',
    // Its int8 ConvNet is slower than fp32 on CPU (see its model card).
    wasmDtype: 'fp32',
    knows: {
      topics: [
        { name: 'colours', words: MINI_COLOURS },
        { name: 'shapes', words: MINI_SHAPES },
      ],
      vocabulary: MINI_WORDS,
    },
  },
  {
    id: 'Xenova/clip-vit-base-patch32',
    name: 'OpenAI CLIP ViT-B/32',
    family: 'CLIP',
    revision: 'main',
    sizeMb: { fp32: 606, fp16: 303, q8: 152 },
    licence: 'MIT',
    scoring: 'softmax',
    logitScale: OPENAI_TRAINED_SCALE,
    speedClass: 'fast',
    wasmDtype: 'q8',
  },
  {
    id: 'Xenova/clip-vit-base-patch16',
    name: 'OpenAI CLIP ViT-B/16',
    family: 'CLIP',
    revision: 'main',
    sizeMb: { fp32: 599, fp16: 300, q8: 151 },
    licence: 'MIT',
    scoring: 'softmax',
    logitScale: OPENAI_TRAINED_SCALE,
    speedClass: 'medium',
    wasmDtype: 'q8',
  },
  {
    id: 'Xenova/mobileclip_s0',
    name: 'Apple MobileCLIP S0',
    family: 'MobileCLIP',
    revision: 'main',
    sizeMb: { fp32: 214, fp16: 107, q8: 54 },
    licence: 'Apple ML Research (non-commercial)',
    scoring: 'softmax',
    logitScale: OPENAI_TRAINED_SCALE,
    speedClass: 'fast',
    wasmDtype: 'q8',
  },
  {
    id: 'Xenova/mobileclip_s2',
    name: 'Apple MobileCLIP S2',
    family: 'MobileCLIP',
    revision: 'main',
    sizeMb: { fp32: 396, fp16: 198, q8: 100 },
    licence: 'Apple ML Research (non-commercial)',
    scoring: 'softmax',
    logitScale: OPENAI_TRAINED_SCALE,
    speedClass: 'medium',
    wasmDtype: 'q8',
  },
  {
    id: 'Xenova/siglip-base-patch16-224',
    name: 'Google SigLIP B/16 224',
    family: 'SigLIP',
    revision: 'main',
    sizeMb: { fp32: 813, fp16: 407, q8: 204 },
    licence: 'Apache-2.0',
    scoring: 'sigmoid',
    // The ONNX export drops logit_scale and logit_bias; Google's original weights hold the trained values.
    learnedScoring: { repo: 'google/siglip-base-patch16-224', path: 'model.safetensors' },
    padTo: 64,
    speedClass: 'slow',
    wasmDtype: 'q8',
  },
];

/** What the app loads unless told otherwise: a real CLIP for real photos. */
export const DEFAULT_MODEL_ID = 'Xenova/clip-vit-base-patch32';
/** What runs when a model from the host cannot be loaded: bundled with the site, so it always works. */
export const FALLBACK_MODEL_ID = MINI_ID;

const REPO_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;

/** A catalogue entry, or an uncatalogued entry for any other well-formed Hub repo id (from `?model=`). */
export function findModel(id: string): CatalogueModel | undefined {
  const known = CATALOGUE.find((m) => m.id === id);
  if (known) return known;
  if (!REPO_ID.test(id) || id.includes('..')) return undefined;
  return {
    id,
    name: id,
    family: 'CLIP',
    revision: 'main',
    sizeMb: {},
    licence: 'see the model page',
    scoring: 'softmax',
    speedClass: 'medium',
    wasmDtype: 'q8',
    uncatalogued: true,
  };
}
