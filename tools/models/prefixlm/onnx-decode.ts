// A minimal standalone driver of the four exported PrefixLM sessions (not the app's engine): image + prefix
// encoding, one decoder call (uncached or cached), greedy decoding with the KV cache, batched label scoring.
import type { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-node';

export interface Config {
  decoder_start_token_id: number;
  eos_token_id: number;
  pad_token_id: number;
  text_config: { d_model: number; decoder_layers: number; decoder_attention_heads: number; vocab_size: number };
  vision_config: { image_size: number; num_image_tokens: number };
}
interface ImageEntry {
  file: string;
  caption_ids: number[];
  question_prefix: string;
  answer_ids: number[];
  prefix: string;
  continuation_ids: number[];
}
export interface Reference {
  max_tokens: number;
  images: ImageEntry[];
  likelihood: { prefix: string; labels: string[]; items: { file: string; mean_log_probs: number[] }[] };
}
export interface Sessions {
  vision: ort.InferenceSession;
  embed: ort.InferenceSession;
  encoder: ort.InferenceSession;
  decoder: ort.InferenceSession;
}
export interface Encoded {
  hidden: Float32Array;
  length: number;
}
type Past = Record<string, ort.Tensor>;

async function embed(sessions: Sessions, rows: number[][]): Promise<ort.Tensor> {
  const ids = BigInt64Array.from(rows.flat().map(BigInt));
  const out = await sessions.embed.run({ input_ids: new ort.Tensor('int64', ids, [rows.length, rows[0]!.length]) });
  return out.inputs_embeds!;
}

export async function encodeImage(
  sessions: Sessions,
  config: Config,
  tokenizer: Tokenizer,
  pixels: Float32Array,
  prefix: string,
): Promise<Encoded> {
  const size = config.vision_config.image_size;
  const d = config.text_config.d_model;
  const image = await sessions.vision.run({ pixel_values: new ort.Tensor('float32', pixels, [1, 3, size, size]) });
  const prefixEmbeds = await embed(sessions, [tokenizer.encode(prefix).ids]);
  const features = image.image_features!.data as Float32Array;
  const text = prefixEmbeds.data as Float32Array;
  const joined = new Float32Array(features.length + text.length);
  joined.set(features);
  joined.set(text, features.length);
  const length = joined.length / d;
  const mask = new ort.Tensor('int64', new BigInt64Array(length).fill(1n), [1, length]);
  const out = await sessions.encoder.run({
    inputs_embeds: new ort.Tensor('float32', joined, [1, length, d]),
    attention_mask: mask,
  });
  return { hidden: out.last_hidden_state!.data as Float32Array, length };
}

/** One decoder call on right-padded rows; past = null runs the uncached branch with empty dummies. */
export async function runDecoder(
  sessions: Sessions,
  config: Config,
  encoded: Encoded,
  rows: number[][],
  past: Past | null,
): Promise<{ logits: Float32Array; presents: Past }> {
  const { d_model: d, decoder_layers: layers, decoder_attention_heads: heads } = config.text_config;
  const batch = rows.length;
  const hidden = new Float32Array(batch * encoded.hidden.length);
  for (let b = 0; b < batch; b += 1) hidden.set(encoded.hidden, b * encoded.hidden.length);
  const feeds: Record<string, ort.Tensor> = {
    encoder_attention_mask: new ort.Tensor('int64', new BigInt64Array(batch * encoded.length).fill(1n), [
      batch,
      encoded.length,
    ]),
    encoder_hidden_states: new ort.Tensor('float32', hidden, [batch, encoded.length, d]),
    inputs_embeds: await embed(sessions, rows),
    use_cache_branch: new ort.Tensor('bool', [past !== null], [1]),
  };
  for (let i = 0; i < layers; i += 1) {
    for (const kind of ['decoder', 'encoder']) {
      for (const part of ['key', 'value']) {
        const name = `past_key_values.${i}.${kind}.${part}`;
        feeds[name] =
          past?.[`present.${i}.${kind}.${part}`] ??
          new ort.Tensor('float32', new Float32Array(0), [batch, heads, 0, d / heads]);
      }
    }
  }
  const out = await sessions.decoder.run(feeds);
  const presents: Past = {};
  for (const [name, tensor] of Object.entries(out)) if (name.startsWith('present.')) presents[name] = tensor;
  return { logits: out.logits!.data as Float32Array, presents };
}

function argmax(values: Float32Array, from: number, count: number): number {
  let best = 0;
  for (let v = 1; v < count; v += 1) if (values[from + v]! > values[from + best]!) best = v;
  return best;
}

/** Greedy ids (no start, no end token) with the KV cache; onStep sees each step's logits. */
export async function greedy(
  sessions: Sessions,
  config: Config,
  encoded: Encoded,
  maxTokens: number,
  onStep?: (logits: Float32Array) => void,
): Promise<number[]> {
  const vocab = config.text_config.vocab_size;
  const ids: number[] = [];
  let past: Past | null = null;
  let token = config.decoder_start_token_id;
  for (let step = 0; step < maxTokens; step += 1) {
    const { logits, presents } = await runDecoder(sessions, config, encoded, [[token]], past);
    onStep?.(logits.slice(0, vocab));
    past = presents;
    token = argmax(logits, 0, vocab);
    if (token === config.eos_token_id) break;
    ids.push(token);
  }
  return ids;
}

/** Mean log-probability per token of each label as the continuation, all labels in one right-padded batch. */
export async function scoreLabels(
  sessions: Sessions,
  config: Config,
  encoded: Encoded,
  labels: number[][],
): Promise<number[]> {
  const vocab = config.text_config.vocab_size;
  const width = Math.max(...labels.map((l) => l.length)) + 1;
  const rows = labels.map((l) => [
    config.decoder_start_token_id,
    ...l,
    ...Array<number>(width - 1 - l.length).fill(config.pad_token_id),
  ]);
  const { logits } = await runDecoder(sessions, config, encoded, rows, null);
  return labels.map((label, b) => {
    let sum = 0;
    label.forEach((t, k) => {
      const from = (b * width + k) * vocab;
      let max = -Infinity;
      for (let v = 0; v < vocab; v += 1) max = Math.max(max, logits[from + v]!);
      let total = 0;
      for (let v = 0; v < vocab; v += 1) total += Math.exp(logits[from + v]! - max);
      sum += logits[from + t]! - max - Math.log(total);
    });
    return sum / label.length;
  });
}
