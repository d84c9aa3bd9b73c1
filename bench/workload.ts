// What every benchmark measures: the ViT-B/32 twin (npm run models:twins) and ten typical labels.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewritePatchEmbedding } from '../src/model/onnx/patch-embedding';
import { quantisePerSample } from '../src/model/onnx/per-sample-quantisation';
import { ROOT } from '../tools/models/browser/browser-run';

export const TWIN_REPO = 'Xenova/clip-vit-base-patch32';
export const TWIN_DIR = join(ROOT, '.models/hub', TWIN_REPO);
export const LABELS = [
  'cat',
  'dog',
  'golden retriever',
  'tabby cat',
  'car',
  'red sports car',
  'tree',
  'house',
  'person',
  'bicycle',
];

// Derived variants the benchmark also times (npm run models:q4). Kept apart from the twins, which checkouts may share.
export const TWIN_Q4_DIR = join(ROOT, '.models-extra/hub', TWIN_REPO);
export const Q4_VARIANTS = [
  ['4-bit MatMulNBits, int8 activations', '_q4'],
  ['4-bit MatMulNBits, float activations', '_q4f32'],
] as const;

// The int8 towers as the app runs them on WASM: the twin's, with the patch embedding rewritten
// (src/model/onnx/patch-embedding.ts) and every sample quantised on its own (src/model/onnx/per-sample-quantisation.ts).
// Raw baselines time these files, so they compare like with like. SHARED_SCALE_TWIN_DIR keeps the batch-wide
// quantisation (patch rewrite only), to time what the per-sample rewrite costs.
export const APP_TWIN_DIR = join(ROOT, '.models-extra/app', TWIN_REPO);
export const SHARED_SCALE_TWIN_DIR = join(ROOT, '.models-extra/app-shared-scale', TWIN_REPO);

function write(dir: string, file: string, model: Uint8Array): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', file), model);
}

/** Writes the app's int8 towers (and the shared-scale vision tower) from the twin's, as the worker rewrites them. */
export function writeAppTwin(imageEdge = 224): void {
  const source = readFileSync(join(TWIN_DIR, 'onnx/vision_model_quantized.onnx'));
  const { model, rewritten } = rewritePatchEmbedding(new Uint8Array(source), imageEdge);
  if (rewritten !== 1) throw new Error(`expected one patch embedding in the twin, rewrote ${rewritten}`);
  write(SHARED_SCALE_TWIN_DIR, 'vision_model_quantized.onnx', model);
  const vision = quantisePerSample(model);
  const text = quantisePerSample(new Uint8Array(readFileSync(join(TWIN_DIR, 'onnx/text_model_quantized.onnx'))));
  if (vision.unhandled || text.unhandled) throw new Error('the per-sample rewrite left quantisers in the twin');
  write(APP_TWIN_DIR, 'vision_model_quantized.onnx', vision.model);
  write(APP_TWIN_DIR, 'text_model_quantized.onnx', text.model);
}
