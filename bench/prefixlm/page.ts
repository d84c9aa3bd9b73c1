// The PrefixLM benchmark page (bench/page/prefixlm.html, bundled by run-prefixlm.ts): in a module worker, as the app
// runs ONNX Runtime, it loads the model folder on WASM with the app's thread count and drives the app's Generator
// (src/model/generation/) on it, round after round: the first token, forced-length generation with and without
// the KV cache, and 48-label scoring batched and per label. Query: model=<folder url>&suffix=<'' | _quantized>&rounds=N&warmup=N.
import type * as Ort from 'onnxruntime-web';
import { MINI_PAIRS } from '../../src/model/catalogue/label-presets';
import { Generator, type GenerateRequest } from '../../src/model/generation/generator';
import { readGeneratorConfig } from '../../src/model/generation/generator-config';
import { GeneratorTokenizer } from '../../src/model/generation/generator-tokenizer';
import { SESSION_NAMES, type SessionName } from '../../src/model/generation/tensor';
import { wasmThreadCount } from '../../src/shared/settings';
import { ortRunner } from '../../src/worker/generator-runner';
import { SAMPLES, type PrefixLmPageResult, type RoundSamples } from './page-protocol';

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

/** The app's Generator on the four sessions, made to generate exactly the length asked for. */
async function load(ort: typeof Ort) {
  const [config, generation, tokenizerJson, tokenizerConfig] = await Promise.all(
    ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json'].map(json),
  );
  const options: Ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const start = performance.now();
  const sessions = await Promise.all(
    SESSION_NAMES.map((name) => ort.InferenceSession.create(`${model}/onnx/${name}${SUFFIX}.onnx`, options)),
  );
  const createMs = performance.now() - start;
  const read = readGeneratorConfig(config, generation);
  // Forced length: no id is -1, so no token ends a generation, and the longest allowed is the longest timed.
  const forced = { ...read, eosTokenId: -1, maxLength: Math.max(read.maxLength, ...LENGTHS) };
  const bySession = Object.fromEntries(SESSION_NAMES.map((name, i) => [name, sessions[i]!])) as Record<
    SessionName,
    Ort.InferenceSession
  >;
  const generator = new Generator(
    ortRunner(ort, bySession),
    forced,
    new GeneratorTokenizer(tokenizerJson, tokenizerConfig),
  );
  return { generator, createMs, size: config.vision_config.image_size as number };
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
  const { generator, createMs, size } = await load(ort);
  // A fixed made-up picture: the timings do not depend on what it shows, and the lengths are forced.
  const pixels = new Float32Array(3 * size * size).map((_, i) => Math.sin(i));
  const image = (imageKey: string) => ({ imageKey, pixelValues: async () => pixels });
  const request = (imageKey: string, maxTokens: number, kvCache: boolean): GenerateRequest => ({
    ...image(imageKey),
    prefix: '',
    maxTokens,
    beams: 1,
    kvCache,
    shouldStop: () => false,
    now: () => performance.now(),
  });
  const result: PrefixLmPageResult = { threads: ort.env.wasm.numThreads, crossOriginIsolated, createMs, lengths: [] };
  const rounds: RoundSamples[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const samples: RoundSamples = {};
    // A new image key every round: the image's features are computed, as for a newly added picture.
    const first = await generator.generate(request(`first-${round}`, 1, true));
    samples[SAMPLES.firstToken] = first.firstTokenMs;
    samples[SAMPLES.imageFeatures] = first.imageMs;
    generator.forgetImages([`first-${round}`]);
    for (const n of LENGTHS) {
      // The app's own figure: generated tokens per second of decoding, after the encoder.
      const run = async (kvCache: boolean) => {
        const generated = await generator.generate(request('kept', n, kvCache));
        samples[kvCache ? SAMPLES.kv(n) : SAMPLES.rerun(n)] =
          (generated.tokenIds.length * 1000) / generated.tokensPerSecond;
        result.lengths!.push(generated.tokenIds.length);
        return generated.tokenIds;
      };
      [result.kvIds, result.rerunIds] = await pair(
        round,
        () => run(true),
        () => run(false),
      );
    }
    const score = (batched: boolean) => async () =>
      Array.from((await generator.scoreLabels(image('kept'), LIKELIHOOD_PREFIX, MINI_PAIRS, batched)).meanLogProbs);
    [result.batchedScores, result.perLabelScores] = await pair(
      round,
      () => timed(samples, SAMPLES.batched, score(true)),
      () => timed(samples, SAMPLES.perLabel, score(false)),
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
