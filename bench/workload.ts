// What every benchmark measures: the ViT-B/32 twin (npm run models:twins) and ten typical labels.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewritePatchEmbedding } from '../src/model/patch-embedding';
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

// The int8 vision tower as the app runs it on WASM: the twin's, with its patch embedding rewritten at load time
// (src/model/patch-embedding.ts). Raw baselines time this file, so they compare like with like.
export const APP_TWIN_DIR = join(ROOT, '.models-extra/app', TWIN_REPO);

/** Writes APP_TWIN_DIR's vision_model_quantized.onnx from the twin's, as the worker rewrites it. */
export function writeAppTwin(imageEdge = 224): void {
  const source = readFileSync(join(TWIN_DIR, 'onnx/vision_model_quantized.onnx'));
  const { model, rewritten } = rewritePatchEmbedding(new Uint8Array(source), imageEdge);
  if (rewritten !== 1) throw new Error(`expected one patch embedding in the twin, rewrote ${rewritten}`);
  mkdirSync(join(APP_TWIN_DIR, 'onnx'), { recursive: true });
  writeFileSync(join(APP_TWIN_DIR, 'onnx/vision_model_quantized.onnx'), model);
}
