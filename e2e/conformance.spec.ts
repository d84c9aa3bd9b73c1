import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { scoreImage } from '../src/model/scoring';
import { cosineMatrix, normalizeRows } from '../src/model/similarity';
import { startHubServer } from '../tools/hub-server/hub-server';
import { encodeImages, encodeTexts, loadNodeClip, pixelValues } from '../tools/models/node-model';
import { readPng } from '../tests/helpers/png';
import { card, dropFiles, fixtureFile, FIXTURES, openApp, scores, setLabels } from './helpers';

const MINI = join(import.meta.dirname, '../public/models/clipscope-mini');
const LABELS = ['red circle', 'blue star', 'yellow triangle', 'green square', 'purple hexagon', 'orange cross'];
const TOLERANCE = 1e-4;

// The browser's whole path (decode in the worker, resize, preprocess, tokenize, ONNX Runtime Web on WASM) must
// give the cosine similarities that onnxruntime-node computes from the same file with the reference pipeline.
test('the chart shows the same cosine similarities as onnxruntime-node', async ({ page }) => {
  const clip = await loadNodeClip(MINI, 'fp32');
  const text = await encodeTexts(
    clip,
    LABELS.map((l) => `a photo of a ${l}.`),
  );
  const dim = text.dims[1]!;
  await openApp(page, '?backend=wasm&dtype=fp32');
  await setLabels(page, LABELS);
  for (const file of ['red-circle.png', 'blue-star.png']) {
    const image = await encodeImages(clip, pixelValues(clip, readPng(join(FIXTURES, file))), 1);
    const expected = cosineMatrix(
      normalizeRows(image.data as Float32Array, dim),
      normalizeRows(text.data as Float32Array, dim),
      dim,
    );
    await dropFiles(page, [fixtureFile(file)]);
    await expect(card(page, file).getByTestId('bar')).toHaveCount(LABELS.length);
    const shown = await scores(page, file, 'data-similarity');
    LABELS.forEach((label, i) =>
      expect(Math.abs(shown.get(label)! - expected[i]!), `${file} / ${label}`).toBeLessThan(TOLERANCE),
    );
  }
});

// A 1024x768 picture is scaled by the browser while decoding (to twice the model size), then by the model's own
// bicubic filter; the reference resizes the full picture with that filter alone (PIL's, as CLIP does). The
// difference must not move what the chart shows.
test('the browser downscale of a large photo stays within 0.01 of the PIL-bicubic reference', async ({ page }) => {
  const large = 'large-orange-triangle.png';
  const labels = ['orange triangle', 'red triangle', 'yellow triangle', 'orange star', 'orange square'];
  const clip = await loadNodeClip(MINI, 'fp32');
  const text = await encodeTexts(
    clip,
    labels.map((l) => `a photo of a ${l}.`),
  );
  const dim = text.dims[1]!;
  const image = await encodeImages(clip, pixelValues(clip, readPng(join(FIXTURES, 'formats', large))), 1);
  const cos = cosineMatrix(
    normalizeRows(image.data as Float32Array, dim),
    normalizeRows(text.data as Float32Array, dim),
    dim,
  );
  const expected = scoreImage(image.data as Float32Array, text.data as Float32Array, {
    kind: 'softmax',
    logitScale: clip.logitScale,
    logitBias: 0,
  }).probabilities;
  await openApp(page, '?backend=wasm&dtype=fp32');
  await setLabels(page, labels);
  await dropFiles(page, [
    { name: large, type: 'image/png', base64: readFileSync(join(FIXTURES, 'formats', large)).toString('base64') },
  ]);
  await expect(card(page, large).getByTestId('bar')).toHaveCount(labels.length);
  const shownCos = await scores(page, large, 'data-similarity');
  const shownProbability = await scores(page, large);
  const cosDiff = Math.max(...labels.map((l, i) => Math.abs(shownCos.get(l)! - cos[i]!)));
  const probabilityDiff = Math.max(...labels.map((l, i) => Math.abs(shownProbability.get(l)! - expected[i]!)));
  console.log(
    `resize vs PIL bicubic: max |cosine diff| ${cosDiff.toExponential(2)}, max |probability diff| ${probabilityDiff.toExponential(2)}`,
  );
  expect(probabilityDiff).toBeLessThan(0.01);
  expect(cosDiff).toBeLessThan(0.01);
});

// Local check on the full-size ViT-B/32 twin (npm run models:twins writes it; CI has no torch to make it): for a
// 224x224 image (no resampling) and the real CLIP tokenizer, WASM fp32 in the browser equals onnxruntime-node.
const TWIN_DIR = join(import.meta.dirname, '../.models/hub/Xenova/clip-vit-base-patch32');
const TWIN_REPO = 'Xenova/clip-vit-base-patch32';

test('the ViT-B/32 twin gives onnxruntime-node numbers in the browser (local)', async ({ page }) => {
  test.skip(!existsSync(join(TWIN_DIR, 'onnx/vision_model.onnx')), 'run npm run models:twins first');
  const hub = await startHubServer({ repos: { [TWIN_REPO]: TWIN_DIR } });
  try {
    const png = new PNG({ width: 224, height: 224 });
    png.data.forEach((_, i) => (png.data[i] = i % 4 === 3 ? 255 : (i * 2654435761) % 251));
    const file = PNG.sync.write(png);
    const prompts = [
      'a photo of a cat',
      'a diagram',
      'Hello World',
      'a photo of a large red circle on a grey background',
    ];
    const clip = await loadNodeClip(TWIN_DIR, 'fp32');
    const text = await encodeTexts(clip, prompts);
    const dim = text.dims[1]!;
    const pixels = { data: new Uint8Array(png.data), width: 224, height: 224, channels: 4 as const };
    const image = await encodeImages(clip, pixelValues(clip, pixels), 1);
    const expected = cosineMatrix(
      normalizeRows(image.data as Float32Array, dim),
      normalizeRows(text.data as Float32Array, dim),
      dim,
    );
    await page.goto(`./?backend=wasm&dtype=fp32&model=${TWIN_REPO}&hub=${encodeURIComponent(hub.origin)}`);
    await page.getByTestId('confirm-host').click();
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await page.getByTestId('template-input').fill('{}');
    await setLabels(page, prompts);
    await dropFiles(page, [{ name: 'noise-224.png', type: 'image/png', base64: file.toString('base64') }]);
    await expect(card(page, 'noise-224.png').getByTestId('bar')).toHaveCount(prompts.length);
    const shown = await scores(page, 'noise-224.png', 'data-similarity');
    prompts.forEach((p, i) => expect(Math.abs(shown.get(p)! - expected[i]!), p).toBeLessThan(TOLERANCE));
  } finally {
    await hub.close();
  }
});
