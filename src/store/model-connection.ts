import type { ModelSession } from './session/model-session';

/**
 * The main view's link to its model: the session (worker, load, encoding) and a model folder opened from disk.
 * Kept in the store (one per app), so a test can make its own with a fake worker.
 */
export class ModelConnection {
  localModel?: { name: string; files: Record<string, Blob> };

  constructor(readonly session: ModelSession) {}
}
