import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPng } from '../../tests/helpers/png';
import { resizeBicubic } from './resize';

const FIXTURES = join(import.meta.dirname, '../../tests/fixtures/resize');

describe('resizeBicubic', () => {
  const source = readPng(join(FIXTURES, 'source.png'));

  it.each([
    [64, 47],
    [20, 15],
    [37, 50],
  ])('matches PIL BICUBIC within one grey level at %ix%i', (width, height) => {
    const expected = readPng(join(FIXTURES, `pil-bicubic-${width}x${height}.png`));
    const actual = resizeBicubic(source, width, height);
    expect([actual.width, actual.height]).toEqual([width, height]);
    let worst = 0;
    for (let i = 0; i < expected.data.length; i++) {
      if (i % 4 === 3) continue;
      worst = Math.max(worst, Math.abs(actual.data[i]! - expected.data[i]!));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('returns the input unchanged when the size already matches', () => {
    expect(resizeBicubic(source, source.width, source.height)).toBe(source);
  });
});
