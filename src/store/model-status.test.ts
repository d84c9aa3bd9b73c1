import { describe, expect, it } from 'vitest';
import type { LoadPhase } from '../shared/load-phase';
import type { LoadedModel } from '../shared/protocol';
import {
  advanceLoad,
  errorWords,
  IDLE,
  isLoading,
  loadedModel,
  loadFailed,
  loadingStatus,
  outOfMemory,
  runningModel,
  runningModelId,
  statusStep,
  withBackend,
  workerStopped,
  type ModelStatus,
} from './model-status';

const MODEL: LoadedModel = {
  backend: 'webgpu',
  dtype: 'fp16',
  fromCache: false,
  threads: 0,
  embedDim: 2,
  notice: '',
  dtypes: ['fp16', 'q8'],
};
const READY: ModelStatus = { phase: 'ready', modelId: 'm', model: MODEL };
const COMPILING: LoadPhase = { kind: 'compiling', part: 'vision', partsDone: 1, partsTotal: 2 };
const failed = (model?: LoadedModel): ModelStatus => ({
  phase: 'error',
  modelId: 'm',
  kind: 'load',
  message: 'offline',
  actions: ['retry'],
  model,
});

describe('model status', () => {
  it('starts a load at its first step and moves it on, keeping when it started', () => {
    const started = loadingStatus('m', 1000);
    expect(started).toEqual({
      phase: 'loading',
      modelId: 'm',
      step: { kind: 'starting' },
      startedAt: 1000,
      updatedAt: 1000,
    });
    expect(advanceLoad(started, COMPILING, 4000)).toEqual({ ...started, step: COMPILING, updatedAt: 4000 });
    expect(isLoading(started)).toBe(true);
    expect(statusStep(advanceLoad(started, COMPILING, 4000))).toBe('compiling');
  });

  it('ignores progress that arrives after the load ended', () => {
    expect(advanceLoad(READY, COMPILING, 5)).toBe(READY);
    expect(advanceLoad(failed(), COMPILING, 5)).toEqual(failed());
    expect(advanceLoad(IDLE, COMPILING, 5)).toBe(IDLE);
  });

  it('names the running model only when ready', () => {
    expect(runningModel(READY)).toBe(MODEL);
    expect(runningModelId(READY)).toBe('m');
    for (const status of [IDLE, loadingStatus('m', 0), failed(MODEL)]) {
      expect(runningModel(status)).toBeUndefined();
      expect(runningModelId(status)).toBeUndefined();
      expect(isLoading(status)).toBe(status.phase === 'loading');
    }
    expect([IDLE, READY, failed()].map(statusStep)).toEqual(['idle', 'ready', 'error']);
  });

  it('keeps the model whose results are on screen when its worker stops, not after a failed load', () => {
    const stopped = workerStopped(READY, 'm', 'Press Restart.');
    expect(stopped).toEqual({
      phase: 'error',
      modelId: 'm',
      kind: 'worker-stopped',
      message: 'Press Restart.',
      actions: ['restart'],
      model: MODEL,
    });
    expect(loadedModel(stopped)).toEqual({ modelId: 'm', model: MODEL });
    expect(loadedModel(READY)).toMatchObject({ modelId: 'm', model: MODEL });
    // Stopped while loading: no model ran, so none is kept.
    expect(workerStopped(loadingStatus('m', 0), 'm', 'Press Restart.')).toMatchObject({ model: undefined });
    expect(loadedModel(failed())).toBeUndefined();
    expect(loadedModel(loadingStatus('m', 0))).toBeUndefined();
  });

  it('moves the loaded model to WASM with its notice, and leaves a status without a model alone', () => {
    const moved = withBackend(READY, 'wasm', 'WebGPU failed: running on WASM.');
    expect(runningModel(moved)).toEqual({ ...MODEL, backend: 'wasm', notice: 'WebGPU failed: running on WASM.' });
    expect(
      runningModel(withBackend({ ...READY, model: { ...MODEL, backend: 'wasm', threads: 4 } }, 'webgpu', '')),
    ).toMatchObject({
      backend: 'webgpu',
      threads: 0,
    });
    expect(loadedModel(withBackend(failed(MODEL), 'wasm', 'n'))?.model.backend).toBe('wasm');
    const loading = loadingStatus('m', 0);
    expect(withBackend(loading, 'wasm', 'n')).toBe(loading);
    expect(withBackend(failed(), 'wasm', 'n')).toEqual(failed());
  });

  it('offers retry after a failed or cancelled load, and smaller choices after running out of memory', () => {
    expect(loadFailed('m', 'offline')).toEqual(failed());
    expect(loadFailed('m', 'The download was cancelled.', 'cancelled')).toMatchObject({
      kind: 'cancelled',
      actions: ['retry'],
    });
    const advice = { smallerDtype: 'q8' as const, smallerDtypeWords: 'int8' };
    expect(outOfMemory('m', 'not enough memory', advice)).toEqual({
      phase: 'error',
      modelId: 'm',
      kind: 'out-of-memory',
      message: 'not enough memory',
      actions: ['retry', 'use-less-memory'],
      memoryAdvice: advice,
    });
  });

  it('words an error by its kind, not by its message', () => {
    expect(errorWords('worker-stopped')).toBe('stopped');
    expect(['load', 'cancelled', 'out-of-memory'].map((k) => errorWords(k as 'load'))).toEqual([
      'could not start',
      'could not start',
      'could not start',
    ]);
  });
});
