// The four sessions as calls: image features, token embeddings, the encoder over image features followed by the
// prefix's embeddings, and one decoder step.
import { decoderFeeds, nextPasts, type Pasts } from './decoder-feeds';
import type { GeneratorConfig } from './generator-config';
import { float32, floatOutput, int64, repeatBatch, type Runner, type Tensor } from './tensor';

type FloatTensor = Tensor & { type: 'float32' };

/** The vision encoder's output [1, N, D] for one image's pixel values [3, S, S]. */
export async function imageFeatures(runner: Runner, pixelValues: Float32Array): Promise<FloatTensor> {
  const edge = Math.round(Math.sqrt(pixelValues.length / 3));
  const out = await runner.run('vision_encoder', { pixel_values: float32(pixelValues, [1, 3, edge, edge]) });
  return floatOutput(out, 'image_features');
}

/** Embeddings [B, L, D] of equal-length rows of token ids. */
async function embedTokens(runner: Runner, rows: readonly (readonly number[])[]): Promise<FloatTensor> {
  const length = rows[0]?.length ?? 0;
  const ids = int64(rows.flat(), [rows.length, length]);
  return floatOutput(await runner.run('embed_tokens', { input_ids: ids }), 'inputs_embeds');
}

/** The encoder's output [1, N + L, D] over the image features followed by the prefix tokens' embeddings. */
export async function encodePrefix(runner: Runner, features: FloatTensor, prefixIds: readonly number[]) {
  const prefix = await embedTokens(runner, [prefixIds]);
  const [, count, width] = features.dims as [number, number, number];
  const length = count + prefixIds.length;
  const merged = new Float32Array(length * width);
  merged.set(features.data);
  merged.set(prefix.data, features.data.length);
  const mask: Tensor = { type: 'int64', data: new BigInt64Array(length).fill(1n), dims: [1, length] };
  const out = await runner.run('encoder_model', {
    inputs_embeds: float32(merged, [1, length, width]),
    attention_mask: mask,
  });
  return floatOutput(out, 'last_hidden_state');
}

/** Runs the decoder for one encoded (image, prefix), with `batch` rows (beams or labels) sharing its output. */
export class Decoder {
  private readonly encoderHidden: FloatTensor;

  constructor(
    private readonly runner: Runner,
    private readonly config: GeneratorConfig,
    encoderHidden: FloatTensor,
    readonly batch: number,
  ) {
    this.encoderHidden = batch === 1 ? encoderHidden : repeatBatch(encoderHidden, batch);
  }

  /** One decoder pass over equal-length rows of new tokens: logits [B, l, V] and the pasts to continue from. */
  async step(rows: readonly (readonly number[])[], pasts?: Pasts): Promise<{ logits: FloatTensor; pasts: Pasts }> {
    const embeds = await embedTokens(this.runner, rows);
    const feeds = decoderFeeds(this.config, { encoderHidden: this.encoderHidden, embeds, pasts });
    const out = await this.runner.run('decoder_model_merged', feeds);
    return { logits: floatOutput(out, 'logits'), pasts: nextPasts(this.config, out, pasts) };
  }

  /** One pass without the cache: the whole sequences again, every step (the benchmark's baseline). */
  async full(rows: readonly (readonly number[])[]): Promise<FloatTensor> {
    return (await this.step(rows)).logits;
  }
}

/** Row `row`, position `position` of logits [B, l, V]. */
export function logitsAt(logits: FloatTensor, row: number, position: number): Float32Array {
  const [, length, vocab] = logits.dims as [number, number, number];
  const start = (row * length + position) * vocab;
  return logits.data.subarray(start, start + vocab);
}
