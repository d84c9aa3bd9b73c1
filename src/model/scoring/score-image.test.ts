import { describe, expect, it } from 'vitest';
import { scoreImage } from './score-image';

const CLIP = { kind: 'softmax', logitScale: 100, logitBias: 0 } as const;

describe('scoreImage', () => {
  it('returns cosines and a softmax of logitScale * cosine over the labels', () => {
    const image = new Float32Array([2, 0]);
    const texts = new Float32Array([1, 0, 0, 3, -1, 1]);
    const { similarities, probabilities } = scoreImage(image, texts, { kind: 'softmax', logitScale: 10, logitBias: 0 });
    expect(Array.from(similarities)).toEqual([1, 0, -Math.SQRT1_2].map((v) => expect.closeTo(v, 6)));
    const exps = [10, 0, -10 * Math.SQRT1_2].map(Math.exp);
    const total = exps.reduce((a, b) => a + b, 0);
    expect(Array.from(probabilities)).toEqual(exps.map((e) => expect.closeTo(e / total, 6)));
  });

  it('is unaffected by the length of the embeddings', () => {
    const a = scoreImage(new Float32Array([1, 1]), new Float32Array([1, 0, 0, 1]), CLIP);
    const b = scoreImage(new Float32Array([5, 5]), new Float32Array([9, 0, 0, 0.1]), CLIP);
    expect(Array.from(a.probabilities)).toEqual(Array.from(b.probabilities).map((v) => expect.closeTo(v, 6)));
  });

  it('scores SigLIP-style models with an independent sigmoid per label', () => {
    const { probabilities } = scoreImage(new Float32Array([1, 0]), new Float32Array([1, 0, 0, 1]), {
      kind: 'sigmoid',
      logitScale: 10,
      logitBias: -5,
    });
    expect(probabilities[0]).toBeCloseTo(1 / (1 + Math.exp(-5)), 6);
    expect(probabilities[1]).toBeCloseTo(1 / (1 + Math.exp(5)), 6);
  });
});
