// What a model kind provides to the worker host (model-host.ts). The host owns everything kinds share: the job
// queue (one job at a time, single requests before batched ones), load cancellation, WebGPU failures and error
// wording; ONNX Runtime (runtime.ts), model files (model-files.ts, download.ts) and the backend choice are shared
// modules a kind calls. A kind owns its model and answers its own requests, typed by its request map.
//
// How a kind plugs in (the generator kind is the example: generator-kind.ts): a request map naming its ModelKind
// (shared/generator-protocol.ts), a KindSession answering each request type, its entry in model-kinds.ts, and a
// `WorkerClient<ItsRequests>` on the page (client/generator-client.ts). A kind without a batch lane has its
// requests run one at a time in the order they came; `cancel` with a request's id aborts the signal its handler
// gets (a queued request starts with it aborted), so a long handler can stop early.
import type { KindLoaded, KindMap, ModelKind } from '../shared/protocol';
import type { DistributiveOmit, Message, ReplyTo, RequestOf, RequestType, UpdateOf } from '../shared/request-map';

/** A reply as a handler returns it (the host adds the request's id), with the buffers to transfer. */
export interface Answer<Reply extends Message> {
  reply: DistributiveOmit<Reply, 'id'>;
  transfer?: Transferable[];
}

/** One handler per request type of the map (but `load` and the batched type), returning that type's reply. */
export type Handlers<M extends KindMap, Batched extends RequestType<M>> = {
  [T in Exclude<RequestType<M>, 'load' | Batched>]: (
    request: RequestOf<M, T>,
    update: (update: UpdateOf<M, T>) => void,
    /** Aborted by the client's `cancel` with this request's id (a generation stops between steps). */
    signal: AbortSignal,
  ) => Promise<Answer<ReplyTo<M, T>>>;
};

/**
 * Requests that run in batches once no single request waits (CLIP's images): queued, prepared ahead, and answered
 * together in one `imageBatch` message. A failed item is an Error in its place; a thrown error fails the batch.
 */
export interface BatchLane<Request extends Message, Reply extends Message> {
  readonly length: number;
  push(request: Request): void;
  /** Drops a queued request (cancelled); one already taken finishes. */
  remove(id: number): void;
  /** Empties the queue (the session is being replaced), returning the ids dropped. */
  clear(): number[];
  /** Resolves once the first queued request is ready to run (for images: decoded). */
  ready(): Promise<void>;
  /** Takes the next batch: its request ids, and its run, answering each in order. */
  take(): { ids: number[]; run(): Promise<(Answer<Reply> | Error)[]> };
}

/** One loaded (or loading) model of a kind, typed by its map; `Batched` names the request type of its batch lane. */
export interface KindSession<M extends KindMap, Batched extends RequestType<M> = never> {
  load(
    request: RequestOf<M, 'load'>,
    signal: AbortSignal,
    report: (update: UpdateOf<M, 'load'>) => void,
  ): Promise<ReplyTo<M, 'load'>['model']>;
  handlers: Handlers<M, Batched>;
  batches?: { type: Batched; lane: BatchLane<RequestOf<M, Batched>, ReplyTo<M, Batched>> };
  /** Frees the model's sessions (another kind's load replaces it). */
  release(): Promise<void>;
}

/** What every kind gets from the host. */
export interface KindContext {
  /** The WebGPU device was lost outside any request: the host has the client restart on WASM. */
  onDeviceLost(reason: string): void;
}

/** A session as the host sees it: requests routed by their type, whatever the kind. */
export interface HostedSession {
  readonly kind: ModelKind;
  load(
    request: RequestOf<KindMap, 'load'>,
    signal: AbortSignal,
    report: (update: unknown) => void,
  ): Promise<KindLoaded>;
  /** Runs a single request; rejects for a type this kind does not answer. */
  run(request: Message, update: (update: unknown) => void, signal: AbortSignal): Promise<Answer<Message>>;
  batches?: { type: string; lane: BatchLane<Message, Message> };
  release(): Promise<void>;
}

/**
 * The host's view of a kind's session. The host routes each request by its `type` to the handler of that type,
 * so the request it passes is the one the handler's map entry names; the types cannot follow a runtime lookup.
 */
export function hosted<M extends KindMap, B extends RequestType<M>>(
  kind: ModelKind,
  session: KindSession<M, B>,
): HostedSession {
  const handlers = session.handlers as unknown as Record<string, HostedSession['run'] | undefined>;
  return {
    kind,
    load: (request, signal, report) => session.load(request as RequestOf<M, 'load'>, signal, report),
    run: async (request, update, signal) => {
      const handler = Object.hasOwn(handlers, request.type) ? handlers[request.type] : undefined;
      if (!handler) throw new Error(`This model cannot answer "${request.type}": reload the page.`);
      return handler(request, update, signal);
    },
    batches: session.batches as HostedSession['batches'],
    release: () => session.release(),
  };
}
