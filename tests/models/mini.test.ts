import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { argmaxRows, cosineMatrix, normalizeRows } from '../../src/model/scoring/similarity';
import {
  encodeImages,
  encodeTexts,
  loadNodeClip,
  pixelValues,
  readJson,
  type Dtype,
  type NodeClip,
} from '../../tools/models/node-model';
import { MINI_PAIRS } from '../../src/model/catalogue/label-presets';
import { readPng } from '../helpers/png';

const MODEL_DIR = join(import.meta.dirname, '../../public/models/clipscope-mini');
const FIXTURES = join(import.meta.dirname, '../../e2e/fixtures');
const EMBED_DIM = 128;
const SIZE_BUDGET_BYTES = 8 * 1024 * 1024;

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((total, name) => {
    const stat = statSync(join(dir, name));
    return total + (stat.isDirectory() ? folderBytes(join(dir, name)) : stat.size);
  }, 0);
}

describe('Clipscope Mini files', () => {
  it('fit the 8 MB budget', () => {
    expect(folderBytes(MODEL_DIR)).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
  });

  it('record a trained logit scale, not the pre-training init value', () => {
    const config = readJson<{ logit_scale_init_value: number; clipscope: { logit_scale: number } }>(
      join(MODEL_DIR, 'config.json'),
    );
    expect(config.clipscope.logit_scale).toBeGreaterThan(1);
    expect(config.clipscope.logit_scale).toBeLessThanOrEqual(100);
    expect(config.clipscope.logit_scale).not.toBeCloseTo(Math.exp(config.logit_scale_init_value), 1);
  });
});

describe.each(['fp32', 'q8'] as Dtype[])('Clipscope Mini (%s) in onnxruntime-node', (dtype) => {
  let clip: NodeClip;
  beforeAll(async () => {
    clip = await loadNodeClip(MODEL_DIR, dtype);
  });

  it('has the Xenova CLIP input and output names', () => {
    expect([clip.text.inputNames, clip.text.outputNames]).toEqual([['input_ids'], ['text_embeds']]);
    expect([clip.vision.inputNames, clip.vision.outputNames]).toEqual([['pixel_values'], ['image_embeds']]);
  });

  it('takes any batch size and sequence length', async () => {
    const three = await encodeTexts(clip, [
      'red',
      'a photo of a small red circle.',
      'a blue star on a grey background',
    ]);
    expect(three.dims).toEqual([3, EMBED_DIM]);
    const one = await encodeTexts(clip, ['two shapes: a blue star and a red square']);
    expect(one.dims).toEqual([1, EMBED_DIM]);
    const image = pixelValues(clip, readPng(join(FIXTURES, 'red-circle.png')));
    const five = new Float32Array(5 * image.length).map((_, i) => image[i % image.length]!);
    expect((await encodeImages(clip, five, 5)).dims).toEqual([5, EMBED_DIM]);
  });

  it('is deterministic, and padding leaves fp32 untouched and int8 nearly so', async () => {
    const alone = (await encodeTexts(clip, ['a red circle'])).data as Float32Array;
    const again = (await encodeTexts(clip, ['a red circle'])).data as Float32Array;
    const padded = (await encodeTexts(clip, ['a red circle', 'a photo of a large red circle on a grey background']))
      .data as Float32Array;
    expect(Array.from(again)).toEqual(Array.from(alone));
    const first = normalizeRows(padded.slice(0, EMBED_DIM), EMBED_DIM);
    const cosine = cosineMatrix(normalizeRows(alone, EMBED_DIM), first, EMBED_DIM)[0]!;
    if (dtype === 'fp32') {
      const worst = alone.reduce((m, v, i) => Math.max(m, Math.abs(v - padded[i]!)), 0);
      expect(worst).toBeLessThan(1e-4);
    } else {
      // DynamicQuantizeLinear picks one activation scale for the whole batch, so batch-mates and padding shift
      // int8 results slightly: text embeddings cached per label differ from a fresh batch by this much.
      expect(cosine).toBeGreaterThan(0.9995);
    }
  });

  it('tolerates words outside its vocabulary', async () => {
    expect(clip.tokenizer.encode('a photo of a zebra')).toContain(0);
    expect((await encodeTexts(clip, ['a photo of a zebra', '🦓 ÜBER'])).dims).toEqual([2, EMBED_DIM]);
  });

  it('ranks the true "<colour> <shape>" label first for every fixture image', async () => {
    const files = readdirSync(FIXTURES).filter((f) => /^[a-z]+-[a-z]+\.png$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const values = files.map((f) => pixelValues(clip, readPng(join(FIXTURES, f))));
    const batch = new Float32Array(values.reduce((n, v) => n + v.length, 0));
    values.forEach((v, i) => batch.set(v, i * v.length));
    const images = (await encodeImages(clip, batch, files.length)).data as Float32Array;
    const texts = (
      await encodeTexts(
        clip,
        MINI_PAIRS.map((l) => `a photo of a ${l}.`),
      )
    ).data as Float32Array;
    const cos = cosineMatrix(normalizeRows(images, EMBED_DIM), normalizeRows(texts, EMBED_DIM), EMBED_DIM);
    const predicted = Array.from(argmaxRows(cos, MINI_PAIRS.length), (i) => MINI_PAIRS[i]!.replace(' ', '-') + '.png');
    expect(predicted).toEqual(files);
  });
});
