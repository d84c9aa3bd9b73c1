import { describe, expect, it } from 'vitest';
import type { LoadedModel, LoadRequest, WorkerReply, WorkerRequest } from '../shared/protocol';
import { ClipClient, MAX_RESTARTS, RESTART_WINDOW_MS, WorkerStoppedError } from './clip-client';
import type { ModelWorker, ModelWorkerHost } from './model-worker';

/** A worker that records what it is sent; the test answers for it, crashes it or kills it. */
class FakeWorker implements ModelWorker {
  onmessage: ModelWorker['onmessage'] = null;
  onerror: ModelWorker['onerror'] = null;
  readonly received: WorkerRequest[] = [];
  /** What `answerAll` took from `received`. */
  readonly answered: WorkerRequest[] = [];
  terminated = false;
  postedAfterEnd = 0;
  private end!: () => void;
  readonly ended = new Promise<void>((resolve) => (this.end = resolve));

  postMessage(message: WorkerRequest): void {
    if (this.terminated) this.postedAfterEnd++;
    else this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
    this.end();
  }
  reply(reply: WorkerReply): void {
    this.onmessage?.({ data: reply } as MessageEvent<WorkerReply>);
  }
  /** An uncaught exception: an error event. */
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
  /** Killed from outside: no error event, only its Web Lock goes. */
  kill(): void {
    this.terminated = true;
    this.end();
  }
  /** Answers every load it was sent, and every image with a one-number embedding. */
  answerAll(): void {
    for (const request of this.received.splice(0)) {
      this.answered.push(request);
      if (request.type === 'load') this.reply({ type: 'loaded', id: request.id, model: LOADED });
      if (request.type === 'encodeImage') {
        const embeds = new Float32Array([request.id]);
        this.reply({ type: 'imageBatch', id: 0, replies: [{ type: 'imageEmbeds', id: request.id, embeds, ...IMAGE }] });
      }
    }
  }
}

const LOADED: LoadedModel = {
  backend: 'wasm',
  dtype: 'q8',
  fromCache: false,
  threads: 1,
  embedDim: 1,
  notice: '',
  dtypes: ['q8'],
};
const IMAGE = { thumbnail: new Blob([]), width: 1, height: 1 };
const LOAD: Omit<LoadRequest, 'type' | 'id'> = {
  modelUrl: 'https://example.test/m/',
  useCache: false,
  backend: 'wasm',
  dtypes: ['q8'],
  wasmDtype: 'q8',
  padTo: 0,
};

