/// <reference lib="webworker" />
// The model worker: receives requests, runs them one at a time (label requests before images, so typing stays
// live while a folder is being classified) and answers each with its request id.
import type { LoadPhase } from '../model/load-phase';
import type { ImageReply, WorkerReply, WorkerRequest } from '../shared/protocol';
import { Engine, WebGpuFailure } from './engine';
import { IMAGE_BATCH, ImageQueue, type ImageJob } from './image-queue';
import type { PreparedImage } from './prepare';
import { Preparer } from './preparer';
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
const preparer = new Preparer();
preparer.warm();
const images = new ImageQueue((file) => preparer.prepare(file, engine.preprocessorConfig));
const loads = new Map<number, AbortController>();
let busy = false;

async function handle(request: Exclude<Job, { type: 'encodeImage' }>): Promise<void> {
  switch (request.type) {
    case 'load': {
      const report = (phase: LoadPhase) => post({ type: 'progress', id: request.id, phase });
      const controller = new AbortController();
      loads.set(request.id, controller);
      try {
        post({ type: 'loaded', id: request.id, model: await engine.load(request, controller.signal, report) });
        preparer.warm(engine.preprocessorConfig);
      } finally {
        loads.delete(request.id);
      }
      return;
    }
    case 'encodeTexts': {
      const { embeds, tokens } = await engine.encodeTexts(request.prompts);
      post({ type: 'textEmbeds', id: request.id, embeds, count: request.prompts.length, tokens }, [embeds.buffer]);
      return;
    }
    case 'encodeFrame': {
      const embeds = await engine.encodeFrame(request.frame);
      post({ type: 'frameEmbeds', id: request.id, embeds }, [embeds.buffer]);
      return;
    }
  }
}

async function handleImages(jobs: Required<ImageJob<PreparedImage | Error>>[]): Promise<void> {
  const results = await engine.encodePrepared(await Promise.all(jobs.map((job) => job.prepared)));
  const replies = results.map((result, i): ImageReply => {
    const id = jobs[i]!.request.id;
    if (result instanceof Error) return { type: 'error', id, message: describeError(result) };
    const { embeds, thumbnail, width, height } = result;
    return { type: 'imageEmbeds', id, embeds, thumbnail, width, height };
  });
  const buffers = replies.flatMap((r) => (r.type === 'imageEmbeds' ? [r.embeds.buffer] : []));
  post({ type: 'imageBatch', id: 0, replies }, buffers);
}

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  while (urgent.length || images.length) {
    // Waiting for the first image's decode lets the rest of its drop arrive (and label work jump ahead).
    if (!urgent.length) await images.firstPrepared();
    const imageJobs = urgent.length ? [] : images.take(IMAGE_BATCH);
    const jobs: Job[] = urgent.length ? [urgent.shift()!] : imageJobs.map((job) => job.request);
    try {
      if (imageJobs.length) await handleImages(imageJobs);
      else await handle(jobs[0] as Exclude<Job, { type: 'encodeImage' }>);
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
    images.remove(event.data.id); // a job still queued is dropped; one already running finishes
    return loads.get(event.data.id)?.abort();
  }
  if (event.data.type === 'encodeImage') images.push(event.data);
  else urgent.push(event.data);
  void drain();
};
