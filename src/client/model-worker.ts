// How the client starts the model worker and learns that it ended; both injectable so the client's restart logic
// can be tested in Node with a fake worker.
import { lifeEnded } from '../shared/life-watch';
import type { ClientMessage, ClipRequests, KindMap, WorkerMessage } from '../shared/protocol';
import { serviceWorkerControl } from './service-worker-registration';

/** The part of a Worker the client uses, for a worker speaking protocol `M`. */
export interface ModelWorker<M extends KindMap = ClipRequests> {
  onmessage: ((event: MessageEvent<WorkerMessage<M>>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: ClientMessage<M>, transfer?: Transferable[]): void;
  terminate(): void;
}

export interface ModelWorkerHost<M extends KindMap = ClipRequests> {
  /** Starts a model worker named `name` (the name is also the Web Lock it holds for its life). */
  spawn(name: string): ModelWorker<M>;
  /** Resolves when the worker named `name`, which has already spoken (so holds its lock), has ended. */
  ended(name: string): Promise<void>;
  /** Milliseconds, for the restart budget. */
  now(): number;
}

export const WORKER_NAME_PREFIX = 'clipscope-model-';

/** The model worker of this site: one entry hosts every model kind (src/worker/model-kinds.ts). */
export function browserWorkerHost<M extends KindMap>(): ModelWorkerHost<M> {
  return {
    // Started once the service worker controls the page, so that its downloads are cached as they arrive.
    spawn: (name) =>
      startedAfter<M>(
        serviceWorkerControl(),
        () => new Worker(new URL('../worker/clip.worker.ts', import.meta.url), { type: 'module', name }),
      ),
    ended: (name) => lifeEnded(name),
    now: () => Date.now(),
  };
}

/** A worker started once `before` settles; messages posted meanwhile are delivered then, in order. */
function startedAfter<M extends KindMap>(before: Promise<void>, start: () => Worker): ModelWorker<M> {
  const state: { worker?: Worker; terminated: boolean } = { terminated: false };
  const queued: [ClientMessage<M>, Transferable[]][] = [];
  const proxy: ModelWorker<M> = {
    onmessage: null,
    onerror: null,
    postMessage: (message, transfer = []) =>
      state.worker ? state.worker.postMessage(message, transfer) : queued.push([message, transfer]),
    terminate: () => ((state.terminated = true), state.worker?.terminate()),
  };
  void before.then(() => {
    if (state.terminated) return;
    const worker = (state.worker = start());
    worker.onmessage = (event: MessageEvent<WorkerMessage<M>>) => proxy.onmessage?.(event);
    worker.onerror = (event) => proxy.onerror?.(event);
    for (const [message, transfer] of queued.splice(0)) worker.postMessage(message, transfer);
  });
  return proxy;
}
