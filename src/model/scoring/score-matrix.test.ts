import { describe, expect, it } from 'vitest';
import { heatLevel, matrixOrder, scoreMatrix } from './score-matrix';

describe('contrastive matrix', () => {
  const images = [new Float32Array([1, 0]), new Float32Array([0, 2]), new Float32Array([1, 1])];
  const labels = new Float32Array([0, 1, 1, 0]); // label 0 points up, label 1 right

  it('scores every image against every label, rows summing to 1 under softmax', () => {
    const m = scoreMatrix(images, labels, { kind: 'softmax', logitScale: 10, logitBias: 0 });
    expect(m.rows).toBe(3);
    expect(m.columns).toBe(2);
    expect(Array.from(m.similarities)).toEqual(
      [0, 1, 1, 0, Math.SQRT1_2, Math.SQRT1_2].map((v) => expect.closeTo(v, 6)),
    );
    expect(m.probabilities[0]! + m.probabilities[1]!).toBeCloseTo(1, 6);
    expect(m.probabilities[1]).toBeGreaterThan(0.99);
    expect(m.probabilities[4]).toBeCloseTo(0.5, 6);
  });

  it('sorts images by a label column and labels by an image row, best first', () => {
    const values = new Float32Array([0.1, 0.9, 0.5, 0.2, 0.7, 0.7]);
    expect(matrixOrder(values, 3, 2, { by: 'label', column: 0 }).rowOrder).toEqual([2, 1, 0]);
    expect(matrixOrder(values, 3, 2, { by: 'label', column: 1 }).rowOrder).toEqual([0, 2, 1]);
    expect(matrixOrder(values, 3, 2, { by: 'image', row: 1 }).columnOrder).toEqual([0, 1]);
    expect(matrixOrder(values, 3, 2, { by: 'image', row: 0 }).columnOrder).toEqual([1, 0]);
    expect(matrixOrder(values, 3, 2, { by: 'none' })).toEqual({ rowOrder: [0, 1, 2], columnOrder: [0, 1] });
  });

  it('maps values onto a colour level within the range shown', () => {
    expect(heatLevel(0.25, 0, 0.5)).toBeCloseTo(0.5, 6);
    expect(heatLevel(2, 0, 1)).toBe(1);
    expect(heatLevel(0.3, 0.3, 0.3)).toBe(0.5);
  });
});
