import { describe, expect, it } from 'vitest';
import type { GeneratorRequests, LoadedGenerator } from '../shared/generator-protocol';
import type { ClientMessage, WorkerMessage } from '../shared/protocol';
import { GENERATOR_WORKER_PREFIX, GeneratorClient } from './generator-client';
import type { ModelWorker, ModelWorkerHost } from './model-worker';

type Sent = ClientMessage<GeneratorRequests>;
type Reply = WorkerMessage<GeneratorRequests>;

/** A generator worker that records what it is sent; the test answers for it or kills it. */
class FakeWorker implements ModelWorker<GeneratorRequests> {
  onmessage: ModelWorker<GeneratorRequests>['onmessage'] = null;
  onerror: ModelWorker<GeneratorRequests>['onerror'] = null;
  readonly received: Sent[] = [];
  private end!: () => void;
  readonly ended = new Promise<void>((resolve) => (this.end = resolve));

  constructor(readonly name: string) {}
  postMessage(message: Sent): void {
    this.received.push(message);
  }
  terminate(): void {
    this.end();
  }
  reply(reply: Reply): void {
    this.onmessage?.({ data: reply } as MessageEvent<Reply>);
  }
  kill(): void {
    this.end();
  }
  idOf(type: Sent['type']): number {
    return this.received.find((m) => m.type === type)!.id;
  }
}

const LOADED: LoadedGenerator = {
  backend: 'wasm',
  notice: '',
  dtype: 'fp32',
  fromCache: false,
  threads: 1,
  maxTokens: 32,
};
const TIMES = { firstTokenMs: 5, tokensPerSecond: 10, imageMs: 3 };
const IMAGE = { imageKey: 'a', image: new Blob([]), prefix: '', maxTokens: 32, beams: 1 };

function fakeHost() {
  const workers: FakeWorker[] = [];
  const host: ModelWorkerHost<GeneratorRequests> = {
    spawn: (name) => (workers.push(new FakeWorker(name)), workers.at(-1)!),
    ended: async () => workers.at(-1)!.ended,
    now: () => 0,
  };
  return { host, workers };
}

async function loaded() {
  const { host, workers } = fakeHost();
  const client = new GeneratorClient(host);
  const load = client.load({ modelUrl: '/models/x/', useCache: false, backend: 'auto', dtype: 'fp32' }, () => {});
  workers[0]!.reply({ type: 'loaded', id: workers[0]!.idOf('load'), model: LOADED });
  await load;
  return { client, workers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GeneratorClient', () => {
  it('runs in its own worker, named apart from the CLIP workers, and loads the generator kind', async () => {
    const { workers } = await loaded();
    expect(workers[0]!.name.startsWith(GENERATOR_WORKER_PREFIX)).toBe(true);
    expect(workers[0]!.received[0]).toMatchObject({ type: 'load', kind: 'generator', dtype: 'fp32' });
  });

  it('streams the whole text so far and settles with the reply; stop sends cancel with the id it returned', async () => {
    const { client, workers } = await loaded();
    const texts: string[] = [];
    const { id, done } = client.generate(IMAGE, (u) => texts.push(u.text));
    const sent = workers[0]!.received.at(-1)!;
    expect(sent).toMatchObject({ type: 'generate', id, kvCache: true, beams: 1 });
    workers[0]!.reply({ type: 'update', id, update: { text: 'a', tokenIds: [4] } });
    client.stop(id);
    expect(workers[0]!.received.at(-1)).toEqual({ type: 'cancel', id });
    workers[0]!.reply({ type: 'generated', id, text: 'a', tokenIds: [4], stopped: true, ...TIMES });
    await expect(done).resolves.toEqual({ text: 'a', tokenIds: [4], stopped: true, ...TIMES });
    expect(texts).toEqual(['a']);
    // A reply to an answered request (stale) changes nothing.
    workers[0]!.reply({ type: 'update', id, update: { text: 'a b', tokenIds: [4, 5] } });
    expect(texts).toEqual(['a']);
  });

  it('re-sends a generation in flight after the worker is killed, and its reply then settles it', async () => {
    const { client, workers } = await loaded();
    const texts: string[] = [];
    const { id, done } = client.generate(IMAGE, (u) => texts.push(u.text));
    workers[0]!.reply({ type: 'update', id, update: { text: 'a red', tokenIds: [4, 5] } });
    workers[0]!.kill();
    await settle();
    expect(workers).toHaveLength(2);
    const resent = workers[1]!.received.map((m) => m.type);
    expect(resent).toEqual(['load', 'generate']);
    expect(workers[1]!.idOf('generate')).toBe(id);
    // The old worker's late messages are ignored.
    workers[0]!.reply({ type: 'update', id, update: { text: 'a red star', tokenIds: [4, 5, 6] } });
    workers[1]!.reply({ type: 'update', id, update: { text: 'a', tokenIds: [4] } });
    workers[1]!.reply({ type: 'generated', id, text: 'a blue star', tokenIds: [4, 7, 6], stopped: false, ...TIMES });
    expect(texts).toEqual(['a red', 'a']);
    await expect(done).resolves.toMatchObject({ text: 'a blue star', stopped: false });
  });

  it('a generation stopped before the worker died is re-sent with its cancel', async () => {
    const { client, workers } = await loaded();
    const { id, done } = client.generate(IMAGE, () => {});
    client.stop(id);
    workers[0]!.kill();
    await settle();
    expect(
      workers[1]!.received.map((m) => `${m.type} ${m.type === 'cancel' || m.type === 'generate' ? m.id : ''}`),
    ).toEqual(['load ', `generate ${id}`, `cancel ${id}`]);
    workers[1]!.reply({ type: 'generated', id, text: '', tokenIds: [], stopped: true, ...TIMES });
    await expect(done).resolves.toMatchObject({ text: '', stopped: true });
  });

  it('scores labels (batched unless told otherwise) and forgets images', async () => {
    const { client, workers } = await loaded();
    const scores = client.scoreLabels({
      imageKey: 'a',
      image: new Blob([]),
      prefix: 'a photo of a',
      labels: ['x', 'y'],
    });
    const request = workers[0]!.received.at(-1)!;
    expect(request).toMatchObject({ type: 'scoreLabels', batched: true, labels: ['x', 'y'] });
    const meanLogProbs = Float32Array.of(-1, -2);
    workers[0]!.reply({ type: 'labelScores', id: request.id, meanLogProbs, tokenCounts: [1, 1] });
    await expect(scores).resolves.toEqual({ meanLogProbs, tokenCounts: [1, 1] });
    const forgetting = client.forgetImages(['a']);
    const forget = workers[0]!.received.at(-1)!;
    expect(forget).toMatchObject({ type: 'forgetImages', imageKeys: ['a'] });
    workers[0]!.reply({ type: 'forgotten', id: forget.id });
    await expect(forgetting).resolves.toBeUndefined();
  });
});
