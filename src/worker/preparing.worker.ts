/// <reference lib="webworker" />
// The preparing worker, started by the model worker: decodes and preprocesses images on a thread of its own, so
// the next batch is ready while ONNX Runtime's run holds the model worker's thread.
import type { PrepareReply, PrepareRequest, WarmRequest } from './preparing-messages';
import { holdLife } from '../shared/life-watch';
import { prepareImage } from './prepare-image';

declare const self: DedicatedWorkerGlobalScope;

// Held until this worker ends, however it ends: the model worker waits for it to learn that (preparing-pool.ts).
holdLife(self.name, () => self.postMessage({ type: 'alive', id: 0 } satisfies PrepareReply));

const post = (reply: PrepareReply, transfer: Transferable[] = []) => self.postMessage(reply, transfer);

async function prepare({ id, file, config }: PrepareRequest): Promise<void> {
  const prepared = await prepareImage(file, config);
  if (prepared instanceof Error) return post({ type: 'failed', id, message: prepared.message });
  const { values, width, height, thumbnail } = prepared;
  post({ type: 'prepared', id, values, width, height }, [values.buffer]);
  thumbnail.then(
    (blob) => post({ type: 'thumbnail', id, thumbnail: blob }),
    (error: unknown) => post({ type: 'thumbnail', id, error: String(error) }),
  );
}

// A photo-sized image, prepared WARM_RUNS times (measured: a cold worker took 30 ms on its first image, 7 later).
const WARM_SIZE = { width: 640, height: 480 };
const WARM_RUNS = 3;

async function warm({ config }: WarmRequest): Promise<void> {
  const canvas = new OffscreenCanvas(WARM_SIZE.width, WARM_SIZE.height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#4a7';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#c33';
  context.fillRect(100, 80, 300, 200);
  const file = await canvas.convertToBlob({ type: 'image/png' });
  for (let run = 0; run < WARM_RUNS; run++) {
    const prepared = await prepareImage(file, config);
    if (!(prepared instanceof Error)) await prepared.thumbnail.catch(() => {});
  }
}

// One image at a time, in the order they came: decoding them all at once made every image of a batch late.
const work = { done: Promise.resolve() };
self.onmessage = ({ data }: MessageEvent<PrepareRequest | WarmRequest>) => {
  work.done = work.done.then(() => (data.type === 'warm' ? warm(data) : prepare(data))).catch(() => {});
};
