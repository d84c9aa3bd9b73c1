import { describe, expect, it } from 'vitest';
import { argmaxRows, cosineMatrix, normalizeRows, softmaxRows } from './similarity';

describe('similarity math', () => {
  it('normalises each row to unit length and leaves zero rows at zero', () => {
    const rows = normalizeRows(new Float32Array([3, 4, 0, 0]), 2);
    expect(Array.from(rows)).toEqual([0.6, 0.8, 0, 0].map((v) => expect.closeTo(v, 6)));
  });

  it('computes the image x text cosine matrix', () => {
    const images = normalizeRows(new Float32Array([1, 0, 1, 1]), 2);
    const texts = normalizeRows(new Float32Array([1, 0, 0, 1, -1, 0]), 2);
    const cos = cosineMatrix(images, texts, 2);
    expect(Array.from(cos)).toEqual(
      [1, 0, -1, Math.SQRT1_2, Math.SQRT1_2, -Math.SQRT1_2].map((v) => expect.closeTo(v, 6)),
    );
  });

  it('softmaxes each row of scaled logits, stably for large scales', () => {
    const probabilities = softmaxRows(new Float32Array([0.3, 0.2, 0.1, 0.1]), 2, 100);
    expect(probabilities[0]! + probabilities[1]!).toBeCloseTo(1, 6);
    expect(probabilities[0]).toBeCloseTo(1 / (1 + Math.exp(-10)), 6);
    expect(Array.from(probabilities.slice(2))).toEqual([0.5, 0.5]);
  });

  it('finds the best column per row', () => {
    expect(Array.from(argmaxRows(new Float32Array([0, 2, 1, 5, 4, 3]), 3))).toEqual([1, 0]);
  });
});
