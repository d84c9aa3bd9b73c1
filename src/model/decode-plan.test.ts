import { describe, expect, it } from 'vitest';
import { capPixels, decodeSize, uprightSize } from './decode-plan';

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
