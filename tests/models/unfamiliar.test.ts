// Clipscope Mini's unfamiliar-image rule, as config.json stores it, on the Mini's real embeddings: every shape
// fixture stays familiar and every photo fixture (CC0 photos, see tools/models/unfamiliar-photos/LICENSE.md) is
// flagged, for both weights. The full calibration, with margins on thousands of images, is
// tools/models/calibrate-unfamiliar.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  readUnfamiliarCalibration,
  unfamiliarScore,
  type UnfamiliarCalibration,
} from '../../src/model/scoring/unfamiliar-image';
import {
  encodeImages,
  loadNodeClip,
  pixelValues,
  readJson,
  type Dtype,
  type NodeClip,
} from '../../tools/models/node-model';
import { readPng } from '../helpers/png';

const MODEL_DIR = join(import.meta.dirname, '../../public/models/clipscope-mini');
const FIXTURES = join(import.meta.dirname, '../../e2e/fixtures');
const pngs = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .map((f) => join(dir, f));
const SHAPES = [
  ...pngs(FIXTURES),
  join(FIXTURES, 'formats/black-circle-grey.png'),
  join(FIXTURES, 'formats/large-orange-triangle.png'),
];
const PHOTOS = pngs(join(FIXTURES, 'photos'));

describe.each(['fp32', 'q8'] as Dtype[])('Clipscope Mini (%s) on unfamiliar images', (dtype) => {
  let clip: NodeClip;
  let calibration: UnfamiliarCalibration;
  const score = async (path: string) =>
    unfamiliarScore((await encodeImages(clip, pixelValues(clip, readPng(path)), 1)).data as Float32Array, calibration);

  beforeAll(async () => {
    clip = await loadNodeClip(MODEL_DIR, dtype);
    const config = readJson<{ clipscope: { unfamiliar: unknown } }>(join(MODEL_DIR, 'config.json'));
    calibration = readUnfamiliarCalibration(config.clipscope.unfamiliar, 128)!;
    expect(calibration).toBeDefined();
  });

  it('declares its domain', () => {
    expect(calibration.domain).toBe('coloured shapes');
  });

  it.each(SHAPES.map((p) => [p.split('/fixtures/')[1]!, p]))('keeps the shape %s familiar', async (_, path) => {
    expect(await score(path)).toBeLessThan(calibration.threshold);
  });

  it.each(PHOTOS.map((p) => [p.split('/fixtures/')[1]!, p]))('flags the photo %s', async (_, path) => {
    expect(await score(path)).toBeGreaterThan(calibration.threshold);
  });
});
