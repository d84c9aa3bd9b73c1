import { describe, expect, it } from 'vitest';
import { scoreText } from './score-text';

describe('scoreText', () => {
  it('writes a probability as a percentage with one decimal', () => {
    expect(scoreText(0.4567, 'probability')).toBe('45.7%');
    expect(scoreText(1, 'probability')).toBe('100.0%');
    expect(scoreText(0, 'probability')).toBe('0.0%');
    expect(scoreText(0.00012, 'probability')).toBe('0.0%');
  });

  it('writes a cosine similarity with three decimals, sign kept', () => {
    expect(scoreText(0.4567, 'similarity')).toBe('0.457');
    expect(scoreText(-0.0314, 'similarity')).toBe('-0.031');
    expect(scoreText(1, 'similarity')).toBe('1.000');
  });

  it('gives the same number different text in the two modes', () => {
    expect(scoreText(0.25, 'probability')).not.toBe(scoreText(0.25, 'similarity'));
  });
});
