// The generic half of talking to the model worker, for any model kind's protocol `M`: typed requests whose reply
// type follows from the request type (request-map.ts), replies matched by id, streamed updates. When the worker
// dies, or reports that WebGPU failed (which can leave its ONNX Runtime unusable), the client starts a fresh worker
// (on WASM after a WebGPU failure), loads the model again and re-sends every pending request, so callers only ever
// see their answers arrive. Restarts are budgeted over time: once a worker keeps dying, the client stops, every
// pending and later request fails at once, and only `revive` (the user's "Restart") goes on.
import { LifeWatch } from '../shared/life-watch';
import {
  transportMessage,
  type Backend,
  type BackendPreference,
  type KindMap,
  type WorkerMessage,
} from '../shared/protocol';
import type { ReplyTo, RequestFields, RequestOf, RequestType, UpdateOf } from '../shared/request-map';
import { WORKER_NAME_PREFIX, type ModelWorker, type ModelWorkerHost } from './model-worker';
import { RestartBudget } from './restart-budget';

interface Pending<M extends KindMap> {
  message: RequestOf<M>;
  resolve: (reply: ReplyTo<M>) => void;
  reject: (error: Error) => void;
  onUpdate?: (update: UpdateOf<M>) => void;
  /** Its payload was transferred to the worker (a camera frame): it cannot be sent again after a restart. */
  transferred: boolean;
  /** Asked to stop (a generation): a restart re-sends it with its cancel, so its reply still settles it. */
  cancelled?: boolean;
}

/** A request failed because the worker kept dying and the client gave up on it: nothing runs until `revive`. */
export class WorkerStoppedError extends Error {}

// A worker that dies this often within the window is not restarted again; a healthy minute earns restarts back.
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;

export class WorkerClient<M extends KindMap> {
  /** Called when the model moves to another backend after a failure, with words for the user. */
  onBackendChanged: (backend: Backend, notice: string) => void = () => {};
  /** Called when the client gives up on a worker that keeps dying, with words for the user. */
  onStopped: (message: string) => void = () => {};
  private worker: ModelWorker<M>;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<M>>();
  protected lastLoad?: RequestOf<M, 'load'>;
  private readonly budget: RestartBudget;
  /** Set once the restart budget is spent: every request fails with it until `revive`. */
  private stopped?: WorkerStoppedError;
  /** Requests the last restart re-sent that are not answered yet: the worker has made no progress while any is. */
  private resentUnanswered = new Set<number>();
  // A closed client's worker ends on purpose: its released Web Lock must not bring it back.
  private disposed = false;
  /** Why the last restart happened, in words for the user; empty until one happens. */
  protected restartNotice = '';

  /** `namePrefix` names the worker and its Web Lock (a generator's worker differs from CLIP's). */
  constructor(
    private readonly host: ModelWorkerHost<M>,
    private readonly namePrefix = WORKER_NAME_PREFIX,
  ) {
    this.budget = new RestartBudget(MAX_RESTARTS, RESTART_WINDOW_MS, () => host.now());
    this.worker = this.spawn();
  }

  /** After the client stopped: a fresh worker and a full restart budget. The caller loads the model again. */
  revive(): void {
    if (this.disposed || !this.stopped) return;
    this.stopped = undefined;
    this.budget.reset();
    this.resentUnanswered.clear();
    this.worker = this.spawn();
  }

