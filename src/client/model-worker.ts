// How the client starts the model worker and learns that it ended; both injectable so the client's restart logic
// can be tested in Node with a fake worker.
import type { WorkerReply, WorkerRequest } from '../shared/protocol';
import { serviceWorkerControl } from './service-worker';

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
  // Started once the service worker controls the page, so that its downloads are cached as they arrive.
  spawn: (name) =>
    startedAfter(
      serviceWorkerControl(),
      () => new Worker(new URL('../worker/clip.worker.ts', import.meta.url), { type: 'module', name }),
    ),
  // A worker that is killed or closes itself fires no error event; the Web Lock it holds is released when it goes,
  // so asking for that lock waits exactly for its end. Without Web Locks only error events reveal a death.
  ended: (name) =>
    navigator.locks ? navigator.locks.request(name, () => undefined).then(() => undefined) : new Promise(() => {}),
  now: () => Date.now(),
};

/** A worker started once `before` settles; messages posted meanwhile are delivered then, in order. */
function startedAfter(before: Promise<void>, start: () => Worker): ModelWorker {
  let worker: Worker | undefined;
  let terminated = false;
  const queued: [WorkerRequest, Transferable[]][] = [];
  const proxy: ModelWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (message, transfer = []) =>
      worker ? worker.postMessage(message, transfer) : queued.push([message, transfer]),
    terminate: () => ((terminated = true), worker?.terminate()),
  };
  void before.then(() => {
    if (terminated) return;
    worker = start();
    worker.onmessage = (event: MessageEvent<WorkerReply>) => proxy.onmessage?.(event);
    worker.onerror = (event) => proxy.onerror?.(event);
    for (const [message, transfer] of queued.splice(0)) worker.postMessage(message, transfer);
  });
  return proxy;
}
