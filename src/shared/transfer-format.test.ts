import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, transferStats } from './transfer-format';

describe('transfer stats', () => {
  it('computes percent, speed and time left', () => {
    expect(transferStats(25e6, 100e6, 5000)).toEqual({ percent: 25, bytesPerSecond: 5e6, secondsLeft: 15 });
  });

  it('leaves time left unknown before any byte or without a total', () => {
    expect(transferStats(0, 100, 0).secondsLeft).toBeUndefined();
    expect(transferStats(10, 0, 1000)).toEqual({ percent: 0, bytesPerSecond: 10, secondsLeft: undefined });
  });

  it('formats sizes and durations for people', () => {
    expect(formatBytes(151_234_567)).toBe('151.2 MB');
    expect(formatBytes(2_500_000_000)).toBe('2.50 GB');
    expect(formatBytes(12_345)).toBe('12 kB');
    expect(formatDuration(4.2)).toBe('5 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
  });
});