  /** Ends the worker for good (a comparison model no longer needed); pending requests fail. */
  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
    this.pending.forEach((p) => p.reject(new Error('The model was closed.')));
    this.pending.clear();
  }

  /** Stops the model download under way, if any; its load fails with a "cancelled" error. */
  cancelLoad(): void {
    if (this.lastLoad && this.pending.has(this.lastLoad.id))
      this.worker.postMessage({ type: 'cancel', id: this.lastLoad.id });
  }

  /**
   * Asks the worker to stop request `id` early; it still replies (a generation: with the text so far), which settles
   * the caller. Unknown or answered ids are ignored.
   */
  protected stopRequest(id: number): void {
    const pending = this.pending.get(id);
    if (!pending || pending.cancelled) return;
    pending.cancelled = true;
    this.worker.postMessage({ type: 'cancel', id });
  }

  /** Drops every request of `type` not answered yet: the worker forgets queued ones; each caller gets an error. */
  protected cancelAll(type: RequestType<M>): void {
    for (const [id, pending] of this.pending) {
      if (pending.message.type !== type) continue;
      this.pending.delete(id);
      this.resentUnanswered.delete(id);
      this.worker.postMessage({ type: 'cancel', id });
      pending.reject(new Error('Cancelled.'));
    }
  }

  /** The id the next request will get (a caller that stops a request needs its id before it settles). */
  protected get nextRequestId(): number {
    return this.nextId;
  }

  /** Sends a request of `type`; resolves with the reply type the protocol names for it, or rejects with its error. */
  protected request<T extends RequestType<M>>(
    type: T,
    fields: RequestFields<M, T>,
    onUpdate?: (update: UpdateOf<M, T>) => void,
    transfer: Transferable[] = [],
  ): Promise<ReplyTo<M, T>> {
    // The one place a request is assembled: `type` and `id` complete the fields the map names for `type`.
    const message = { ...fields, type, id: this.nextId++ } as unknown as RequestOf<M, T>;
    if (this.stopped) return Promise.reject(this.stopped); // the dead worker would never answer
    if (message.type === 'load') this.lastLoad = message as RequestOf<M, 'load'>;
    return new Promise<ReplyTo<M, T>>((resolve, reject) => {
      const settle = resolve as (reply: ReplyTo<M>) => void; // receive() resolves it only with the reply to `id`
      const update = onUpdate as ((update: UpdateOf<M>) => void) | undefined;
      const transferred = transfer.length > 0;
      this.pending.set(message.id, { message, resolve: settle, reject, onUpdate: update, transferred });
      this.worker.postMessage(message, transfer);
    });
  }

  private spawn(): ModelWorker<M> {
    const name = `${this.namePrefix}${this.host.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const worker = this.host.spawn(name);
    const watch = new LifeWatch(
      name,
      () => worker === this.worker && this.restart(this.lastLoad?.backend ?? 'auto', 'The model worker stopped'),
      (name) => this.host.ended(name),
    );
    // Messages a replaced worker sent before it was terminated are ignored.
    worker.onmessage = (event: MessageEvent<WorkerMessage<M>>) => {
      if (worker !== this.worker) return;
      watch.alive(); // once the worker has spoken it surely holds its lock: from now on its end is seen
      this.receive(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // Errors a replaced worker raised before it was terminated would restart its successor: ignored.
      if (worker !== this.worker) return;
      this.restart(this.lastLoad?.backend ?? 'auto', `The model worker stopped (${event.message || 'unknown error'})`);
    };
    return worker;
  }

  private receive(message: WorkerMessage<M>): void {
    const transport = transportMessage(message);
    if (transport?.type === 'webgpuFailed') return this.restart('wasm', transport.reason);
    if (transport?.type === 'imageBatch') return transport.replies.forEach((r) => this.receive(r));
    const pending = this.pending.get(message.id);
    if (!pending) return; // the answer to a request nobody waits for any more
    if (transport?.type === 'update') return pending.onUpdate?.(transport.update);
    this.pending.delete(message.id);
    this.resentUnanswered.delete(message.id);
    if (transport?.type === 'error') pending.reject(new Error(transport.message));
    else if (!transport) pending.resolve(message as ReplyTo<M>); // not a transport message: a reply
  }

  /** Replaces the worker, loads the model again on `backend`, and re-sends pending requests in their order. */
  private restart(backend: BackendPreference, reason: string): void {
    if (this.disposed || this.stopped) return;
    this.worker.terminate();
    // A transferred payload (a camera frame's bitmap) went with the old worker: the caller sends a new one.
    for (const [id, p] of this.pending) {
      if (!p.transferred) continue;
      this.pending.delete(id);
      p.reject(new Error('The camera frame was dropped while the model restarted.'));
    }
    const waiting = [...this.pending.values()];
    if (!this.lastLoad || !this.budget.take(this.resentUnanswered.size > 0)) {
      const why = this.lastLoad ? `, ${MAX_RESTARTS + 1} times within a minute,` : ' before a model was loaded,';
      const message = `${reason}${why} so Clipscope stopped restarting it. Press Restart to try again, or reload the page.`;
      const stopped = (this.stopped = new WorkerStoppedError(message));
      this.pending.clear();
      waiting.forEach((p) => p.reject(stopped));
      this.onStopped(message);
      return;
    }
    this.worker = this.spawn();
    this.restartNotice =
      backend === 'wasm'
        ? `${reason}. The model now runs on WASM (CPU); pending work was re-run.`
        : `${reason}. It was restarted and pending work re-run.`;
    const reload = waiting.find((p) => p.message.type === 'load');
    const load: RequestOf<M, 'load'> = { ...this.lastLoad, backend, id: reload ? reload.message.id : this.nextId++ };
    this.lastLoad = load;
    if (reload) reload.message = load;
    else {
      // Nobody waits for this load: its reply (the only one to its id) tells the page where the model now runs.
      const announce = (reply: ReplyTo<M>) => this.announce(reply as ReplyTo<M, 'load'>);
      this.pending.set(load.id, { message: load, resolve: announce, reject: () => {}, transferred: false });
    }
    this.worker.postMessage(load);
    waiting
      .filter((p) => p !== reload)
      .forEach((p) => {
        this.worker.postMessage(p.message);
        if (p.cancelled) this.worker.postMessage({ type: 'cancel', id: p.message.id });
      });
    this.resentUnanswered = new Set(waiting.filter((p) => p !== reload).map((p) => p.message.id));
  }

  private announce(reply: ReplyTo<M, 'load'>): void {
    this.onBackendChanged(reply.model.backend, this.restartNotice);
  }
}
