import { Tokenizer } from '@huggingface/tokenizers';

/** The fields of a model's tokenizer_config.json that batching needs. */
export interface TokenizerConfig {
  model_max_length?: number;
  pad_token?: string | { content: string };
  eos_token?: string | { content: string };
}

/** A batch of token ids ready for an ONNX `input_ids` tensor: row-major [batchSize, sequenceLength]. */
export interface TokenBatch {
  ids: BigInt64Array;
  batchSize: number;
  sequenceLength: number;
}

// Hub tokenizer configs carry very large sentinels when no limit applies.
const UNBOUNDED_LENGTH = 1_000_000;
const CLIP_CONTEXT_LENGTH = 77;

function tokenName(token: TokenizerConfig['pad_token']): string | undefined {
  return typeof token === 'string' ? token : token?.content;
}

/**
 * Wraps a model's tokenizer.json for CLIP-style text towers: pads every prompt to the longest in the batch with
 * the pad token and truncates to the model's context length while keeping the end-of-text token, which the text
 * tower pools at.
 */
export class ClipTokenizer {
  readonly maxLength: number;
  readonly padId: number;
  readonly eosId: number;
  private readonly tokenizer: Tokenizer;

  constructor(tokenizerJson: object, config: TokenizerConfig) {
    this.tokenizer = new Tokenizer(tokenizerJson, config);
    const limit = config.model_max_length ?? CLIP_CONTEXT_LENGTH;
    this.maxLength = limit > UNBOUNDED_LENGTH ? CLIP_CONTEXT_LENGTH : limit;
    const eos = tokenName(config.eos_token);
    const pad = tokenName(config.pad_token) ?? eos;
    const eosId = eos === undefined ? undefined : this.tokenizer.token_to_id(eos);
    const padId = pad === undefined ? undefined : this.tokenizer.token_to_id(pad);
    if (eosId === undefined || padId === undefined) {
      throw new Error('tokenizer_config.json names no end-of-text or pad token found in tokenizer.json');
    }
    this.eosId = eosId;
    this.padId = padId;
  }

  /** Token ids of one prompt, special tokens included, truncated to the context length. */
  encode(text: string): number[] {
    const ids = this.tokenizer.encode(text).ids;
    if (ids.length <= this.maxLength) return ids;
    return [...ids.slice(0, this.maxLength - 1), this.eosId];
  }

  /** Pads to the longest prompt, or to `padTo` tokens for models trained that way (SigLIP: 64). */
  encodeBatch(texts: readonly string[], padTo = 0): TokenBatch {
    return this.padRows(
      texts.map((text) => this.encode(text)),
      padTo,
    );
  }

  /** Already encoded prompts as one padded batch, as encodeBatch makes it. */
  padRows(rows: readonly number[][], padTo = 0): TokenBatch {
    const sequenceLength = Math.max(1, Math.min(padTo, this.maxLength), ...rows.map((row) => row.length));
    const ids = new BigInt64Array(rows.length * sequenceLength).fill(BigInt(this.padId));
    rows.forEach((row, r) => row.forEach((id, c) => (ids[r * sequenceLength + c] = BigInt(id))));
    return { ids, batchSize: rows.length, sequenceLength };
  }
}
