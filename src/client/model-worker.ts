// How the client starts the model worker and learns that it ended; both injectable so the client's restart logic
// can be tested in Node with a fake worker.
import type { WorkerReply, WorkerRequest } from '../shared/protocol';

/** The part of a Worker the client uses. */
export interface ModelWorker {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
}

export interface ModelWorkerHost {
  /** Starts a model worker named `name` (the name is also the Web Lock it holds for its life). */
  spawn(name: string): ModelWorker;
  /** Resolves when the worker named `name`, which has already spoken (so holds its lock), has ended. */
  ended(name: string): Promise<void>;
  /** Milliseconds, for the restart budget. */
  now(): number;
}

export const WORKER_NAME_PREFIX = 'clipscope-model-';

export const browserWorkerHost: ModelWorkerHost = {
  spawn: (name) => new Worker(new URL('../worker/clip.worker.ts', import.meta.url), { type: 'module', name }),
  // A worker that is killed or closes itself fires no error event; the Web Lock it holds is released when it goes,
  // so asking for that lock waits exactly for its end. Without Web Locks only error events reveal a death.
  ended: (name) =>
    navigator.locks ? navigator.locks.request(name, () => undefined).then(() => undefined) : new Promise(() => {}),
  now: () => Date.now(),
};
