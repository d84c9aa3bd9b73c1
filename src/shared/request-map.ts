// Typing for a request/reply protocol over postMessage. A protocol is a map from each request type to the message
// sent, the reply that settles it and the updates it streams before that reply (load progress, generated tokens).
// Senders and receivers derive their types from the map, so a reply of the wrong type does not compile.

/** Every message names the request it belongs to; `id` 0 when no request caused it. */
export interface Message {
  type: string;
  id: number;
}

/** One request type: what is sent, the reply that settles it, and what it streams meanwhile (`never`: nothing). */
export interface Exchange<Request extends Message, Reply extends Message, Update = never> {
  request: Request;
  reply: Reply;
  update: Update;
}

/** A protocol: each key is its request's `type`. */
export type RequestMap = Record<string, Exchange<Message, Message, unknown>>;

export type RequestType<M extends RequestMap> = keyof M & string;
export type RequestOf<M extends RequestMap, T extends RequestType<M> = RequestType<M>> = M[T]['request'];
export type ReplyTo<M extends RequestMap, T extends RequestType<M> = RequestType<M>> = M[T]['reply'];
export type UpdateOf<M extends RequestMap, T extends RequestType<M> = RequestType<M>> = M[T]['update'];

/** A request's own fields: what a caller gives, the client adding `type` and `id`. */
export type RequestFields<M extends RequestMap, T extends RequestType<M>> = Omit<RequestOf<M, T>, 'type' | 'id'>;

/** A reply as a handler returns it, before the host adds the request's id. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A streamed update for request `id` (a load's phase, a generated token). */
export interface UpdateMessage<Update> {
  type: 'update';
  id: number;
  update: Update;
}

/** Any request's failure, in words a person can act on. */
export interface ErrorReply {
  type: 'error';
  id: number;
  message: string;
}

/**
 * A protocol's map, checked: each request carries its own key as `type`, and no reply takes a `type` the transport
 * keeps for itself (`Reserved`: failures, updates, batches). An entry that breaks either becomes `never`.
 */
export type CheckedMap<M extends RequestMap, Reserved extends string> = {
  [T in keyof M]: M[T]['request'] extends { type: T }
    ? M[T]['reply'] extends { type: Reserved }
      ? never
      : M[T]
    : never;
};
