import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resizeTarget, toPixelValues, type PreprocessorConfig } from './preprocess';

const CLIP: PreprocessorConfig = {
  do_resize: true,
  size: { shortest_edge: 4 },
  do_center_crop: true,
  crop_size: { height: 2, width: 2 },
  do_rescale: true,
  rescale_factor: 1 / 255,
  do_normalize: true,
  image_mean: [0.5, 0.25, 0],
  image_std: [0.5, 0.25, 1],
};

describe('resizeTarget', () => {
  it('scales the shortest edge to size.shortest_edge and keeps the aspect ratio', () => {
    expect(resizeTarget(CLIP, 400, 200)).toEqual({ width: 8, height: 4 });
    // int(4 * 500 / 300) = 6: the long edge is truncated, as CLIPImageProcessor does, not rounded to 7.
    expect(resizeTarget(CLIP, 300, 500)).toEqual({ width: 4, height: 6 });
  });

  it('gives the sizes CLIPImageProcessor computes (written out in Python by make_resize_fixtures.py)', () => {
    const file = join(import.meta.dirname, '../../../tests/fixtures/resize/cases.json');
    const { targets } = JSON.parse(readFileSync(file, 'utf8')) as {
      targets: { width: number; height: number; shortest_edge: number; target: [number, number] }[];
    };
    expect(targets.find((t) => t.width === 640 && t.height === 480)?.target).toEqual([298, 224]);
    for (const { width, height, shortest_edge, target } of targets) {
      const plan = resizeTarget({ size: { shortest_edge } }, width, height);
      expect([plan.width, plan.height], `${width}x${height}`).toEqual(target);
    }
  });

  it('uses a fixed box when the config gives height and width', () => {
    expect(resizeTarget({ size: { height: 3, width: 5 } }, 100, 100)).toEqual({ width: 5, height: 3 });
  });

  it('keeps the size when resizing is off', () => {
    expect(resizeTarget({ ...CLIP, do_resize: false }, 10, 20)).toEqual({ width: 10, height: 20 });
  });
});

describe('toPixelValues', () => {
  it('centre-crops, rescales and normalises into planar RGB, ignoring alpha', () => {
    // 4x2 RGBA image; the centre 2x2 crop is columns 1-2.
    const data = new Uint8Array(4 * 2 * 4);
    for (let p = 0; p < 8; p++) data.set([p * 30, 255, 51, 7], p * 4);
    const values = toPixelValues({ data, width: 4, height: 2, channels: 4 }, CLIP);
    expect(values.length).toBe(3 * 2 * 2);
    const red = [1, 2, 5, 6].map((p) => (p * 30) / 255);
    expect(Array.from(values.slice(0, 4))).toEqual(red.map((v) => expect.closeTo((v - 0.5) / 0.5, 6)));
    expect(Array.from(values.slice(4, 8))).toEqual([3, 3, 3, 3].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(values.slice(8))).toEqual([0.2, 0.2, 0.2, 0.2].map((v) => expect.closeTo(v, 6)));
  });

  it('zero-pads when the crop is larger than the image', () => {
    const data = new Uint8Array([255, 255, 255]);
    const config = { crop_size: 3, do_normalize: false } satisfies PreprocessorConfig;
    const values = toPixelValues({ data, width: 1, height: 1, channels: 3 }, config);
    expect(Array.from(values.slice(0, 9))).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
  });
});
