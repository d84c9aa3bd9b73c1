// old status: the whole file goes once the UI and milestones read `modelStatus` and `compareStatus`.
// Keeps the flat status fields (modelState, loadPhase, modelError, compareState, ...) in step with the session's
// ModelStatus, so the UI that still reads them works meanwhile.
import { phaseSummary } from '../model/load-phase';
import type { CompareSlice } from './compare-slice';
import type { ModelSlice } from './model-slice';
import type { ModelStatus } from './model-status';

export function oldStatusFields(status: ModelStatus, before: ModelSlice): Partial<ModelSlice> {
  const previous = before.modelStatus;
  switch (status.phase) {
    case 'idle':
      return {};
    case 'loading':
      if (previous.phase === 'loading' && previous.startedAt === status.startedAt)
        return { loadPhase: status.step, progressAt: status.updatedAt };
      return {
        modelState: 'loading',
        loadPhase: status.step,
        modelError: '',
        memoryAdvice: undefined,
        model: undefined,
        loadedModelId: undefined,
        downloadStartedAt: status.startedAt,
        progressAt: status.updatedAt,
        generation: before.generation + 1,
      };
    case 'ready':
      return { modelState: 'ready', loadedModelId: status.modelId, model: status.model };
    case 'error':
      return {
        modelState: 'error',
        modelError: status.message,
        memoryAdvice: status.memoryAdvice,
        modelErrorKind: status.kind === 'worker-stopped' ? 'worker-stopped' : 'load',
      };
  }
}

export function oldCompareFields(status: ModelStatus): Partial<CompareSlice> {
  switch (status.phase) {
    case 'idle':
      return { compareState: 'off', compareStage: '' };
    case 'loading':
      return { compareState: 'loading', compareStage: phaseSummary(status.step), compareError: '' };
    case 'ready':
      return { compareState: 'ready', compareStage: '' };
    case 'error':
      return { compareState: 'error', compareError: status.message };
  }
}
