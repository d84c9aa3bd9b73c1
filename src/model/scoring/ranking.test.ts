import { describe, expect, it } from 'vitest';
import { rankByCosine } from './ranking';

describe('rankByCosine', () => {
  it('orders candidates by cosine to the query, whatever their length', () => {
    const query = new Float32Array([1, 0]);
    const candidates = [new Float32Array([0, 5]), new Float32Array([10, 1]), new Float32Array([-2, 0])];
    const ranked = rankByCosine(query, candidates);
    expect(ranked.map((r) => r.index)).toEqual([1, 0, 2]);
    expect(ranked[0]!.score).toBeCloseTo(10 / Math.sqrt(101), 6);
    expect(ranked[1]!.score).toBeCloseTo(0, 6);
    expect(ranked[2]!.score).toBeCloseTo(-1, 6);
  });

  it('keeps the given order for ties and skips embeddings of another size', () => {
    const ranked = rankByCosine(new Float32Array([0, 1]), [
      new Float32Array([0, 2]),
      new Float32Array([1, 2, 3]),
      new Float32Array([0, 3]),
    ]);
    expect(ranked).toEqual([
      { index: 0, score: expect.closeTo(1, 6) },
      { index: 2, score: expect.closeTo(1, 6) },
    ]);
  });

  it('ranks an image first against itself', () => {
    const images = [new Float32Array([0.2, 0.9, 0.1]), new Float32Array([0.9, 0.1, 0.3])];
    expect(rankByCosine(images[1]!, images)[0]).toEqual({ index: 1, score: expect.closeTo(1, 6) });
  });
});
