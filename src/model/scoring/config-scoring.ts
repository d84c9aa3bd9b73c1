// How a model the catalogue does not list turns similarities into scores, decided by its config.json: CLIP is a
// softmax over labels with its trained temperature, SigLIP an independent sigmoid with its trained scale and bias
// (and prompts padded to 64 tokens, as it was trained); without those numbers, or for another kind of model, only
// cosine similarities mean anything.

/** The parts of a Hub config.json this decision reads; anything may be missing or of the wrong type. */
export interface ModelConfig {
  model_type?: unknown;
  _name_or_path?: unknown;
  clipscope?: { logit_scale?: unknown; logit_bias?: unknown };
}

export interface LearnedValues {
  logitScale: number;
  logitBias: number;
}

export type ConfigScoring =
  | { kind: 'softmax'; modelType: string; logitScale: number }
  | { kind: 'sigmoid'; modelType: string; logitScale: number; logitBias: number }
  /** `note` says why, in words for the user; empty where the chart's own hint (unknown scale) says it all. */
  | { kind: 'cosine'; modelType: string; note: string };

export interface ScoringPlan {
  modelType: string;
  /** Pad every prompt to this many tokens; 0 pads to the longest prompt. */
  padTo: number;
  /** Repos whose `model.safetensors` may hold the trained scale and bias, in the order to try; empty: none needed. */
  weightRepos: string[];
}

const SIGLIP_CONTEXT = 64;
const REPO_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function modelType(config: ModelConfig): string {
  return typeof config.model_type === 'string' ? config.model_type.slice(0, 60) : '';
}

/** The scale and bias config.json records (Clipscope's own `clipscope` block), when both make sense. */
function recorded(config: ModelConfig): { logitScale?: number; logitBias?: number } {
  const logitScale = finite(config.clipscope?.logit_scale);
  return {
    logitScale: logitScale && logitScale > 0 ? logitScale : undefined,
    logitBias: finite(config.clipscope?.logit_bias),
  };
}

/** What to do before scoring: the padding, and where SigLIP's trained numbers may be read when config.json lacks them. */
export function planConfigScoring(config: ModelConfig, ownRepo: string | undefined): ScoringPlan {
  const type = modelType(config);
  if (type !== 'siglip') return { modelType: type, padTo: 0, weightRepos: [] };
  const { logitScale, logitBias } = recorded(config);
  const origin = typeof config._name_or_path === 'string' ? config._name_or_path : '';
  const candidates = [ownRepo, origin].filter((r): r is string => !!r && REPO_ID.test(r) && !r.includes('..'));
  const weightRepos = logitScale !== undefined && logitBias !== undefined ? [] : [...new Set(candidates)];
  return { modelType: type, padTo: SIGLIP_CONTEXT, weightRepos };
}

/** The scoring of an uncatalogued model from its config.json and, for SigLIP, the values read from its weights. */
export function decideConfigScoring(config: ModelConfig, learned?: LearnedValues): ConfigScoring {
  const type = modelType(config);
  const { logitScale, logitBias } = recorded(config);
  if (type === 'clip') {
    // Hugging Face's logit_scale_init_value is the value before training, never the trained one.
    return logitScale === undefined
      ? { kind: 'cosine', modelType: type, note: '' }
      : { kind: 'softmax', modelType: type, logitScale };
  }
  if (type === 'siglip') {
    if (logitScale !== undefined && logitBias !== undefined)
      return { kind: 'sigmoid', modelType: type, logitScale, logitBias };
    if (learned) return { kind: 'sigmoid', modelType: type, ...learned };
    return {
      kind: 'cosine',
      modelType: type,
      note: "This SigLIP model's trained scale and bias could not be read from its weights, so only cosine similarities are shown.",
    };
  }
  const named = type ? `"${type}" models` : 'models whose config.json names no model_type';
  return {
    kind: 'cosine',
    modelType: type,
    note: `Clipscope does not know how ${named} turn similarities into probabilities, so only cosine similarities are shown. Choose a CLIP or SigLIP model for probabilities.`,
  };
}
