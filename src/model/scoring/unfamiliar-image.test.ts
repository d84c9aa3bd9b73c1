import { describe, expect, it } from 'vitest';
import { isUnfamiliar, readUnfamiliarCalibration, unfamiliarScore } from './unfamiliar-image';

// A 2-d probe: weights for the unit embedding, then for ln |embedding|.
const calibration = { weights: [2, -1, 0.5], bias: -0.25, threshold: 1, domain: 'coloured shapes' };

describe('unfamiliar-image rule', () => {
  it('scores the unit embedding and the log of its length', () => {
    // |(3, 4)| = 5: 2 * 0.6 - 1 * 0.8 + 0.5 * ln 5 - 0.25
    expect(unfamiliarScore(new Float32Array([3, 4]), calibration)).toBeCloseTo(0.4 + 0.5 * Math.log(5) - 0.25, 6);
    expect(unfamiliarScore(new Float32Array([0, 0]), calibration)).toBe(-0.25);
  });

  it('flags only scores above the threshold, and never without a calibration', () => {
    expect(isUnfamiliar(new Float32Array([10, 0]), calibration)).toBe(true); // 2 + 0.5 ln 10 - 0.25 = 2.9
    expect(isUnfamiliar(new Float32Array([0, 1]), calibration)).toBe(false); // -1.25
    expect(isUnfamiliar(new Float32Array([10, 0]), undefined)).toBe(false);
  });

  it('refuses a calibration for another embedding size instead of scoring garbage', () => {
    expect(() => unfamiliarScore(new Float32Array([1, 2, 3]), calibration)).toThrow(/2 weights for 3 dims/);
  });

  it('reads only a well-formed calibration of the right size from config.json', () => {
    expect(readUnfamiliarCalibration(calibration, 2)).toEqual(calibration);
    expect(readUnfamiliarCalibration(calibration, 3)).toBeUndefined();
    expect(readUnfamiliarCalibration({ ...calibration, threshold: 'high' }, 2)).toBeUndefined();
    expect(readUnfamiliarCalibration({ ...calibration, weights: [1, null, 2] }, 2)).toBeUndefined();
    expect(readUnfamiliarCalibration({ ...calibration, domain: undefined }, 2)).toBeUndefined();
    expect(readUnfamiliarCalibration(undefined, 2)).toBeUndefined();
  });
});
