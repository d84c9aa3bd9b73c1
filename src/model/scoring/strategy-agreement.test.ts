import { describe, expect, it } from 'vitest';
import { agreementSummary, imageAgreement } from './strategy-agreement';

describe('strategy agreement', () => {
  it('agrees when both rank the same label first, with the overlap of the two distributions', () => {
    const a = imageAgreement(
      { labels: ['red star', 'blue square', 'green circle'], probabilities: [0.7, 0.2, 0.1] },
      { labels: ['red star', 'blue square', 'green circle'], probabilities: [0.5, 0.1, 0.4] },
    );
    // min(0.7,0.5) + min(0.2,0.1) + min(0.1,0.4) = 0.5 + 0.1 + 0.1
    expect(a).toMatchObject({ agree: true, clipTop: 'red star', prefixLmTop: 'red star' });
    expect(a!.overlap).toBeCloseTo(0.7, 10);
  });

  it('disagrees when the top labels differ; identical distributions overlap fully, disjoint ones not at all', () => {
    const clip = { labels: ['cat', 'dog'], probabilities: [0.9, 0.1] };
    expect(imageAgreement(clip, { labels: ['dog', 'cat'], probabilities: [0.8, 0.2] })).toMatchObject({
      agree: false,
      clipTop: 'cat',
      prefixLmTop: 'dog',
    });
    expect(imageAgreement(clip, { labels: ['dog', 'cat'], probabilities: [0.1, 0.9] })!.overlap).toBeCloseTo(1, 10);
    const disjoint = imageAgreement(
      { labels: ['cat', 'dog'], probabilities: [1, 0] },
      { labels: ['cat', 'dog'], probabilities: [0, 1] },
    );
    expect(disjoint!.overlap).toBe(0);
  });

  it('matches labels by name and compares nothing when no label is shared', () => {
    const a = imageAgreement(
      { labels: ['cat', 'dog', 'bird'], probabilities: [0.5, 0.3, 0.2] },
      { labels: ['dog', 'cat'], probabilities: [0.6, 0.4] },
    );
    expect(a!.overlap).toBeCloseTo(0.4 + 0.3, 10);
    expect(
      imageAgreement({ labels: ['a'], probabilities: [1] }, { labels: ['b'], probabilities: [1] }),
    ).toBeUndefined();
  });

  it('summarises over images as "agree on N of M", leaving out images not compared', () => {
    const yes = { agree: true, clipTop: 'a', prefixLmTop: 'a', overlap: 0.8 };
    const no = { agree: false, clipTop: 'a', prefixLmTop: 'b', overlap: 0.2 };
    const summary = agreementSummary([yes, undefined, no, yes]);
    expect(summary).toMatchObject({ agreeing: 2, compared: 3 });
    expect(summary.meanOverlap).toBeCloseTo(0.6, 10);
    expect(agreementSummary([undefined])).toEqual({ agreeing: 0, compared: 0 });
  });
});
