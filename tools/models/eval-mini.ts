// Measures Clipscope Mini's exported ONNX files with onnxruntime-node: zero-shot accuracy on a freshly rendered
// test set, encode speed and file sizes. Usage: tsx tools/models/eval-mini.ts <model dir> <test dir> <out.json>
import { MINI_COLOURS, MINI_PAIRS, MINI_SHAPES } from '../../src/model/catalogue/label-presets';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { argmaxRows, cosineMatrix, normalizeRows } from '../../src/model/scoring/similarity';
import {
  encodeImages,
  encodeTexts,
  loadNodeClip,
  pixelValues,
  readJson,
  type Dtype,
  type NodeClip,
} from './node-model';

const TEMPLATES = ['a photo of a {}.', 'a {}'];
const SPEED_RUNS = 200;
const WARMUP_RUNS = 20;

const [modelDir, testDir, outPath] = process.argv.slice(2);
if (!modelDir || !testDir || !outPath) throw new Error('usage: eval-mini.ts <model dir> <test dir> <out.json>');
const heldOut = new Set(
  readJson<{ clipscope: { held_out_pairs: string[] } }>(join(modelDir, 'config.json')).clipscope.held_out_pairs,
);
const { size, labels } = readJson<{ size: number; labels: string[] }>(join(testDir, 'labels.json'));
const raw = readFileSync(join(testDir, 'images.u8'));

async function imageEmbeddings(clip: NodeClip): Promise<Float32Array> {
  const plane = size * size * 3;
  const chunks: Float32Array[] = [];
  for (let start = 0; start < labels.length; start += 256) {
    const count = Math.min(256, labels.length - start);
    const values = new Float32Array(count * plane);
    for (let i = 0; i < count; i++) {
      const data = raw.subarray((start + i) * plane, (start + i + 1) * plane);
      values.set(pixelValues(clip, { data, width: size, height: size, channels: 3 }), i * plane);
    }
    chunks.push((await encodeImages(clip, values, count)).data as Float32Array);
  }
  const all = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((offset, c) => (all.set(c, offset), offset + c.length), 0);
  return all;
}

async function predict(clip: NodeClip, images: Float32Array, prompts: string[]): Promise<Int32Array> {
  const text = await encodeTexts(clip, prompts);
  const dim = text.dims[1]!;
  return argmaxRows(
    cosineMatrix(normalizeRows(images, dim), normalizeRows(text.data as Float32Array, dim), dim),
    prompts.length,
  );
}

const share = (hits: boolean[]) => hits.filter(Boolean).length / Math.max(1, hits.length);

async function accuracy(clip: NodeClip) {
  const images = await imageEmbeddings(clip);
  const result: Record<string, Record<string, number>> = {};
  for (const template of TEMPLATES) {
    const predicted = await predict(
      clip,
      images,
      MINI_PAIRS.map((p) => template.replace('{}', p)),
    );
    const guess = (i: number) => MINI_PAIRS[predicted[i]!]!;
    const split = (held: boolean) => labels.map((l, i) => [l, i] as const).filter(([l]) => heldOut.has(l) === held);
    result[template] = {
      seen: share(split(false).map(([l, i]) => guess(i) === l)),
      held_out: share(split(true).map(([l, i]) => guess(i) === l)),
      colour_of_pair: share(labels.map((l, i) => guess(i).split(' ')[0] === l.split(' ')[0])),
      shape_of_pair: share(labels.map((l, i) => guess(i).split(' ')[1] === l.split(' ')[1])),
    };
  }
  const colours = await predict(
    clip,
    images,
    MINI_COLOURS.map((c) => `a photo of a ${c} shape.`),
  );
  const shapes = await predict(
    clip,
    images,
    MINI_SHAPES.map((s) => `a photo of a ${s}.`),
  );
  result['colour-only and shape-only prompts'] = {
    colour: share(labels.map((l, i) => MINI_COLOURS[colours[i]!] === l.split(' ')[0])),
    shape: share(labels.map((l, i) => MINI_SHAPES[shapes[i]!] === l.split(' ')[1])),
  };
  return result;
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP_RUNS; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < SPEED_RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function speed(clip: NodeClip) {
  const plane = size * size * 3;
  const one = pixelValues(clip, { data: raw.subarray(0, plane), width: size, height: size, channels: 3 });
  const eight = new Float32Array(8 * one.length).map((_, i) => one[i % one.length]!);
  return {
    image_ms_batch1: await medianMs(() => encodeImages(clip, one, 1)),
    image_ms_per_image_batch8: (await medianMs(() => encodeImages(clip, eight, 8))) / 8,
    text_ms_per_label_batch48:
      (await medianMs(() =>
        encodeTexts(
          clip,
          MINI_PAIRS.map((p) => `a photo of a ${p}.`),
        ),
      )) / 48,
  };
}

const onnxDir = join(modelDir, 'onnx');
const sizes = Object.fromEntries(readdirSync(onnxDir).map((f) => [f, statSync(join(onnxDir, f)).size]));
const totalBytes = readdirSync(modelDir)
  .filter((f) => f !== 'onnx')
  .reduce(
    (n, f) => n + statSync(join(modelDir, f)).size,
    Object.values(sizes).reduce((a, b) => a + b, 0),
  );
const report: Record<string, unknown> = { test_images: labels.length, sizes, total_bytes: totalBytes };
for (const dtype of ['fp32', 'q8'] as Dtype[]) {
  const clip = await loadNodeClip(modelDir, dtype);
  report[dtype] = { accuracy: await accuracy(clip), speed: await speed(clip) };
}
writeFileSync(outPath, JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
