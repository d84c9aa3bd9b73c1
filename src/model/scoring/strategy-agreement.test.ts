import { describe, expect, it } from 'vitest';
import { agreementOverImages, strategyAgreement } from './strategy-agreement';

describe('strategyAgreement', () => {
  it('says whether the top labels agree and sums the smaller probabilities', () => {
    const clip = { labels: ['red circle', 'blue star', 'green square'], probabilities: [0.7, 0.2, 0.1] };
    const prefixLm = { labels: ['green square', 'red circle', 'blue star'], probabilities: [0.3, 0.6, 0.1] };
    const result = strategyAgreement(clip, prefixLm)!;
    expect(result.topAgrees).toBe(true);
    expect(result.topA).toBe('red circle');
    expect(result.overlap).toBeCloseTo(0.6 + 0.1 + 0.1, 12);
  });

  it('finds disagreement and identical distributions', () => {
    const a = { labels: ['x', 'y'], probabilities: [0.9, 0.1] };
    expect(strategyAgreement(a, { labels: ['x', 'y'], probabilities: [0.2, 0.8] })).toMatchObject({
      topAgrees: false,
      topB: 'y',
    });
    expect(strategyAgreement(a, { labels: ['y', 'x'], probabilities: [0.1, 0.9] })!.overlap).toBeCloseTo(1, 12);
  });

  it('compares only the labels both sides scored, renormalised', () => {
    const clip = { labels: ['x', 'y'], probabilities: [0.5, 0.5] };
    const prefixLm = { labels: ['x', 'y', 'z'], probabilities: [0.2, 0.2, 0.6] };
    const result = strategyAgreement(clip, prefixLm)!;
    expect(result.overlap).toBeCloseTo(1, 12); // 0.2 / 0.4 each
    expect(strategyAgreement(clip, { labels: ['z'], probabilities: [1] })).toBeUndefined();
  });
});

describe('agreementOverImages', () => {
  it('counts the images whose top labels agree', () => {
    expect(agreementOverImages([{ topAgrees: true }, { topAgrees: false }, { topAgrees: true }])).toEqual({
      agree: 2,
      total: 3,
    });
  });
});
