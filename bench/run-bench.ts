// npm run bench [-- --quick]: raw encode speed of the ViT-B/32 twin on WASM in Chromium (onnxruntime-web) next to
// onnxruntime-node on the same files and machine, as medians with min and max, then the Mini PrefixLM's generation
// rows (bench/prefixlm/; alone: -- --only prefixlm). Writes bench/results/*.{json,md}.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ClipTokenizer } from '../src/model/text/tokenizer';
import { openPages, ROOT } from '../tools/models/browser/browser-run';
import { loadTokenizer } from '../tools/models/node-model';
import { benchPrefixLm } from './prefixlm/run-prefixlm';
import { summarise, type BenchTiming } from './stats';
import { formatTable, type BenchRow } from './table';
import {
  APP_TWIN_DIR,
  LABELS,
  Q4_VARIANTS,
  SHARED_SCALE_TWIN_DIR,
  TWIN_DIR as TWIN,
  TWIN_Q4_DIR,
  writeAppTwin,
} from './workload';

const QUICK = process.argv.includes('--quick');
// --only <text>: just the cases whose name contains the text (e.g. "per sample").
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const RUNS = QUICK ? 5 : 15;
// --rounds N: PrefixLM rounds (default 9, --quick 5), for a noisy machine.
const ROUNDS_ARG = process.argv.includes('--rounds') ? Number(process.argv[process.argv.indexOf('--rounds') + 1]) : NaN;
const PREFIXLM_ROUNDS = ROUNDS_ARG > 0 ? ROUNDS_ARG : QUICK ? 5 : 9;
// --quick: the dtype the app loads by default; otherwise fp32 and int8.
const PREFIXLM_DTYPES = QUICK ? {} : { suffixes: ['', '_quantized'] };
// --only prefixlm: the PrefixLM rows alone; any other --only: the twin's cases alone.
const PREFIXLM = ONLY === undefined || ONLY === 'prefixlm';
if (ONLY === 'prefixlm') {
  await benchPrefixLm(PREFIXLM_ROUNDS, PREFIXLM_DTYPES);
  process.exit(0);
}
const WARMUP_RUNS = 2;
// onnxruntime-web builds: the WebGPU-capable one the app loads, and the WASM-only one.
const APP_BUILD = 'ort.wasm.min.mjs';
const BUILDS = [
  ['webgpu build (asyncify wasm)', 'ort.webgpu.min.mjs'],
  ['wasm-only build', APP_BUILD],
] as const;
const DTYPES = [
  ['int8', '_quantized'],
  ['fp32', ''],
] as const;

interface Timing extends BenchTiming {
  error?: string;
}

if (!existsSync(join(TWIN, 'onnx/vision_model.onnx'))) {
  console.error('The ViT-B/32 twin is missing: run `npm run models:twins` first (needs the Debian torch packages).');
  process.exit(2);
}

function textIds(tokenizer: ClipTokenizer, padTo77: boolean) {
  const batch = tokenizer.encodeBatch(
    LABELS.map((l) => `a photo of a ${l}.`),
    padTo77 ? 77 : 0,
  );
  return { ids: batch.ids, seq: batch.sequenceLength };
}

type NodeOptions = ort.InferenceSession.SessionOptions & { prealloc?: boolean };

async function nodeTiming(
  file: string,
  feed: () => Record<string, ort.Tensor>,
  extra: NodeOptions = {},
): Promise<Timing> {
  const { prealloc, ...options } = extra;
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: cpus().length, ...options });
  let fetches: Record<string, ort.Tensor> | undefined;
  if (prealloc) {
    const output = (await session.run(feed()))[session.outputNames[0]!]!;
    fetches = { [session.outputNames[0]!]: new ort.Tensor('float32', new Float32Array(output.size), output.dims) };
  }
  const run = (input: Record<string, ort.Tensor>) => (fetches ? session.run(input, fetches) : session.run(input));
  for (let i = 0; i < WARMUP_RUNS; i++) await run(feed());
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const input = feed();
    const start = performance.now();
    await run(input);
    times.push(performance.now() - start);
  }
  await session.release();
  return summarise(times);
}

