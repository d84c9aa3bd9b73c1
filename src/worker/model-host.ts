// The model worker's host: keeps the session of the kind the last load named (model-kinds.ts) and runs requests
// one at a time, single ones (labels, camera frames, loads) before a kind's batched ones (images), so typing stays
// live while a folder is being classified. It answers each request with its id, turns failures into words a person
// can act on, and reports a WebGPU failure so the client restarts the worker on WASM.
import type { KindLoad, KindLoaded, ModelKind, TransportMessage } from '../shared/protocol';
import type { Message } from '../shared/request-map';
import type { HostedSession, KindContext } from './model-kind';
import { describeError, WebGpuFailure } from './worker-errors';

/** Starts a session of each kind the worker hosts (a worker older than the page may lack a newer kind). */
export type KindRegistry = Partial<Record<ModelKind, (context: KindContext) => HostedSession>>;

/** Posts to the client: the host's own messages are checked with `satisfies`, kinds' replies by their handlers. */
type Post = (message: Message & { [field: string]: unknown }, transfer?: Transferable[]) => void;

export class ModelHost {
  private session?: HostedSession;
  /** Single requests waiting, in the order they came. */
  private readonly single: Message[] = [];
  private readonly loads = new Map<number, AbortController>();
  /** Single requests (not loads) waiting or running, by id: `cancel` aborts them (a generation stops early). */
  private readonly cancellable = new Map<number, AbortController>();
  private busy = false;
  private readonly context: KindContext;

  constructor(
    private readonly kinds: KindRegistry,
    private readonly post: Post,
  ) {
    this.context = {
      onDeviceLost: (reason) =>
        post({ type: 'webgpuFailed', id: 0, reason: `the GPU device was lost (${reason})` } satisfies TransportMessage),
    };
  }

  /** A message from the client. */
  receive(message: Message): void {
    if (message.type === 'cancel') {
      this.session?.batches?.lane.remove(message.id); // a request still queued is dropped; one running finishes
      this.cancellable.get(message.id)?.abort(); // its handler sees the signal (queued: as soon as it starts)
      return this.loads.get(message.id)?.abort();
    }
    if (message.type === 'load' && !this.prepareKind((message as KindLoad).kind)) {
      const words = `This page cannot run models of the kind "${(message as KindLoad).kind}": reload the page.`;
      return this.post({ type: 'error', id: message.id, message: words } satisfies TransportMessage);
    }
    const batches = this.session?.batches;
    if (batches?.type === message.type) batches.lane.push(message);
    else {
      if (message.type !== 'load') this.cancellable.set(message.id, new AbortController());
      this.single.push(message);
    }
    void this.drain();
  }

  /**
   * The session for `kind`, started now so that the kind's batched requests after this load have their lane; false
   * for a kind this worker does not know (a page newer than its cached worker).
   */
  private prepareKind(kind: ModelKind): boolean {
    if (this.session?.kind === kind) return true;
    const start = Object.hasOwn(this.kinds, kind) ? this.kinds[kind] : undefined;
    if (!start) return false;
    const old = this.session;
    this.session = start(this.context);
    if (!old) return true;
    const dropped = old.batches?.lane.clear() ?? [];
    const message = 'Another model was loaded: run this again.';
    dropped.forEach((id) => this.post({ type: 'error', id, message } satisfies TransportMessage));
    void old.release();
    return true;
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    for (;;) {
      const lane = this.session?.batches?.lane;
      if (!this.single.length && !lane?.length) break;
      // Waiting for the first batched request to be ready lets the rest of its drop arrive (and single work jump in).
      if (!this.single.length) await lane?.ready();
      const next = this.single.shift();
      if (next) {
        await this.guarded([next.id], () => this.runSingle(next));
        this.cancellable.delete(next.id);
      } else if (lane?.length) {
        const batch = lane.take();
        await this.guarded(batch.ids, () => this.runBatch(batch.ids, batch.run));
      }
    }
    this.busy = false;
  }

  /** Runs `work`; a failure answers every request in `ids`, or (on WebGPU) has the client restart the worker. */
  private async guarded(ids: number[], work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof WebGpuFailure) {
        // This worker's ONNX Runtime may be broken now; the client replaces it and re-sends everything. Nothing
        // else runs here: the queue stays as it is until the worker is terminated.
        this.post({ type: 'webgpuFailed', id: ids[0] ?? 0, reason: error.message } satisfies TransportMessage);
        return new Promise<never>(() => {});
      }
      const message = describeError(error);
      ids.forEach((id) => this.post({ type: 'error', id, message } satisfies TransportMessage));
    }
  }

  private async runSingle(request: Message): Promise<void> {
    const session = this.session;
    if (!session) throw new Error('No model is loaded yet.');
    const update = (u: unknown) => this.post({ type: 'update', id: request.id, update: u } satisfies TransportMessage);
    if (request.type !== 'load') {
      const signal = this.cancellable.get(request.id)?.signal ?? new AbortController().signal;
      const { reply, transfer } = await session.run(request, update, signal);
      return this.post({ ...reply, id: request.id }, transfer);
    }
    const controller = new AbortController();
    this.loads.set(request.id, controller);
    try {
      const model = await session.load(request as KindLoad, controller.signal, update);
      this.post({ type: 'loaded', id: request.id, model } satisfies Message & { model: KindLoaded });
    } finally {
      this.loads.delete(request.id);
    }
  }

  private async runBatch(ids: number[], run: () => Promise<(Awaited<ReturnType<HostedSession['run']>> | Error)[]>) {
    const results = await run();
    const replies = results.map((result, i) => {
      const id = ids[i]!;
      if (result instanceof Error)
        return { type: 'error', id, message: describeError(result) } satisfies TransportMessage;
      return { ...result.reply, id };
    });
    const transfer = results.flatMap((r) => (r instanceof Error ? [] : (r.transfer ?? [])));
    this.post({ type: 'imageBatch', id: 0, replies }, transfer);
  }
}
