import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPng } from '../../../tests/helpers/png';
import { pixelValuesLength, writePixelValues } from './pixel-values';
import { resizeTarget, toPixelValues, type Pixels, type PreprocessorConfig } from './preprocess';
import { resizePixels } from './resize';

const CLIP: PreprocessorConfig = {
  size: { shortest_edge: 24 },
  crop_size: { height: 24, width: 24 },
  rescale_factor: 1 / 255,
  image_mean: [0.48145466, 0.4578275, 0.40821073],
  image_std: [0.26862954, 0.26130258, 0.27577711],
};
const CONFIGS: [string, PreprocessorConfig][] = [
  ['CLIP (shortest edge, square crop)', CLIP],
  [
    'fixed box, crop taller than the image (padding)',
    { size: { height: 30, width: 20 }, crop_size: { height: 36, width: 16 } },
  ],
  [
    'no resize, crop only',
    { do_resize: false, crop_size: 40, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] },
  ],
  ['CLIP with bilinear resampling (MobileCLIP)', { ...CLIP, resample: 2 }],
  ['CLIP with nearest resampling', { ...CLIP, resample: 0 }],
];

/** Deterministic noise, so every tap weight and rounding step is exercised. */
function noise(width: number, height: number, channels: 3 | 4, seed: number): Pixels {
  let state = seed;
  const data = new Uint8ClampedArray(width * height * channels).map(() => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state >> 23;
  });
  return { data, width, height, channels };
}

/** The step-by-step pipeline: full resize (checked against PIL in resize.test.ts), then crop and normalise. */
function reference(pixels: Pixels, config: PreprocessorConfig): Float32Array {
  const target = resizeTarget(config, pixels.width, pixels.height);
  return toPixelValues(resizePixels(pixels, target.width, target.height, config.resample), config);
}

describe('writePixelValues', () => {
  const photo = readPng(join(import.meta.dirname, '../../../tests/fixtures/resize/source.png'));
  const images: [string, Pixels][] = [
    ['the resize fixture photo (RGBA)', photo],
    ['wide RGB noise', noise(97, 41, 3, 1)],
    ['tall RGBA noise', noise(33, 120, 4, 2)],
    ['tiny RGB noise', noise(5, 3, 3, 3)],
  ];

  for (const [configName, config] of CONFIGS) {
    it.each(images)(`matches resize + crop + normalise bit for bit: %s, ${configName}`, (_, pixels) => {
      const expected = reference(pixels, config);
      const length = pixelValuesLength(config, pixels.width, pixels.height);
      expect(length).toBe(expected.length);
      // Written into the second slot of a batch: the first slot and the tail stay untouched.
      const batch = new Float32Array(2 * length + 1).fill(7);
      writePixelValues(pixels, config, batch, length);
      expect(batch.subarray(length, 2 * length)).toEqual(expected);
      expect(batch.subarray(0, length).every((v) => v === 7)).toBe(true);
      expect(batch[2 * length]).toBe(7);
    });
  }
});
