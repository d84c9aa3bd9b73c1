import { describe, expect, it } from 'vitest';
import { countOf, nounFor } from './plural';

describe('countOf', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(countOf(1, 'image')).toBe('1 image');
    expect(countOf(0, 'image')).toBe('0 images');
    expect(countOf(2, 'image')).toBe('2 images');
    expect(countOf(21, 'label')).toBe('21 labels');
  });

  it('takes an irregular plural', () => {
    expect(countOf(1, 'was', 'were')).toBe('1 was');
    expect(countOf(3, 'was', 'were')).toBe('3 were');
  });

  it('gives the noun alone for sentences that put the count elsewhere', () => {
    expect(`Classifying 0 of 1 ${nounFor(1, 'image')}`).toBe('Classifying 0 of 1 image');
    expect(nounFor(5, 'image')).toBe('images');
  });
});
