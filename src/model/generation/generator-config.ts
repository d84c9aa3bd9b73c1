// A generator's config.json and generation_config.json, read into what generation needs. The field names are
// Florence-2's (text_config.d_model, decoder_layers, ...), so the same reader serves the bundled mini and, later,
// Florence-2 itself (which also forces a first token, forced_bos_token_id).

export interface GeneratorConfig {
  modelType: string;
  decoderLayers: number;
  decoderHeads: number;
  /** Size of one attention head: d_model / decoder heads. */
  headDim: number;
  vocabSize: number;
  decoderStartTokenId: number;
  forcedBosTokenId?: number;
  eosTokenId: number;
  padTokenId: number;
  /** The longest generation, in tokens. */
  maxLength: number;
  /** Beam scores are divided by length ** this (0: summed log-probabilities, as when absent). */
  lengthPenalty: number;
  numImageTokens?: number;
  /** The dtype to load unless asked for another (config.json's clipscope.default_dtype). */
  defaultDtype?: string;
}

function integer(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`The model's ${name} is missing or not a whole number: its config files look damaged.`);
  }
  return value;
}

function optionalInteger(value: unknown, name: string): number | undefined {
  return value === undefined || value === null ? undefined : integer(value, name);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** An end token given as one id or a list (the first is used). */
function firstId(value: unknown, name: string): number {
  return integer(Array.isArray(value) ? value[0] : value, name);
}

export function readGeneratorConfig(config: unknown, generationConfig: unknown): GeneratorConfig {
  const root = record(config);
  const text = record(root.text_config);
  const generation = record(generationConfig);
  const decoderHeads = integer(text.decoder_attention_heads, 'text_config.decoder_attention_heads');
  const dModel = integer(text.d_model, 'text_config.d_model');
  if (decoderHeads === 0 || dModel % decoderHeads !== 0) {
    throw new Error("The model's d_model does not divide into its attention heads: its config.json looks damaged.");
  }
  return {
    modelType: typeof root.model_type === 'string' ? root.model_type : 'unknown',
    decoderLayers: integer(text.decoder_layers, 'text_config.decoder_layers'),
    decoderHeads,
    headDim: dModel / decoderHeads,
    vocabSize: integer(text.vocab_size, 'text_config.vocab_size'),
    decoderStartTokenId: integer(generation.decoder_start_token_id, 'decoder_start_token_id'),
    forcedBosTokenId: optionalInteger(generation.forced_bos_token_id, 'forced_bos_token_id'),
    eosTokenId: firstId(generation.eos_token_id, 'eos_token_id'),
    padTokenId: integer(generation.pad_token_id, 'pad_token_id'),
    maxLength: integer(generation.max_length ?? 32, 'max_length'),
    lengthPenalty: typeof generation.length_penalty === 'number' ? generation.length_penalty : 0,
    numImageTokens: optionalInteger(record(root.vision_config).num_image_tokens, 'vision_config.num_image_tokens'),
    defaultDtype:
      typeof record(root.clipscope).default_dtype === 'string'
        ? (record(root.clipscope).default_dtype as string)
        : undefined,
  };
}

/** The decoder's first input: the start token, then the forced first token where the model has one. */
export function decoderPrompt(config: GeneratorConfig): number[] {
  return config.forcedBosTokenId === undefined
    ? [config.decoderStartTokenId]
    : [config.decoderStartTokenId, config.forcedBosTokenId];
}
