import { describe, expect, it } from 'vitest';
import { phaseLabel, phaseProgress, STARTING, type LoadPhase } from './load-phase';

const download = (loadedBytes: number, totalBytes: number, fromCache = false): LoadPhase => ({
  kind: 'downloading',
  loadedBytes,
  totalBytes,
  fromCache,
});

describe('load phases', () => {
  it('names each phase, the tower being compiled and where the bytes come from', () => {
    expect(phaseLabel(STARTING)).toBe('Starting');
    expect(phaseLabel(download(1, 2))).toBe('Downloading model');
    expect(phaseLabel(download(2, 2, true))).toBe('Reading from cache');
    expect(phaseLabel({ kind: 'compiling', part: 'text', partsDone: 0, partsTotal: 2 })).toBe(
      'Preparing the text encoder (1 of 2)',
    );
    expect(phaseLabel({ kind: 'compiling', part: 'vision', partsDone: 1, partsTotal: 2 })).toBe(
      'Preparing the image encoder (2 of 2)',
    );
    expect(phaseLabel({ kind: 'compiling', part: 'generator', partsDone: 2, partsTotal: 4 })).toBe(
      "Preparing the generator's parts (3 of 4)",
    );
    expect(phaseLabel({ kind: 'compiling', part: 'generator', partsDone: 4, partsTotal: 4 })).toBe(
      "Preparing the generator's parts (4 of 4)",
    );
    expect(phaseLabel({ kind: 'warming-up', stepsDone: 1, stepsTotal: 2 })).toBe('Warming up');
  });

  it('gives a determinate bar wherever the amount is known', () => {
    expect(phaseProgress(STARTING)).toBeUndefined();
    expect(phaseProgress(download(0, 0))).toBeUndefined();
    expect(phaseProgress(download(30, 120))).toEqual({ value: 30, max: 120 });
    expect(phaseProgress(download(130, 120))).toEqual({ value: 120, max: 120 });
    expect(phaseProgress({ kind: 'compiling', part: 'vision', partsDone: 1, partsTotal: 2 })).toEqual({
      value: 1,
      max: 2,
    });
    expect(phaseProgress({ kind: 'warming-up', stepsDone: 0, stepsTotal: 2 })).toEqual({ value: 0, max: 2 });
  });
});