interface Case {
  name: string;
  perItem: number;
  page: string;
  node: () => Promise<Timing>;
}

/** Image encode of `batch` images with a vision tower file, in the browser (query options) and natively (the same). */
function visionCase(
  name: string,
  { dir = TWIN, suffix, batch, build = 'ort.wasm.min.mjs', query = '', native = {} }: VisionCaseOptions,
): Case {
  const file = join(dir, `onnx/vision_model${suffix}.onnx`);
  const pixels = () =>
    new ort.Tensor(
      'float32',
      new Float32Array(batch * 3 * 224 * 224).map((_, i) => Math.sin(i)),
      [batch, 3, 224, 224],
    );
  return {
    name,
    perItem: batch,
    page: `bench/page/raw-encode.html?build=${build}${query.includes('worker=0') ? '' : '&worker=1'}${query}&model=/${relative(ROOT, dir)}&tower=vision&suffix=${suffix}&batch=${batch}&runs=${RUNS}`,
    node: () => nodeTiming(file, () => ({ pixel_values: pixels() }), native),
  };
}

interface VisionCaseOptions {
  dir?: string;
  suffix: string;
  batch: number;
  build?: string;
  /** Extra query for bench/page/raw-encode.html, starting with '&'. */
  query?: string;
  /** The same option for onnxruntime-node, so the ratio compares like with like. */
  native?: NodeOptions;
}

writeAppTwin();
const loadBefore = loadavg();
const tokenizer = loadTokenizer(TWIN);
const model = '/' + relative(ROOT, TWIN);
const cases: Case[] = [];
for (const [dtype, suffix] of DTYPES) {
  // --quick keeps to the build the app loads (and, for 4-bit, batch 8), to stay within a few minutes.
  for (const [buildName, build] of QUICK ? BUILDS.filter(([, b]) => b === APP_BUILD) : BUILDS) {
    for (const batch of [1, 8]) {
      cases.push(visionCase(`image encode ${dtype}, batch ${batch}, ${buildName}`, { suffix, batch, build }));
    }
  }
  if (dtype === 'int8') {
    // The tower as the app's worker runs it on WASM: patch embedding as one MatMulInteger (patch-embedding.ts),
    // each sample quantised on its own (per-sample-quantisation.ts); the batch sizes around the app's 8 show what
    // batching buys. The same tower with one quantisation scale per batch shows what per-sample costs.
    for (const batch of QUICK ? [1, 8, 16] : [1, 4, 8, 16]) {
      cases.push(
        visionCase(`image encode int8, batch ${batch}, wasm-only build, per sample, patch as MatMulInteger (app)`, {
          dir: APP_TWIN_DIR,
          suffix,
          batch,
        }),
      );
    }
    for (const batch of [1, 8]) {
      cases.push(
        visionCase(`image encode int8, batch ${batch}, wasm-only build, one scale per batch, patch as MatMulInteger`, {
          dir: SHARED_SCALE_TWIN_DIR,
          suffix,
          batch,
        }),
      );
    }
    // One option at a time against the app's setting (wasm-only build in a worker, all cores, full optimisation,
    // patch embedding rewritten), batch 1.
    const variants: [string, string, NodeOptions][] = [
      ['1 thread', 'threads=1', { intraOpNumThreads: 1 }],
      ['graph optimisation basic', 'opt=basic', { graphOptimizationLevel: 'basic' }],
      ['batch dimension fixed', 'fixBatch=1', { freeDimensionOverrides: { batch_size: 1 } }],
      ['memory pattern off', 'memPattern=0', { enableMemPattern: false }],
      ['CPU memory arena off', 'arena=0', { enableCpuMemArena: false }],
      ['parallel execution mode', 'mode=parallel', { executionMode: 'parallel' }],
      ['preallocated output tensor', 'prealloc=1', { prealloc: true }],
      ['on the page main thread (no worker)', 'worker=0', {}],
    ];
    for (const [label, query, native] of variants) {
      cases.push(
        visionCase(`image encode int8, batch 1, wasm-only build, app's tower, ${label}`, {
          dir: APP_TWIN_DIR,
          suffix,
          batch: 1,
          query: `&${query}`,
          native,
        }),
      );
    }
    // Weight-only 4-bit MatMulNBits (npm run models:q4): int8 activations (accuracy level 4) or float ones (0).
    for (const [label, q4suffix] of Q4_VARIANTS) {
      if (!existsSync(join(TWIN_Q4_DIR, `onnx/vision_model${q4suffix}.onnx`))) {
        console.warn(`skipping ${label}: run \`npm run models:q4\` first`);
        continue;
      }
      for (const batch of QUICK ? [8] : [1, 8]) {
        cases.push(
          visionCase(`image encode ${label}, batch ${batch}, wasm-only build`, {
            dir: TWIN_Q4_DIR,
            suffix: q4suffix,
            batch,
          }),
        );
      }
    }
  }
  const textDirs =
    dtype === 'int8'
      ? [
          ['', model, TWIN],
          [', per sample (app)', `/${relative(ROOT, APP_TWIN_DIR)}`, APP_TWIN_DIR],
        ]
      : [['', model, TWIN]];
  for (const [label, url, dir] of textDirs) {
    for (const padTo77 of [false, true]) {
      const { ids, seq } = textIds(tokenizer, padTo77);
      const file = join(dir!, `onnx/text_model${suffix}.onnx`);
      cases.push({
        name: `text encode ${dtype} (wasm-only build)${label}, ${LABELS.length} labels padded to ${padTo77 ? 77 : `longest (${seq})`}`,
        perItem: LABELS.length,
        page: `bench/page/raw-encode.html?build=ort.wasm.min.mjs&worker=1&model=${url}&tower=text&suffix=${suffix}&batch=${LABELS.length}&seq=${seq}&runs=${RUNS}&ids=${Array.from(ids).join(',')}`,
        node: () => nodeTiming(file, () => ({ input_ids: new ort.Tensor('int64', ids, [LABELS.length, seq]) })),
      });
    }
  }
}
if (ONLY) cases.splice(0, cases.length, ...cases.filter((c) => c.name.includes(ONLY)));

