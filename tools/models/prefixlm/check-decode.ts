// Decodes the exported PrefixLM with onnxruntime-node and the KV cache (decoder_model_merged, use_cache_branch)
// and compares with the PyTorch reference: fp32 must give the same greedy ids on every fixture image (captions,
// answers, continuations), the uncached branch the same logits as the cached steps, and batched right-padded
// label scoring the reference likelihoods; int8's agreement with fp32 is measured and reported.
// Usage: tsx tools/models/prefixlm/check-decode.ts <model dir> <reference.json> <pixels.f32> <report.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-node';
import {
  type Config,
  type Reference,
  type Sessions,
  runDecoder,
  encodeImage,
  greedy,
  scoreLabels,
} from './onnx-decode';

const args = process.argv.slice(2);
if (args.length !== 4) {
  throw new Error('usage: check-decode.ts <model dir> <reference.json> <pixels.f32> <report.json>');
}
const [modelDir, referencePath, pixelPath, reportPath] = args as [string, string, string, string];
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const config = read(join(modelDir, 'config.json')) as Config;
const tokenizer = new Tokenizer(
  read(join(modelDir, 'tokenizer.json')) as object,
  read(join(modelDir, 'tokenizer_config.json')) as object,
);
const reference = read(referencePath) as Reference;
const bytes = readFileSync(pixelPath);
const allPixels = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
const size = config.vision_config.image_size;
const perImage = 3 * size * size;

async function load(suffix: string): Promise<Sessions> {
  const open = (name: string) => ort.InferenceSession.create(join(modelDir, 'onnx', `${name}${suffix}.onnx`));
  return {
    vision: await open('vision_encoder'),
    embed: await open('embed_tokens'),
    encoder: await open('encoder_model'),
    decoder: await open('decoder_model_merged'),
  };
}

const same = (a: number[], b: number[]) => a.join(',') === b.join(',');
const fields = ['caption_ids', 'answer_ids', 'continuation_ids'] as const;

async function decodeAll(sessions: Sessions) {
  const out: Record<(typeof fields)[number], number[][]> = { caption_ids: [], answer_ids: [], continuation_ids: [] };
  let seconds = 0;
  let tokens = 0;
  for (const [index, entry] of reference.images.entries()) {
    const pixels = allPixels.slice(index * perImage, (index + 1) * perImage);
    const prefixes = { caption_ids: '', answer_ids: entry.question_prefix, continuation_ids: entry.prefix };
    for (const field of fields) {
      const started = performance.now();
      const encoded = await encodeImage(sessions, config, tokenizer, pixels, prefixes[field]);
      const ids = await greedy(sessions, config, encoded, reference.max_tokens);
      seconds += (performance.now() - started) / 1000;
      tokens += ids.length + 1;
      out[field].push(ids);
    }
  }
  return { out, tokensPerSecond: tokens / seconds };
}

const fp32 = await load('');
const fp32Run = await decodeAll(fp32);
const mismatches: string[] = [];
for (const field of fields) {
  reference.images.forEach((entry, i) => {
    if (!same(entry[field], fp32Run.out[field][i]!)) {
      mismatches.push(`${entry.file} ${field}: torch ${entry[field]} onnx ${fp32Run.out[field][i]}`);
    }
  });
}

// Uncached branch on the whole sequence vs the cached steps, on the first 10 captions.
let worstLogitGap = 0;
for (let i = 0; i < 10; i += 1) {
  const pixels = allPixels.slice(i * perImage, (i + 1) * perImage);
  const encoded = await encodeImage(fp32, config, tokenizer, pixels, '');
  const stepLogits: Float32Array[] = [];
  await greedy(fp32, config, encoded, reference.max_tokens, (logits) => stepLogits.push(logits));
  const ids = [config.decoder_start_token_id, ...reference.images[i]!.caption_ids];
  const full = await runDecoder(fp32, config, encoded, [ids], null);
  const vocab = config.text_config.vocab_size;
  stepLogits.slice(0, ids.length).forEach((step, k) => {
    for (let v = 0; v < vocab; v += 1) {
      worstLogitGap = Math.max(worstLogitGap, Math.abs(step[v]! - full.logits[k * vocab + v]!));
    }
  });
}

// Batched, right-padded label scoring vs the PyTorch per-label reference.
let worstLikelihoodGap = 0;
for (const item of reference.likelihood.items) {
  const index = reference.images.findIndex((e) => e.file === item.file);
  const pixels = allPixels.slice(index * perImage, (index + 1) * perImage);
  const encoded = await encodeImage(fp32, config, tokenizer, pixels, reference.likelihood.prefix);
  const labelIds = reference.likelihood.labels.map((l) => tokenizer.encode(l, { add_special_tokens: false }).ids);
  const scores = await scoreLabels(fp32, config, encoded, labelIds);
  scores.forEach((s, k) => (worstLikelihoodGap = Math.max(worstLikelihoodGap, Math.abs(s - item.mean_log_probs[k]!))));
}

const q8Run = await decodeAll(await load('_quantized'));
let sameTokens = 0;
let totalTokens = 0;
let sameCaptions = 0;
let sameSequences = 0;
for (const field of fields) {
  fp32Run.out[field].forEach((ids, i) => {
    const other = q8Run.out[field][i]!;
    totalTokens += Math.max(ids.length, other.length) + 1;
    let k = 0;
    while (k < ids.length && k < other.length && ids[k] === other[k]) k += 1;
    sameTokens += k + (same(ids, other) ? 1 : 0); // agreement up to the first difference, end token included
    if (same(ids, other)) {
      sameSequences += 1;
      if (field === 'caption_ids') sameCaptions += 1;
    }
  });
}
const report = {
  fp32: {
    sequences: reference.images.length * 3,
    mismatches: mismatches.length,
    tokens_per_second: fp32Run.tokensPerSecond,
  },
  cached_vs_uncached_max_logit_gap: worstLogitGap,
  batched_likelihood_max_gap: worstLikelihoodGap,
  q8: {
    token_agreement: sameTokens / totalTokens,
    caption_agreement: sameCaptions / reference.images.length,
    sequence_agreement: sameSequences / (reference.images.length * 3),
    tokens_per_second: q8Run.tokensPerSecond,
    ids: q8Run.out,
  },
};
writeFileSync(reportPath, JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify({ ...report, q8: { ...report.q8, ids: undefined } }));
for (const m of mismatches.slice(0, 10)) console.error(`mismatch: ${m}`);
const failed = mismatches.length > 0 || worstLogitGap > 1e-3 || worstLikelihoodGap > 1e-3;
if (failed) console.error('decode check FAILED: the ONNX files do not reproduce the PyTorch reference');
process.exit(failed ? 1 : 0);
