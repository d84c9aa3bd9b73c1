// The PrefixLM rows of `npm run bench` (alone: `npm run bench -- --only prefixlm`): bundles bench/prefixlm/page.ts,
// runs it in Chromium on WASM and summarises its rounds as medians (min-max) and same-round ratios.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { openPages, ROOT } from '../../tools/models/browser/browser-run';
import type { PrefixLmPageResult } from './page-protocol';
import { formatPrefixLmTable, headlineRatios, summariseRounds, type PrefixLmSummary } from './prefixlm-table';

const PREFIXLM_DIR = join(ROOT, 'public/models/clipscope-mini-prefixlm');

/** Bundles the page script (the app's generation code included) next to bench/page/prefixlm.html, with Vite. */
async function bundlePage(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      lib: { entry: join(ROOT, 'bench/prefixlm/page.ts'), formats: ['es'], fileName: () => 'prefixlm-page.js' },
      outDir: join(ROOT, 'bench/.cache/page'),
      emptyOutDir: false,
      minify: false,
      target: 'es2022',
    },
  });
}

export interface PrefixLmBenchOptions {
  rounds: number;
  dir?: string;
  /** Which weights: '' (fp32) and/or '_quantized' (int8). Defaults to the model's default dtype. */
  suffixes?: string[];
}

async function runPrefixLmBench(options: PrefixLmBenchOptions): Promise<PrefixLmSummary[]> {
  const dir = resolve(options.dir ?? PREFIXLM_DIR);
  if (!existsSync(join(dir, 'onnx/decoder_model_merged.onnx'))) {
    throw new Error(`No PrefixLM model in ${dir}: make it with tools/models/prefixlm/ (see its README) first.`);
  }
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const suffixes = options.suffixes ?? [config.clipscope?.default_dtype === 'q8' ? '_quantized' : ''];
  await bundlePage();
  const pages = await openPages();
  const summaries: PrefixLmSummary[] = [];
  try {
    for (const suffix of suffixes) {
      const dtype = suffix ? 'int8' : 'fp32';
      const page = `bench/page/prefixlm.html?model=/${relative(ROOT, dir)}&suffix=${suffix}&rounds=${options.rounds}`;
      const result = await pages.run<PrefixLmPageResult>(page);
      if (result.error) throw new Error(`PrefixLM ${dtype}: ${result.error}`);
      summaries.push(summariseRounds(dtype, result));
    }
  } finally {
    await pages.close();
  }
  return summaries;
}

/** Writes bench/results/prefixlm-<time>.{json,md}; returns the Markdown. */
function writePrefixLmResults(
  summaries: PrefixLmSummary[],
  meta: { rounds: number; model: string; load: number[][] },
): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  const [before, after] = meta.load;
  const loadNote = `Load average (1, 5, 15 min) before: ${before!.map((l) => l.toFixed(2)).join(' ')}; after: ${after!.map((l) => l.toFixed(2)).join(' ')}.\n`;
  const markdown = `Model: \`${meta.model}\`.\n\n` + formatPrefixLmTable(summaries, meta.rounds) + '\n' + loadNote;
  writeFileSync(
    join(out, `prefixlm-${stamp}.json`),
    JSON.stringify({ ...meta, command: process.argv.slice(2), ratios: headlineRatios(summaries), summaries }, null, 2) +
      '\n',
  );
  writeFileSync(join(out, `prefixlm-${stamp}.md`), markdown);
  execSync(`npx prettier --write bench/results/prefixlm-${stamp}.*`, { cwd: ROOT, stdio: 'ignore' });
  console.log(`\nbench/results/prefixlm-${stamp}.{json,md}`);
  return markdown;
}

/** The whole PrefixLM part, as `npm run bench` runs it. */
export async function benchPrefixLm(rounds: number, extra: Omit<PrefixLmBenchOptions, 'rounds'> = {}) {
  const before = loadavg();
  const summaries = await runPrefixLmBench({ rounds, ...extra });
  const model = relative(ROOT, resolve(extra.dir ?? PREFIXLM_DIR));
  console.log('\n' + writePrefixLmResults(summaries, { rounds, model, load: [before, loadavg()] }));
}
