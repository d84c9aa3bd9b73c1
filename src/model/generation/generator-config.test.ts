import { describe, expect, it } from 'vitest';
import { decoderPrompt, readGeneratorConfig } from './generator-config';

// Florence-2-large's fields (microsoft/Florence-2-large config.json and generation_config.json, abridged).
const FLORENCE_CONFIG = {
  model_type: 'florence2',
  text_config: {
    d_model: 1024,
    decoder_layers: 12,
    encoder_layers: 12,
    decoder_attention_heads: 16,
    encoder_attention_heads: 16,
    vocab_size: 51289,
    max_position_embeddings: 1024,
  },
  vision_config: { image_size: 768 },
};
const FLORENCE_GENERATION = {
  bos_token_id: 0,
  decoder_start_token_id: 2,
  eos_token_id: 2,
  forced_bos_token_id: 0,
  forced_eos_token_id: 2,
  pad_token_id: 1,
  max_length: 20,
  num_beams: 3,
};

describe('readGeneratorConfig', () => {
  it("reads Florence-2's fields, and starts its decoder with the start then the forced first token", () => {
    const config = readGeneratorConfig(FLORENCE_CONFIG, FLORENCE_GENERATION);
    expect(config).toMatchObject({ decoderLayers: 12, decoderHeads: 16, headDim: 64, vocabSize: 51289 });
    expect(config).toMatchObject({ eosTokenId: 2, padTokenId: 1, maxLength: 20, lengthPenalty: 0 });
    expect(decoderPrompt(config)).toEqual([2, 0]);
  });

  it('starts with the start token alone when no first token is forced, and reads the default dtype', () => {
    const config = readGeneratorConfig(
      { ...FLORENCE_CONFIG, vision_config: { num_image_tokens: 16 }, clipscope: { default_dtype: 'q8' } },
      { ...FLORENCE_GENERATION, forced_bos_token_id: undefined, decoder_start_token_id: 0, eos_token_id: [2] },
    );
    expect(decoderPrompt(config)).toEqual([0]);
    expect(config).toMatchObject({ eosTokenId: 2, numImageTokens: 16, defaultDtype: 'q8' });
  });

  it('says the files look damaged when a needed field is missing or heads do not divide d_model', () => {
    expect(() => readGeneratorConfig({ text_config: {} }, FLORENCE_GENERATION)).toThrow(/config files look damaged/);
    const odd = { ...FLORENCE_CONFIG, text_config: { ...FLORENCE_CONFIG.text_config, decoder_attention_heads: 7 } };
    expect(() => readGeneratorConfig(odd, FLORENCE_GENERATION)).toThrow(/config.json looks damaged/);
  });
});
