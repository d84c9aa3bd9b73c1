// Raw onnxruntime-web calls of the four PrefixLM files (interfaces A), for the harness before the app's generation
// code is merged.
import type * as Ort from 'onnxruntime-web';

type OrtModule = typeof Ort;
export interface PrefixLmSessions {
  ort: OrtModule;
  vision: Ort.InferenceSession;
  embed: Ort.InferenceSession;
  encoder: Ort.InferenceSession;
  decoder: Ort.InferenceSession;
  layers: number;
  heads: number;
  headDim: number;
}

export interface Encoded {
  hidden: Ort.Tensor;
  mask: Ort.Tensor;
}

const ids = (ort: OrtModule, rows: number[][]) => {
  const width = rows[0]!.length;
  return new ort.Tensor('int64', BigInt64Array.from(rows.flat(), BigInt), [rows.length, width]);
};

async function embed(s: PrefixLmSessions, rows: number[][]): Promise<Ort.Tensor> {
  return (await s.embed.run({ input_ids: ids(s.ort, rows) })).inputs_embeds!;
}

/** Image features, then the encoder over the image features followed by the prefix's embeddings. */
export async function encodeImage(s: PrefixLmSessions, pixels: Ort.Tensor): Promise<Ort.Tensor> {
  return (await s.vision.run({ pixel_values: pixels })).image_features!;
}

export async function encodePrefix(s: PrefixLmSessions, features: Ort.Tensor, prefixIds: number[]): Promise<Encoded> {
  const prefix = await embed(s, [prefixIds]);
  const [, n, d] = features.dims as number[];
  const t = n! + prefixIds.length;
  const joined = new Float32Array(t * d!);
  joined.set(features.data as Float32Array);
  joined.set(prefix.data as Float32Array, n! * d!);
  const mask = new s.ort.Tensor('int64', new BigInt64Array(t).fill(1n), [1, t]);
  const out = await s.encoder.run({
    inputs_embeds: new s.ort.Tensor('float32', joined, [1, t, d!]),
    attention_mask: mask,
  });
  return { hidden: out.last_hidden_state!, mask };
}

function emptyPast(s: PrefixLmSessions, batch: number): Record<string, Ort.Tensor> {
  const feeds: Record<string, Ort.Tensor> = {};
  for (let i = 0; i < s.layers; i++) {
    for (const part of ['decoder', 'encoder'])
      for (const kv of ['key', 'value'])
        feeds[`past_key_values.${i}.${part}.${kv}`] = new s.ort.Tensor('float32', new Float32Array(0), [
          batch,
          s.heads,
          0,
          s.headDim,
        ]);
  }
  return feeds;
}

async function decode(
  s: PrefixLmSessions,
  enc: Encoded,
  inputs: Ort.Tensor,
  past: Record<string, Ort.Tensor> | undefined,
): Promise<Ort.InferenceSession.OnnxValueMapType> {
  const batch = inputs.dims[0]!;
  return s.decoder.run({
    encoder_attention_mask: enc.mask,
    encoder_hidden_states: enc.hidden,
    inputs_embeds: inputs,
    ...(past ?? emptyPast(s, batch)),
    use_cache_branch: new s.ort.Tensor('bool', new Uint8Array([past ? 1 : 0]), [1]),
  });
}

function argmaxLast(logits: Ort.Tensor): number {
  const [, l, v] = logits.dims as number[];
  const data = logits.data as Float32Array;
  let best = 0;
  for (let j = 1; j < v!; j++) if (data[(l! - 1) * v! + j]! > data[(l! - 1) * v! + best]!) best = j;
  return best;
}

/** Greedy decoding of exactly `count` tokens (end-of-sequence ignored), with the KV cache or re-running it all. */
export async function generate(
  s: PrefixLmSessions,
  enc: Encoded,
  start: number,
  count: number,
  kvCache: boolean,
): Promise<number[]> {
  const tokens = [start];
  let past: Record<string, Ort.Tensor> | undefined;
  while (tokens.length <= count) {
    const input = await embed(s, [kvCache ? [tokens.at(-1)!] : tokens]);
    const out = await decode(s, enc, input, past);
    tokens.push(argmaxLast(out.logits!));
    if (kvCache) {
      past = {};
      for (const [name, value] of Object.entries(out))
        if (name.startsWith('present.')) past[name.replace('present.', 'past_key_values.')] = value;
    }
  }
  return tokens.slice(1);
}

/** Mean log-probability of each label's tokens after [start]; batched: one pass, right-padded. */
export async function scoreLabels(
  s: PrefixLmSessions,
  enc: Encoded,
  start: number,
  pad: number,
  labels: number[][],
  batched: boolean,
): Promise<number[]> {
  if (!batched) {
    const scores: number[] = [];
    for (const label of labels) scores.push(...(await scoreLabels(s, enc, start, pad, [label], true)));
    return scores;
  }
  const width = 1 + Math.max(...labels.map((l) => l.length));
  const rows = labels.map((l) => [start, ...l, ...new Array<number>(width - 1 - l.length).fill(pad)]);
  const b = labels.length;
  const [, t, d] = enc.hidden.dims as number[];
  const hidden = new Float32Array(b * t! * d!);
  for (let i = 0; i < b; i++) hidden.set(enc.hidden.data as Float32Array, i * t! * d!);
  const repeated: Encoded = {
    hidden: new s.ort.Tensor('float32', hidden, [b, t!, d!]),
    mask: new s.ort.Tensor('int64', new BigInt64Array(b * t!).fill(1n), [b, t!]),
  };
  const logits = (await decode(s, repeated, await embed(s, rows), undefined)).logits!;
  const v = logits.dims[2]!;
  const data = logits.data as Float32Array;
  return labels.map((label, i) => {
    let sum = 0;
    label.forEach((token, k) => {
      const row = data.subarray((i * width + k) * v, (i * width + k + 1) * v);
      const max = row.reduce((m, x) => Math.max(m, x), -Infinity);
      const logSum = Math.log(row.reduce((acc, x) => acc + Math.exp(x - max), 0)) + max;
      sum += row[token]! - logSum;
    });
    return sum / label.length;
  });
}
