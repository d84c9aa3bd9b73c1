import { describe, expect, it } from 'vitest';
import { formatTiming, summarise } from '../../bench/stats';

describe('summarise', () => {
  it('gives the middle sample of an odd count, with min and max', () => {
    expect(summarise([30, 10, 20, 50, 40])).toEqual({ median: 30, min: 10, max: 50 });
  });

  it('averages the two middle samples of an even count', () => {
    expect(summarise([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
  });

  it('formats as median (min-max)', () => {
    expect(formatTiming({ median: 2.54, min: 1, max: 4 })).toBe('2.5 (1.0-4.0)');
  });
});
