// The session over the real GeneratorClient and a fake generator worker: the client's restart and stop reach the
// cards as the Describe view promises.
import { describe, expect, it } from 'vitest';
import { GeneratorClient } from '../../client/generator-client';
import { settle, until } from '../session/fake-worker-host';
import type { DescribeImageState } from './describe-types';
import { FakeGeneratorHost } from './fake-generator-host';
import { GeneratorSession, type GeneratorStatus } from './generator-session';

function workerFixture() {
  const host = new FakeGeneratorHost();
  const seen = {
    byImage: {} as Record<string, DescribeImageState>,
    captions: [] as string[],
    status: undefined as GeneratorStatus | undefined,
  };
  const session = new GeneratorSession({
    makeClient: () => new GeneratorClient(host),
    modelId: 'clipscope-mini-prefixlm',
    loadParams: () => ({ modelUrl: 'https://site.test/m/', useCache: false, backend: 'auto', dtype: 'fp32' }),
    source: {
      images: () => [{ id: 'a', name: 'a.png', file: new Blob(['a']) }],
      inputs: () => ({ question: '', prefix: '', beams: 1, labels: ['red star'], template: 'a photo of a {}.' }),
    },
    sink: {
      status: (status) => (seen.status = status),
      describe: (byImage) => {
        seen.byImage = byImage;
        const text = byImage.a?.caption?.text;
        if (text !== undefined && seen.captions.at(-1) !== text) seen.captions.push(text);
      },
      speed: () => {},
      paused: () => {},
    },
  });
  return { host, seen, session };
}

/** The generation the current worker holds. */
const generateId = (host: FakeGeneratorHost) => [...host.current().held.keys()][0];

describe('GeneratorSession over the real client', () => {
  it('a worker killed mid-caption is restarted: the caption starts over, streams again and ends done', async () => {
    const { host, seen, session } = workerFixture();
    host.holding = true;
    session.open();
    await until(() => generateId(host) !== undefined);
    const id = generateId(host)!;
    host.current().step(id);
    host.current().step(id);
    expect(seen.byImage.a?.caption).toMatchObject({ state: 'streaming', text: 'a red' });
    host.holding = false;
    host.current().kill();
    await until(() => seen.byImage.a?.caption?.state === 'done');
    expect(host.workers).toHaveLength(2);
    expect(seen.captions).toEqual(['', 'a', 'a red', 'a', 'a red', 'a red star', 'a red star a']);
    expect(seen.status).toMatchObject({ phase: 'ready', model: { notice: /restarted/ } });
    await until(() => seen.byImage.a?.likelihood?.state === 'done');
  });

  it('Stop reaches the worker as a cancel, and the caption keeps the words so far', async () => {
    const { host, seen, session } = workerFixture();
    host.holding = true;
    session.open();
    await until(() => generateId(host) !== undefined);
    host.current().step(generateId(host)!);
    session.stopGeneration();
    await until(() => seen.byImage.a?.caption?.state === 'done');
    expect(seen.byImage.a?.caption).toMatchObject({ text: 'a', stopped: true });
    expect(host.current().received.some((m) => m.type === 'cancel')).toBe(true);
    await settle();
  });

  it('a worker that keeps dying ends the card in an error naming Restart, and Restart describes it', async () => {
    const { host, seen, session } = workerFixture();
    host.holding = true;
    session.open();
    for (let kills = 0; kills < 8 && seen.status?.phase !== 'error'; kills++) {
      await until(() => generateId(host) !== undefined);
      host.current().kill();
      await until(() => seen.status?.phase === 'error' || generateId(host) === undefined);
    }
    expect(seen.status).toMatchObject({ phase: 'error', kind: 'worker-stopped', actions: ['restart'] });
    expect(seen.byImage.a?.caption).toMatchObject({ state: 'error', message: /Restart/ });
    host.holding = false;
    session.retry();
    await until(() => seen.byImage.a?.caption?.state === 'done');
    expect(seen.byImage.a?.caption?.text).toBe('a red star a');
  });
});
