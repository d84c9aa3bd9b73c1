// Where one model session is, as a discriminated union: the UI switches on `phase` (and a load's `step.kind`),
// never on display text. The main model, the comparison model and any later kind of model share this type.
import type { LoadPhase } from '../model/load-phase';
import type { MemoryAdvice } from '../model/memory-advice';
import type { LoadedModel } from '../shared/protocol';

/** What an error lets the user do about it. */
export type ErrorAction =
  /** Load the same model again (a failed or cancelled load). */
  | 'retry'
  /** Start a fresh worker (the worker kept dying and was given up). */
  | 'restart'
  /** Smaller weights or the bundled model (see `memoryAdvice`). */
  | 'use-less-memory';

export type ErrorKind = 'load' | 'cancelled' | 'out-of-memory' | 'worker-stopped';

export type ModelStatus =
  /** No model asked for (a comparison not started). */
  | { phase: 'idle' }
  /** A load under way: `step` says which part (download bytes, compiling a tower, warming up). */
  | { phase: 'loading'; modelId: string; step: LoadPhase; startedAt: number; updatedAt: number }
  | { phase: 'ready'; modelId: string; model: LoadedModel }
  | {
      phase: 'error';
      modelId: string;
      kind: ErrorKind;
      /** In words a person can act on. */
      message: string;
      actions: readonly ErrorAction[];
      memoryAdvice?: MemoryAdvice;
    };

export type ModelPhase = ModelStatus['phase'];

export const IDLE: ModelStatus = { phase: 'idle' };
