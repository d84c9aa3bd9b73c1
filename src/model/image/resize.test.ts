import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPng } from '../../../tests/helpers/png';
import { resizePixels, resizeWindow } from './resize';
import { resampleName } from './resample';

// Made by PIL (tools/models/make_resize_fixtures.py): the resizes CLIPImageProcessor would do.
const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/resize');
interface Case {
  source: string;
  resample: number;
  filter: string;
  file: string;
  width: number;
  height: number;
}
const CASES = (JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as { resizes: Case[] }).resizes;

/** The largest difference of the RGB bytes of two images of the same size. */
function worstDifference(a: { data: ArrayLike<number>; channels: number }, b: typeof a): number {
  let worst = 0;
  for (let p = 0; p < a.data.length / a.channels; p++) {
    for (let c = 0; c < 3; c++)
      worst = Math.max(worst, Math.abs(a.data[p * a.channels + c]! - b.data[p * b.channels + c]!));
  }
  return worst;
}

describe('resizePixels', () => {
  it('covers every PIL filter, shrinking and enlarging', () => {
    expect(new Set(CASES.map((c) => c.resample))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  // Byte for byte: the same fixed-point weights and rounding as PIL (measured exact for all six filters, Lanczos and
  // Hamming included, although their weights go through sin and cos).
  it.each(CASES.map((c) => [c.file, c] as const))('equals PIL: %s', (_, c) => {
    const source = readPng(join(FIXTURES, c.source));
    const expected = readPng(join(FIXTURES, c.file));
    const actual = resizePixels(source, c.width, c.height, c.resample);
    expect([actual.width, actual.height]).toEqual([c.width, c.height]);
    expect(worstDifference(actual, expected)).toBe(0);
  });

  it('returns the input unchanged when the size already matches', () => {
    const source = readPng(join(FIXTURES, 'source.png'));
    expect(resizePixels(source, source.width, source.height, 3)).toBe(source);
  });

  it('gives exactly the window of the full resize, in RGB, for each filter', () => {
    const source = readPng(join(FIXTURES, 'large.png'));
    const window = { left: 7, top: 5, width: 20, height: 18 };
    for (const resample of [0, 2, 3]) {
      const full = resizePixels(source, 40, 31, resample);
      const part = resizeWindow(source, 40, 31, window, resample, 3);
      expect([part.width, part.height, part.channels]).toEqual([20, 18, 3]);
      for (let y = 0; y < window.height; y++) {
        for (let x = 0; x < window.width; x++) {
          const f = ((y + window.top) * full.width + x + window.left) * full.channels;
          const p = (y * part.width + x) * 3;
          expect([...part.data.subarray(p, p + 3)]).toEqual([...full.data.subarray(f, f + 3)]);
        }
      }
    }
  });
});

describe('resampleName', () => {
  it("reads PIL's numbering, bicubic when the config names none", () => {
    expect([0, 1, 2, 3, 4, 5, undefined].map(resampleName)).toEqual([
      'nearest',
      'lanczos',
      'bilinear',
      'bicubic',
      'box',
      'hamming',
      'bicubic',
    ]);
  });

  it('refuses a value PIL does not define, saying what to do', () => {
    expect(() => resampleName(7)).toThrow(/resample = 7, which is not a PIL filter.*Fix "resample"/);
  });
});
