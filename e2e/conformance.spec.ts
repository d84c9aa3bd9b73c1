import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { cosineMatrix, normalizeRows } from '../src/model/similarity';
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
