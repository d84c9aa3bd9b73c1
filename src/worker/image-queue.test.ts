import { describe, expect, it } from 'vitest';
import { IMAGE_BATCH, ImageQueue, type ImageRequest } from './image-queue';

const request = (id: number): ImageRequest => ({
  type: 'encodeImage',
  id,
  file: new Blob([String(id)]),
  name: `${id}`,
});

/** A queue whose preparations finish only when the test says so. */
function queueWithManualPrepare() {
  const started: Blob[] = [];
  const finish: ((value: Error) => void)[] = [];
  const queue = new ImageQueue((file) => {
    started.push(file);
    return new Promise<Error>((resolve) => finish.push(resolve));
  });
  return { queue, started, finish };
}

describe('ImageQueue', () => {
  it('starts preparing each image as it arrives, up to two batches ahead', () => {
    const { queue, started } = queueWithManualPrepare();
    for (let id = 1; id <= 3 * IMAGE_BATCH; id++) queue.push(request(id));
    expect(started).toHaveLength(2 * IMAGE_BATCH);
    const batch = queue.take(IMAGE_BATCH);
    expect(batch.map((job) => job.request.id)).toEqual(Array.from({ length: IMAGE_BATCH }, (_, i) => i + 1));
    // Taking a batch lets the next images start, so two batches stay in preparation.
    expect(started).toHaveLength(3 * IMAGE_BATCH);
    expect(queue.length).toBe(2 * IMAGE_BATCH);
  });

  it('hands out each image with its own preparation, in arrival order', async () => {
    const { queue, finish } = queueWithManualPrepare();
    queue.push(request(1));
    queue.push(request(2));
    const [first, second] = queue.take(IMAGE_BATCH);
    finish[1]!(new Error('second'));
    finish[0]!(new Error('first'));
    expect(((await first!.prepared) as Error).message).toBe('first');
    expect(((await second!.prepared) as Error).message).toBe('second');
    expect(queue.length).toBe(0);
  });

  it('firstPrepared waits for the first image, and images posted meanwhile join its batch', async () => {
    const { queue, finish } = queueWithManualPrepare();
    queue.push(request(1));
    let ready = false;
    const waiting = queue.firstPrepared().then(() => (ready = true));
    queue.push(request(2));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ready).toBe(false);
    finish[0]!(new Error('decoded'));
    await waiting;
    expect(queue.take(IMAGE_BATCH).map((job) => job.request.id)).toEqual([1, 2]);
  });
});
