import { describe, expect, it } from 'vitest';
import { ensembleEmbedding } from './prompt-ensemble';

const norm = (v: Float32Array) => Math.hypot(...v);

describe('ensembleEmbedding', () => {
  it('averages unit vectors, so a long embedding does not outweigh a short one, and renormalises', () => {
    const mean = ensembleEmbedding([new Float32Array([100, 0]), new Float32Array([0, 1])])!;
    expect(Array.from(mean)).toEqual([Math.SQRT1_2, Math.SQRT1_2].map((v) => expect.closeTo(v, 6)));
    expect(norm(mean)).toBeCloseTo(1, 6);
  });

  it('returns the unit vector of a single template', () => {
    expect(Array.from(ensembleEmbedding([new Float32Array([3, 4])])!)).toEqual(
      [0.6, 0.8].map((v) => expect.closeTo(v, 6)),
    );
  });

  it('has nothing to average without rows and refuses mixed sizes', () => {
    expect(ensembleEmbedding([])).toBeUndefined();
    expect(() => ensembleEmbedding([new Float32Array(2), new Float32Array(3)])).toThrow(/different sizes/);
  });
});
