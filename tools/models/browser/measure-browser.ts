// Measures a Hub-layout model folder with onnxruntime-web in headless Chromium on WASM and on WebGPU (here the
// SwiftShader software adapter) and checks that both backends agree. Usage:
//   tsx tools/models/browser/measure-browser.ts [model dir, default public/models/clipscope-mini] [--json out]
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { maxAbsDiff, ROOT, runInChromium } from './browser-run';

const AGREEMENT = 1e-3;
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const positional = args.filter((a, i) => a !== '--json' && args[i - 1] !== '--json');
const modelDir = resolve(positional[0] ?? 'public/models/clipscope-mini');

const runs = await runInChromium(modelDir, ['wasm', 'webgpu'], 9);
const [wasm, webgpu] = runs;
const report = {
  model: relative(ROOT, modelDir),
  runs: runs.map(({ imageEmbeds: _, ...rest }) => rest),
  maxAbsDiffWasmVsWebgpu: maxAbsDiff(wasm?.imageEmbeds, webgpu?.imageEmbeds),
};
console.log(JSON.stringify(report, null, 2));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2) + '\n');
if (runs.some((r) => r.error) || !(report.maxAbsDiffWasmVsWebgpu < AGREEMENT)) process.exit(1);