// Each case runs in the browser and then natively, back to back: on a shared machine the load drifts, and a ratio
// is only fair between figures taken under the same load.
const pages = await openPages();
const rows: BenchRow[] = [];
try {
  for (const c of cases) {
    const web = await pages.run<Timing>(c.page);
    if (web.error) throw new Error(`${c.name}: ${web.error}`);
    const native = await c.node();
    rows.push({ name: c.name, perItem: c.perItem, web, native });
    console.log(`${c.name}: web ${web.median.toFixed(1)} ms, native ${native.median.toFixed(1)} ms`);
  }
} finally {
  await pages.close();
}
const table = formatTable(rows, { runs: RUNS, cores: cpus().length });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = join(ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
const load = { before: loadBefore, after: loadavg() };
writeFileSync(join(out, `raw-${stamp}.json`), JSON.stringify({ quick: QUICK, runs: RUNS, load, rows }, null, 2) + '\n');
const loadNote = `Load average (1, 5, 15 min) before: ${load.before.map((l) => l.toFixed(2)).join(' ')}; after: ${load.after.map((l) => l.toFixed(2)).join(' ')}.\n`;
writeFileSync(join(out, `raw-${stamp}.md`), table + '\n' + loadNote);
// In the repository's own style, so `npm run lint` stays clean once the results are committed.
execSync(`npx prettier --write bench/results/raw-${stamp}.*`, { cwd: ROOT, stdio: 'ignore' });
console.log('\n' + table + '\n' + loadNote);
if (PREFIXLM) await benchPrefixLm(PREFIXLM_ROUNDS, PREFIXLM_DTYPES);
