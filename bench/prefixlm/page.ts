// The PrefixLM benchmark page (bench/page/prefixlm.html, bundled by run-prefixlm.ts): in a module worker, as the app
// runs ONNX Runtime, it loads the model folder on WASM with the app's thread count and times, round after round,
// the first token, forced-length generation with and without the KV cache, and 48-label scoring batched and per
// label. Query: model=<folder url>&suffix=<'' | _quantized>&rounds=N&warmup=N.
import { Tokenizer } from '@huggingface/tokenizers';
import type * as Ort from 'onnxruntime-web';
import { MINI_PAIRS } from '../../src/model/catalogue/label-presets';
import { wasmThreadCount } from '../../src/shared/settings';
import { SAMPLES, type PrefixLmPageResult, type RoundSamples } from './page-protocol';
import { encodeImage, encodePrefix, generate, scoreLabels, type PrefixLmSessions } from './raw-generation';

const params = new URLSearchParams(location.search);
const model = params.get('model')!;
const ROUNDS = Number(params.get('rounds') ?? 5);
const WARMUP = Number(params.get('warmup') ?? 1);
const SUFFIX = params.get('suffix') ?? '';
// The app's WASM build (onnxruntime-web/wasm), loaded by URL so its threads start from its own file.
const ORT_URL = '/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs';
const LENGTHS = [16, 48];
const LIKELIHOOD_PREFIX = 'a photo of a';

const json = async (file: string) => (await fetch(`${model}/${file}`)).json();

async function load(ort: typeof Ort) {
  const [config, generation, tokenizerJson, tokenizerConfig] = await Promise.all(
    ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json'].map(json),
  );
  const options: Ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const create = (name: string) => ort.InferenceSession.create(`${model}/onnx/${name}${SUFFIX}.onnx`, options);
  const start = performance.now();
  const [vision, embed, encoder, decoder] = await Promise.all(
    ['vision_encoder', 'embed_tokens', 'encoder_model', 'decoder_model_merged'].map(create),
  );
  const text = config.text_config;
  const sessions: PrefixLmSessions = {
    ort,
    vision: vision!,
    embed: embed!,
    encoder: encoder!,
    decoder: decoder!,
    layers: text.decoder_layers,
    heads: text.decoder_attention_heads,
    headDim: text.d_model / text.decoder_attention_heads,
  };
  return {
    sessions,
    createMs: performance.now() - start,
    size: config.vision_config.image_size as number,
    start: generation.decoder_start_token_id as number,
    pad: generation.pad_token_id as number,
    tokenizer: new Tokenizer(tokenizerJson, tokenizerConfig),
  };
}

async function timed<T>(samples: RoundSamples, name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  samples[name] = performance.now() - start;
  return result;
}

/** Both variants of a pair back to back, the order swapped every round so neither always runs on a warmer machine. */
async function pair<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (round % 2 === 0) {
    const first = await a();
    return [first, await b()];
  }
  const second = await b();
  return [await a(), second];
}

async function bench(): Promise<PrefixLmPageResult> {
  const ort = (await import(/* @vite-ignore */ ORT_URL)) as typeof Ort;
  ort.env.wasm.numThreads = wasmThreadCount(self.crossOriginIsolated, navigator.hardwareConcurrency);
  const m = await load(ort);
  const s = m.sessions;
  // A fixed made-up picture: the timings do not depend on what it shows, and the lengths are forced.
  const pixels = new ort.Tensor(
    'float32',
    new Float32Array(3 * m.size * m.size).map((_, i) => Math.sin(i)),
    [1, 3, m.size, m.size],
  );
  const emptyPrefix = m.tokenizer.encode('').ids;
  const labelPrefix = m.tokenizer.encode(LIKELIHOOD_PREFIX).ids;
  const labels = MINI_PAIRS.map((label) => m.tokenizer.encode(label, { add_special_tokens: false }).ids);
  const result: PrefixLmPageResult = { threads: ort.env.wasm.numThreads, crossOriginIsolated, createMs: m.createMs };
  const rounds: RoundSamples[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const samples: RoundSamples = {};
    await timed(samples, SAMPLES.firstToken, async () => {
      const features = await encodeImage(s, pixels);
      return generate(s, await encodePrefix(s, features, emptyPrefix), m.start, 1, true);
    });
    // Image features and encoder output are computed once per image and prefix, as the app keeps them.
    const features = await encodeImage(s, pixels);
    const caption = await encodePrefix(s, features, emptyPrefix);
    for (const n of LENGTHS) {
      [result.kvIds, result.rerunIds] = await pair(
        round,
        () => timed(samples, SAMPLES.kv(n), () => generate(s, caption, m.start, n, true)),
        () => timed(samples, SAMPLES.rerun(n), () => generate(s, caption, m.start, n, false)),
      );
    }
    const scoring = await encodePrefix(s, features, labelPrefix);
    [result.batchedScores, result.perLabelScores] = await pair(
      round,
      () => timed(samples, SAMPLES.batched, () => scoreLabels(s, scoring, m.start, m.pad, labels, true)),
      () => timed(samples, SAMPLES.perLabel, () => scoreLabels(s, scoring, m.start, m.pad, labels, false)),
    );
    if (round >= WARMUP) rounds.push(samples);
  }
  return { ...result, rounds };
}

const inWorker = typeof window === 'undefined';
const report = (result: PrefixLmPageResult) =>
  inWorker ? (self as unknown as Worker).postMessage(result) : Object.assign(globalThis, { __result: result });
if (inWorker) {
  bench().then(report, (error: unknown) => report({ error: String((error as Error)?.message ?? error) }));
} else {
  const worker = new Worker(`${new URL(import.meta.url).pathname}${location.search}`, { type: 'module' });
  worker.onmessage = ({ data }: MessageEvent<PrefixLmPageResult>) => report(data);
  worker.onerror = (event) => report({ error: event.message || 'the benchmark worker failed' });
}
