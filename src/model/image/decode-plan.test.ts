import { describe, expect, it } from 'vitest';
import { capPixels, decodeSize, decodeTarget, uprightSize } from './decode-plan';

describe('decode plan', () => {
  it('swaps width and height for quarter-turn EXIF orientations only', () => {
    expect(uprightSize(4000, 3000, 6)).toEqual({ width: 3000, height: 4000 });
    expect(uprightSize(4000, 3000, 8)).toEqual({ width: 3000, height: 4000 });
    expect(uprightSize(4000, 3000, 3)).toEqual({ width: 4000, height: 3000 });
    expect(uprightSize(4000, 3000)).toEqual({ width: 4000, height: 3000 });
  });

  it('scales a huge image so its shortest edge is the target, keeping the aspect ratio', () => {
    expect(decodeSize({ width: 20000, height: 20000 }, 448)).toEqual({ width: 448, height: 448 });
    expect(decodeSize({ width: 20000, height: 1000 }, 200)).toEqual({ width: 4000, height: 200 });
  });

  it('never enlarges a small image', () => {
    expect(decodeSize({ width: 1, height: 1 }, 448)).toEqual({ width: 1, height: 1 });
    expect(decodeSize({ width: 300, height: 100 }, 128)).toEqual({ width: 300, height: 100 });
  });
});

describe('capPixels', () => {
  it('brings an extreme panorama under the pixel budget, keeping its shape', () => {
    const capped = capPixels({ width: 200_000, height: 448 }, 4_000_000);
    expect(capped.width * capped.height).toBeLessThanOrEqual(4_000_000);
    expect(Math.abs(capped.width / capped.height / (200_000 / 448) - 1)).toBeLessThan(0.02);
  });

  it('leaves sizes within the budget alone', () => {
    expect(capPixels({ width: 448, height: 600 }, 4_000_000)).toEqual({ width: 448, height: 600 });
  });
});

describe('decodeTarget', () => {
  const limits = { shortestEdge: 448, fullPixels: 25_000_000, maxPixels: 4_000_000 };

  it('decodes photos up to 24 megapixels whole, portrait or landscape', () => {
    expect(decodeTarget({ width: 6000, height: 4000 }, limits)).toBeUndefined();
    expect(decodeTarget({ width: 3024, height: 4032 }, limits)).toBeUndefined();
    expect(decodeTarget({ width: 6016, height: 4016 }, limits)).toBeUndefined();
  });

  it('scales a larger picture while decoding, to twice the model edge and within the pixel budget', () => {
    expect(decodeTarget({ width: 8000, height: 6000 }, limits)).toEqual({ width: 597, height: 448 });
    const panorama = decodeTarget({ width: 200_000, height: 448 }, limits)!;
    expect(panorama.width * panorama.height).toBeLessThanOrEqual(4_000_000);
  });
});
