import { describe, expect, it } from 'vitest';
import { DECODE_AHEAD, DECODE_CONCURRENCY, IMAGE_BATCH, ImageQueue, type ImageRequest } from './image-queue';

const request = (id: number): ImageRequest => ({
  type: 'encodeImage',
  id,
  file: new Blob([String(id)]),
  name: `${id}`,
});

/** A queue whose preparations finish only when the test says so; `started` lists image ids in start order. */
function queueWithManualPrepare() {
  const started: number[] = [];
  const finish = new Map<number, (value: Error) => void>();
  const queue = new ImageQueue(async (file) => {
    const id = Number(await file.text());
    started.push(id);
    return new Promise<Error>((resolve) => finish.set(id, resolve));
  });
  return { queue, started, finish };
}

/** Lets the queue's promise chains (prepare -> settle -> start the next) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('ImageQueue', () => {
  it('decodes at most DECODE_CONCURRENCY images at once, in arrival order', async () => {
    const { queue, started, finish } = queueWithManualPrepare();
    for (let id = 1; id <= 2 * IMAGE_BATCH; id++) queue.push(request(id));
    await settle();
    expect(started).toEqual(ids(1, DECODE_CONCURRENCY));
    finish.get(2)!(new Error('done'));
    await settle();
    // A freed slot goes to the oldest image not yet started.
    expect(started).toEqual(ids(1, DECODE_CONCURRENCY + 1));
    finish.get(1)!(new Error('done'));
    finish.get(3)!(new Error('done'));
    await settle();
    expect(started).toEqual(ids(1, DECODE_CONCURRENCY + 3));
  });

  it('keeps decoding ahead while a batch runs, but no more than DECODE_AHEAD queued images', async () => {
    const { queue, started, finish } = queueWithManualPrepare();
    for (let id = 1; id <= 4 * IMAGE_BATCH; id++) queue.push(request(id));
    // Every decode finishes at once, as if each were instant: the queue still stops DECODE_AHEAD images ahead.
    for (let round = 0; round < 4 * IMAGE_BATCH; round++) {
      await settle();
      finish.forEach((resolve) => resolve(new Error('done')));
    }
    expect(started).toEqual(ids(1, DECODE_AHEAD));
    queue.take(IMAGE_BATCH);
    for (let round = 0; round < 4 * IMAGE_BATCH; round++) {
      await settle();
      finish.forEach((resolve) => resolve(new Error('done')));
    }
    expect(started).toEqual(ids(1, DECODE_AHEAD + IMAGE_BATCH));
  });

  it('images taken for a batch before their decode began still decode, before later queued ones', async () => {
    const { queue, started, finish } = queueWithManualPrepare();
    for (let id = 1; id <= 2 * IMAGE_BATCH; id++) queue.push(request(id));
    await settle();
    const batch = queue.take(IMAGE_BATCH);
    expect(batch.map((job) => job.request.id)).toEqual(ids(1, IMAGE_BATCH));
    for (let round = 0; round < IMAGE_BATCH; round++) {
      finish.forEach((resolve) => resolve(new Error('done')));
      await settle();
    }
    expect(started.slice(0, IMAGE_BATCH)).toEqual(ids(1, IMAGE_BATCH));
    const prepared = await Promise.all(batch.map((job) => job.prepared));
    expect(prepared).toHaveLength(IMAGE_BATCH);
  });

  it('hands out each image with its own preparation, in arrival order', async () => {
    const { queue, finish } = queueWithManualPrepare();
    queue.push(request(1));
    queue.push(request(2));
    const [first, second] = queue.take(IMAGE_BATCH);
    await settle();
    finish.get(2)!(new Error('second'));
    finish.get(1)!(new Error('first'));
    expect(((await first!.prepared) as Error).message).toBe('first');
    expect(((await second!.prepared) as Error).message).toBe('second');
    expect(queue.length).toBe(0);
  });

  it('a cancelled image is never decoded if it had not started', async () => {
    const { queue, started, finish } = queueWithManualPrepare();
    for (let id = 1; id <= DECODE_CONCURRENCY + 2; id++) queue.push(request(id));
    queue.remove(DECODE_CONCURRENCY + 1);
    await settle();
    finish.forEach((resolve) => resolve(new Error('done')));
    await settle();
    expect(started).toEqual([...ids(1, DECODE_CONCURRENCY), DECODE_CONCURRENCY + 2]);
    expect(queue.length).toBe(DECODE_CONCURRENCY + 1);
  });

  it('firstPrepared waits for the first image, and images posted meanwhile join its batch', async () => {
    const { queue, finish } = queueWithManualPrepare();
    queue.push(request(1));
    let ready = false;
    const waiting = queue.firstPrepared().then(() => (ready = true));
    queue.push(request(2));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ready).toBe(false);
    finish.get(1)!(new Error('decoded'));
    await waiting;
    expect(queue.take(IMAGE_BATCH).map((job) => job.request.id)).toEqual([1, 2]);
  });
});
