import { describe, expect, it } from 'vitest';
import { STARTING, type LoadPhase } from '../shared/load-phase';
import type { LoadedModel } from '../shared/protocol';
import { commonTopLabel, milestone, plural, runSummary, type MilestoneState } from './milestones';
import type { ErrorKind, ModelStatus } from './model-status';

const loading = (step: LoadPhase): ModelStatus => ({
  phase: 'loading',
  modelId: 'm',
  step,
  startedAt: 0,
  updatedAt: 0,
});
const MODEL = { backend: 'wasm', dtype: 'q8' } as LoadedModel;
const READY: ModelStatus = { phase: 'ready', modelId: 'm', model: MODEL };
const failed = (kind: ErrorKind, message: string): ModelStatus => ({
  phase: 'error',
  modelId: 'm',
  kind,
  message,
  actions: [kind === 'worker-stopped' ? 'restart' : 'retry'],
});
const base: MilestoneState = {
  modelName: 'Clipscope Mini',
  generation: 1,
  status: loading(STARTING),
  pending: 0,
  classified: 0,
  failed: 0,
  topLabel: () => 'red circle',
};
const at = (patch: Partial<MilestoneState>): MilestoneState => ({ ...base, ...patch });
const downloading = (loadedBytes: number, totalBytes = 88_000_000, fromCache = false): ModelStatus =>
  loading({ kind: 'downloading', loadedBytes, totalBytes, fromCache });
const text = (previous: MilestoneState, next: MilestoneState) => milestone(previous, next)?.text;

describe('milestones', () => {
  it('announces a download once when it starts, with its size, and once at half way', () => {
    const states = [0, 1e6, 20e6, 43e6, 44e6, 50e6, 87e6, 88e6].map((b) => at({ status: downloading(b) }));
    const said = [at({}), ...states].slice(1).map((next, i) => text([at({}), ...states][i]!, next));
    expect(said.filter(Boolean)).toEqual(['Downloading Clipscope Mini, 88.0 MB', 'Clipscope Mini 50% downloaded']);
    expect(said[4]).toBe('Clipscope Mini 50% downloaded'); // 44 of 88 MB is the first state at half
  });

  it('says nothing for files read from the cache or for the phases after the download', () => {
    expect(text(at({}), at({ status: downloading(88e6, 88e6, true) }))).toBeUndefined();
    const compiling = loading({ kind: 'compiling', part: 'text', partsDone: 0, partsTotal: 2 });
    expect(text(at({ status: downloading(88e6) }), at({ status: compiling }))).toBeUndefined();
    expect(
      text(at({ status: compiling }), at({ status: loading({ kind: 'warming-up', stepsDone: 1, stepsTotal: 2 }) })),
    ).toBe(undefined);
  });

  it('announces a new load of another model as a new download', () => {
    const previous = at({ status: downloading(80e6) });
    expect(text(previous, at({ generation: 2, modelName: 'SigLIP', status: downloading(1e6, 400e6) }))).toBe(
      'Downloading SigLIP, 400.0 MB',
    );
  });

  it('announces ready once per load, and failures as urgent', () => {
    expect(milestone(at({}), at({ status: READY }))).toEqual({ text: 'Clipscope Mini ready', urgent: false });
    expect(milestone(at({ status: READY }), at({ status: READY }))).toBeUndefined();
    expect(text(at({ status: READY }), at({ status: READY, generation: 2 }))).toBe('Clipscope Mini ready');
    expect(milestone(at({}), at({ status: failed('cancelled', 'The download was cancelled.') }))).toEqual({
      text: 'Clipscope Mini could not start: The download was cancelled.',
      urgent: true,
    });
    const stopped = at({ status: failed('worker-stopped', 'Press Restart.') });
    expect(milestone(at({ status: READY }), stopped)).toEqual({
      text: 'Clipscope Mini stopped: Press Restart.',
      urgent: true,
    });
    expect(milestone(stopped, stopped)).toBeUndefined();
  });

  it('announces a finished run of images with correct plurals and the winning label', () => {
    const ready = { status: READY };
    expect(text(at({ ...ready, pending: 2, classified: 3 }), at({ ...ready, classified: 5 }))).toBe(
      '5 images classified, top label red circle',
    );
    expect(text(at({ ...ready, pending: 1 }), at({ ...ready, classified: 1 }))).toBe(
      '1 image classified, top label red circle',
    );
    expect(text(at({ ...ready, pending: 1, classified: 2 }), at({ ...ready, classified: 2, failed: 1 }))).toBe(
      '2 images classified, 1 could not be classified, top label red circle',
    );
    // Still running, nothing run yet, or everything removed: nothing to say.
    expect(text(at({ ...ready, pending: 3 }), at({ ...ready, pending: 2, classified: 1 }))).toBeUndefined();
    expect(text(at({ ...ready, pending: 3 }), at({ ...ready }))).toBeUndefined();
    expect(text(at({ ...ready, classified: 3 }), at({ ...ready, classified: 3 }))).toBeUndefined();
  });

  it('scores images only when a run finishes', () => {
    let calls = 0;
    const counting = at({ status: downloading(1e6), topLabel: () => (calls++, 'x') });
    milestone(at({ status: downloading(0) }), counting);
    milestone(at({ pending: 1 }), at({ pending: 1, classified: 1, topLabel: counting.topLabel }));
    expect(calls).toBe(0);
    milestone(at({ pending: 1 }), at({ classified: 1, topLabel: counting.topLabel }));
    expect(calls).toBe(1);
  });
});

describe('run summary words', () => {
  it('pluralises and leaves out what is unknown', () => {
    expect(plural(0, 'image')).toBe('0 images');
    expect(plural(1, 'image')).toBe('1 image');
    expect(runSummary(3, 0, undefined)).toBe('3 images classified');
    expect(runSummary(0, 2, 'cat')).toBe('0 images classified, 2 could not be classified');
  });

  it('picks the label that wins the most images, the earliest winner on a tie', () => {
    expect(commonTopLabel([])).toBeUndefined();
    expect(commonTopLabel(['cat', 'dog', 'dog'])).toBe('dog');
    expect(commonTopLabel(['red circle', 'blue star', 'yellow triangle'])).toBe('red circle');
  });
});
