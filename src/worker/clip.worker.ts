/// <reference lib="webworker" />
// The model worker: receives requests, runs them one at a time (label requests before images, so typing stays
// live while a folder is being classified) and answers each with its request id.
import type { WorkerReply, WorkerRequest } from '../shared/protocol';
import { Engine, WebGpuFailure } from './engine';
import { describeError } from './runtime';

declare const self: DedicatedWorkerGlobalScope;

// Held until this worker ends (killed, crashed or closed): the client waits for it to learn that (clip-client.ts).
void navigator.locks?.request(self.name, () => new Promise<never>(() => {}));

const post = (reply: WorkerReply, transfer: Transferable[] = []) => self.postMessage(reply, transfer);
const engine = new Engine((reason) =>
  post({ type: 'webgpuFailed', id: 0, reason: `the GPU device was lost (${reason})` }),
);
type Job = Exclude<WorkerRequest, { type: 'cancel' }>;
const urgent: Job[] = [];
const images: Job[] = [];
const loads = new Map<number, AbortController>();
let busy = false;

async function handle(request: Exclude<Job, { type: 'encodeImage' }>): Promise<void> {
  switch (request.type) {
    case 'load': {
      const report = (stage: string, loadedBytes: number, totalBytes: number) =>
        post({ type: 'progress', id: request.id, stage, loadedBytes, totalBytes });
      const controller = new AbortController();
      loads.set(request.id, controller);
      try {
        post({ type: 'loaded', id: request.id, model: await engine.load(request, controller.signal, report) });
      } finally {
        loads.delete(request.id);
      }
      return;
    }
    case 'encodeTexts': {
      const embeds = await engine.encodeTexts(request.prompts);
      post({ type: 'textEmbeds', id: request.id, embeds, count: request.prompts.length }, [embeds.buffer]);
      return;
    }
    case 'encodeFrame': {
      const embeds = await engine.encodeFrame(request.frame);
      post({ type: 'frameEmbeds', id: request.id, embeds }, [embeds.buffer]);
      return;
    }
  }
}

// Images queued together are encoded in one batch of up to this many (measured: ~10% less time per image at 8).
const IMAGE_BATCH = 8;

async function handleImages(requests: Extract<Job, { type: 'encodeImage' }>[]): Promise<void> {
  const results = await engine.encodeImages(requests.map((r) => r.file));
  results.forEach((result, i) => {
    const id = requests[i]!.id;
    if (result instanceof Error) return post({ type: 'error', id, message: describeError(result) });
    const { embeds, thumbnail, width, height } = result;
    post({ type: 'imageEmbeds', id, embeds, thumbnail, width, height }, [embeds.buffer]);
  });
}

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  while (urgent.length || images.length) {
    // Images dropped together arrive as separate messages: let the ones already posted land, so they share a batch.
    if (!urgent.length && images.length < IMAGE_BATCH) await new Promise((resolve) => setTimeout(resolve, 0));
    const jobs = urgent.length ? [urgent.shift()!] : images.splice(0, IMAGE_BATCH);
    try {
      if (jobs[0]!.type === 'encodeImage') await handleImages(jobs as Extract<Job, { type: 'encodeImage' }>[]);
      else await handle(jobs[0]!);
    } catch (error) {
      if (error instanceof WebGpuFailure) {
        // This worker's ONNX Runtime may be broken now; the client replaces it and re-sends everything.
        post({ type: 'webgpuFailed', id: jobs[0]!.id, reason: error.message });
        return;
      }
      jobs.forEach((job) => post({ type: 'error', id: job.id, message: describeError(error) }));
    }
  }
  busy = false;
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  if (event.data.type === 'cancel') {
    const { id } = event.data;
    const queued = images.findIndex((job) => job.id === id);
    if (queued >= 0) images.splice(queued, 1);
    return loads.get(id)?.abort();
  }
  (event.data.type === 'encodeImage' ? images : urgent).push(event.data);
  void drain();
};