function fakeHost() {
  const workers: FakeWorker[] = [];
  const clock = { now: 0 };
  const host: ModelWorkerHost = {
    spawn: () => {
      workers.push(new FakeWorker());
      return workers.at(-1)!;
    },
    ended: async () => {
      const worker = workers.at(-1)!; // asked once the newest worker has spoken
      await worker.ended;
    },
    now: () => clock.now,
  };
  return { host, workers, clock, current: () => workers.at(-1)! };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function loadedClient() {
  const fake = fakeHost();
  const client = new ClipClient(fake.host);
  const stops: string[] = [];
  client.onStopped = (message) => stops.push(message);
  const loaded = client.load(LOAD, () => {});
  fake.current().answerAll();
  await loaded;
  return { ...fake, client, stops };
}

describe('ClipClient requests', () => {
  it('names the CLIP kind in its load, and the worker host starts that kind', async () => {
    const { workers } = await loadedClient();
    expect(workers[0]!.answered[0]).toMatchObject({ type: 'load', kind: 'clip', modelUrl: LOAD.modelUrl });
  });
});

describe('ClipClient restarts', () => {
  it('re-sends pending work to a fresh worker after a crash, and the caller gets its answer', async () => {
    const { client, workers, current } = await loadedClient();
    const answer = client.encodeImage(new Blob([]), 'a.png');
    current().crash('boom');
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(current().received.map((r) => r.type)).toEqual(['load', 'encodeImage']);
    current().answerAll();
    expect((await answer).embeds.length).toBe(1);
  });

  it('restarts a worker that was killed without an error event (its lock released)', async () => {
    const { workers, current } = await loadedClient();
    current().kill();
    await settle();
    expect(workers).toHaveLength(2);
    expect(current().received.map((r) => r.type)).toEqual(['load']);
  });

  it('ignores messages and errors from a worker it replaced', async () => {
    const { client, workers, current } = await loadedClient();
    const answer = client.encodeImage(new Blob([]), 'a.png');
    const old = current();
    old.crash('first');
    old.crash('again');
    expect(workers).toHaveLength(2);
    const id = current().received[1]!.id;
    old.reply({ type: 'error', id, message: 'from the dead' });
    current().answerAll();
    await expect(answer).resolves.toBeDefined();
  });

  it(`gives up after ${MAX_RESTARTS} restarts within the window: pending and later requests fail at once`, async () => {
    const { client, workers, current, stops, clock } = await loadedClient();
    for (let i = 0; i < MAX_RESTARTS; i++) {
      clock.now += 1000;
      current().answerAll();
      current().crash(`crash ${i}`);
    }
    expect(workers).toHaveLength(MAX_RESTARTS + 1);
    const pending = client.encodeImage(new Blob([]), 'a.png');
    current().crash('once more');
    await expect(pending).rejects.toBeInstanceOf(WorkerStoppedError);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatch(/Press Restart/);
    expect(workers).toHaveLength(MAX_RESTARTS + 1); // no new worker
    await expect(client.encodeImage(new Blob([]), 'b.png')).rejects.toBeInstanceOf(WorkerStoppedError);
    await expect(client.encodeTexts(['x'])).rejects.toBeInstanceOf(WorkerStoppedError);
    expect(workers.every((w) => w.postedAfterEnd === 0)).toBe(true); // nothing sent to a dead worker
  });

  it('keeps restarting a worker whose deaths are spread out (a healthy period earns the budget back)', async () => {
    const { client, workers, current, stops, clock } = await loadedClient();
    for (let i = 0; i < 3 * MAX_RESTARTS; i++) {
      clock.now += RESTART_WINDOW_MS / (MAX_RESTARTS - 1);
      current().answerAll();
      current().crash(`crash ${i}`);
    }
    expect(stops).toEqual([]);
    expect(workers).toHaveLength(3 * MAX_RESTARTS + 1);
    const answer = client.encodeImage(new Blob([]), 'a.png');
    current().answerAll();
    await expect(answer).resolves.toBeDefined();
  });

  it('revive starts a fresh worker with a full budget, and requests work again', async () => {
    const { client, workers, current, clock } = await loadedClient();
    for (let i = 0; i <= MAX_RESTARTS; i++) current().crash(`crash ${i}`);
    await expect(client.encodeTexts(['x'])).rejects.toBeInstanceOf(WorkerStoppedError);
    const before = workers.length;
    client.revive();
    expect(workers).toHaveLength(before + 1);
    const loaded = client.load(LOAD, () => {});
    current().answerAll();
    await expect(loaded).resolves.toMatchObject({ backend: 'wasm' });
    const answer = client.encodeImage(new Blob([]), 'a.png');
    current().answerAll();
    await expect(answer).resolves.toBeDefined();
    clock.now += 1;
    current().crash('after revive'); // restarted again: the budget is full
    expect(workers).toHaveLength(before + 2);
  });

  it('does not forgive restarts while the re-sent work keeps killing the worker, however slowly', async () => {
    const { client, workers, current, stops, clock } = await loadedClient();
    const poison = client.encodeImage(new Blob([]), 'poison.png');
    for (let i = 0; i <= MAX_RESTARTS; i++) {
      clock.now += 2 * RESTART_WINDOW_MS; // each start takes longer than the window
      current().crash(`crash ${i}`); // dies on the re-sent image, before answering it
    }
    await expect(poison).rejects.toBeInstanceOf(WorkerStoppedError);
    expect(stops).toHaveLength(1);
    expect(workers).toHaveLength(MAX_RESTARTS + 1);
  });
});
