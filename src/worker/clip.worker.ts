/// <reference lib="webworker" />
// The model worker: hosts one model session of the kind its load request names (model-kinds.ts) and answers each
// request with its id (model-host.ts). The entry keeps its name: e2e tests and the bench find the worker by it.
import { holdLife } from '../shared/life-watch';
import type { Message } from '../shared/request-map';
import { ModelHost } from './model-host';
import { MODEL_KINDS } from './model-kinds';

declare const self: DedicatedWorkerGlobalScope;

// Held until this worker ends (killed, crashed or closed): the client waits for it to learn that (worker-client.ts).
holdLife(self.name);

const host = new ModelHost(MODEL_KINDS, (message, transfer = []) => self.postMessage(message, transfer));
self.onmessage = (event: MessageEvent<Message>) => host.receive(event.data);
