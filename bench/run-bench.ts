// npm run bench [-- --quick]: raw encode speed of the ViT-B/32 twin on WASM in Chromium (onnxruntime-web) next to
// onnxruntime-node on the same files and machine, as medians with min and max. Writes bench/results/*.{json,md}.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ClipTokenizer } from '../src/model/tokenizer';
import { ROOT, runPages } from '../tools/models/browser/browser-run';
import { loadTokenizer } from '../tools/models/node-model';
import { formatTable, type BenchRow } from './table';
import { LABELS, TWIN_DIR as TWIN } from './workload';

const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 5 : 15;
const WARMUP_RUNS = 2;
// onnxruntime-web builds: the WebGPU-capable one the app loads, and the WASM-only one.
const BUILDS = [
  ['webgpu build (asyncify wasm)', 'ort.webgpu.min.mjs'],
  ['wasm-only build', 'ort.wasm.min.mjs'],
] as const;
const DTYPES = [
  ['int8', '_quantized'],
  ['fp32', ''],
] as const;

interface Timing {
  median: number;
  min: number;
  max: number;
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

async function nodeTiming(file: string, feed: () => Record<string, ort.Tensor>): Promise<Timing> {
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: cpus().length });
  for (let i = 0; i < WARMUP_RUNS; i++) await session.run(feed());
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const input = feed();
    const start = performance.now();
    await session.run(input);
    times.push(performance.now() - start);
  }
  await session.release();
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)! };
}

const tokenizer = loadTokenizer(TWIN);
const model = '/' + relative(ROOT, TWIN);
const cases: { name: string; perItem: number; page: string; node: () => Promise<Timing> }[] = [];
for (const [dtype, suffix] of DTYPES) {
  for (const [buildName, build] of BUILDS) {
    for (const batch of [1, 8]) {
      const file = join(TWIN, `onnx/vision_model${suffix}.onnx`);
      const pixels = () =>
        new ort.Tensor(
          'float32',
          new Float32Array(batch * 3 * 224 * 224).map((_, i) => Math.sin(i)),
          [batch, 3, 224, 224],
        );
      cases.push({
        name: `image encode ${dtype}, batch ${batch}, ${buildName}`,
        perItem: batch,
        page: `bench/page/raw-encode.html?build=${build}&model=${model}&tower=vision&suffix=${suffix}&batch=${batch}&runs=${RUNS}`,
        node: () => nodeTiming(file, () => ({ pixel_values: pixels() })),
      });
    }
  }
  if (dtype === 'int8') {
    // One option at a time against the app's setting (wasm-only build, all cores, full optimisation), batch 1.
    const variants = [
      ['1 thread', 'threads=1'],
      ['graph optimisation basic', 'opt=basic'],
      ['batch dimension fixed', 'fixBatch=1'],
    ] as const;
    for (const [label, query] of variants) {
      const file = join(TWIN, `onnx/vision_model${suffix}.onnx`);
      const pixels = () =>
        new ort.Tensor(
          'float32',
          new Float32Array(3 * 224 * 224).map((_, i) => Math.sin(i)),
          [1, 3, 224, 224],
        );
      cases.push({
        name: `image encode int8, batch 1, wasm-only build, ${label}`,
        perItem: 1,
        page: `bench/page/raw-encode.html?build=ort.wasm.min.mjs&${query}&model=${model}&tower=vision&suffix=${suffix}&batch=1&runs=${RUNS}`,
        node: () => nodeTiming(file, () => ({ pixel_values: pixels() })),
      });
    }
  }
  for (const padTo77 of [false, true]) {
    const { ids, seq } = textIds(tokenizer, padTo77);
    const file = join(TWIN, `onnx/text_model${suffix}.onnx`);
    cases.push({
      name: `text encode ${dtype} (wasm-only build), ${LABELS.length} labels padded to ${padTo77 ? 77 : `longest (${seq})`}`,
      perItem: LABELS.length,
      page: `bench/page/raw-encode.html?build=ort.wasm.min.mjs&model=${model}&tower=text&suffix=${suffix}&batch=${LABELS.length}&seq=${seq}&runs=${RUNS}&ids=${Array.from(ids).join(',')}`,
      node: () => nodeTiming(file, () => ({ input_ids: new ort.Tensor('int64', ids, [LABELS.length, seq]) })),
    });
  }
}

const browser = await runPages<Timing>(cases.map((c) => c.page));
const rows: BenchRow[] = [];
for (const [i, c] of cases.entries()) {
  const web = browser[i]!;
  if (web.error) throw new Error(`${c.name}: ${web.error}`);
  const native = await c.node();
  rows.push({ name: c.name, perItem: c.perItem, web, native });
  console.log(`${c.name}: web ${web.median.toFixed(1)} ms, native ${native.median.toFixed(1)} ms`);
}
const table = formatTable(rows, { runs: RUNS, cores: cpus().length });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = join(ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `raw-${stamp}.json`), JSON.stringify({ quick: QUICK, runs: RUNS, rows }, null, 2) + '\n');
writeFileSync(join(out, `raw-${stamp}.md`), table);
console.log('\n' + table);
