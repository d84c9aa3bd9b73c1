// What every benchmark measures: the ViT-B/32 twin (npm run models:twins) and ten typical labels.
import { join } from 'node:path';
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
