// The generic client with a second protocol, shaped like the generator kind to come: a request that streams updates
// (tokens) before its reply. Shows that a kind's client needs only its map and one line per method.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { LoadPhase } from '../shared/load-phase';
import type { ClientMessage, KindLoad, KindLoaded, WorkerMessage } from '../shared/protocol';
import type { CheckedMap, Exchange } from '../shared/request-map';
import type { ModelWorker, ModelWorkerHost } from './model-worker';
import { WorkerClient } from './worker-client';

type TextRequests = CheckedMap<
  {
    load: Exchange<KindLoad & { modelUrl: string }, { type: 'loaded'; id: number; model: KindLoaded }, LoadPhase>;
    generate: Exchange<
      { type: 'generate'; id: number; prompt: string },
      { type: 'generated'; id: number; text: string },
      { token: string }
    >;
    embedPixels: Exchange<{ type: 'embedPixels'; id: number; pixels: ImageBitmap }, { type: 'pixelsDone'; id: number }>;
  },
  'error' | 'update'
>;

class TextClient extends WorkerClient<TextRequests> {
  load(modelUrl: string) {
    return this.request('load', { kind: 'clip', backend: 'auto', modelUrl }); // 'clip': the one kind name so far
  }
  generate(prompt: string, onToken: (token: string) => void) {
    return this.request('generate', { prompt }, ({ token }) => onToken(token));
  }
  embedPixels(pixels: ImageBitmap) {
    return this.request('embedPixels', { pixels }, undefined, [pixels as unknown as Transferable]);
  }
}

class FakeWorker implements ModelWorker<TextRequests> {
  onmessage: ModelWorker<TextRequests>['onmessage'] = null;
  onerror: ModelWorker<TextRequests>['onerror'] = null;
  readonly received: ClientMessage<TextRequests>[] = [];
  postMessage(message: ClientMessage<TextRequests>): void {
    this.received.push(message);
  }
  terminate(): void {}
  send(message: WorkerMessage<TextRequests>): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerMessage<TextRequests>>);
  }
}

function textClient() {
  const workers: FakeWorker[] = [];
  const host: ModelWorkerHost<TextRequests> = {
    spawn: () => (workers.push(new FakeWorker()), workers.at(-1)!),
    ended: () => new Promise(() => {}),
    now: () => 0,
  };
  return { client: new TextClient(host), workers, current: () => workers.at(-1)! };
}

describe('WorkerClient with another kind of protocol', () => {
  it('streams a request’s updates to its caller, then resolves with the reply its map names', async () => {
    const { client, current } = textClient();
    const tokens: string[] = [];
    const reply = client.generate('a red', (token) => tokens.push(token));
    expectTypeOf(reply).toEqualTypeOf<Promise<{ type: 'generated'; id: number; text: string }>>();
    const { id } = current().received[0]!;
    current().send({ type: 'update', id, update: { token: ' circle' } });
    current().send({ type: 'update', id: id + 1, update: { token: 'stale' } }); // nobody asked: dropped
    current().send({ type: 'update', id, update: { token: '.' } });
    current().send({ type: 'generated', id, text: 'a red circle.' });
    await expect(reply).resolves.toEqual({ type: 'generated', id, text: 'a red circle.' });
    expect(tokens).toEqual([' circle', '.']);
  });

  it('on a WebGPU failure re-sends the load first, on WASM, then pending work; transferred payloads fail', async () => {
    const { client, workers, current } = textClient();
    const loaded = client.load('https://example.test/m/');
    const first = current();
    first.send({ type: 'loaded', id: first.received[0]!.id, model: { backend: 'webgpu', notice: '' } });
    await loaded;
    const text = client.generate('hi', () => {});
    const pixels = client.embedPixels({} as ImageBitmap);
    const moved: [string, string][] = [];
    client.onBackendChanged = (backend, notice) => moved.push([backend, notice]);
    first.send({ type: 'webgpuFailed', id: 0, reason: 'WebGPU failed while running: lost' });
    expect(workers).toHaveLength(2);
    expect(current().received.map((m) => m.type)).toEqual(['load', 'generate']);
    expect(current().received[0]).toMatchObject({ kind: 'clip', backend: 'wasm', modelUrl: 'https://example.test/m/' });
    await expect(pixels).rejects.toThrow(/dropped while the model restarted/);
    current().send({ type: 'loaded', id: current().received[0]!.id, model: { backend: 'wasm', notice: '' } });
    expect(moved).toEqual([
      ['wasm', 'WebGPU failed while running: lost. The model now runs on WASM (CPU); pending work was re-run.'],
    ]);
    current().send({ type: 'generated', id: current().received[1]!.id, text: 'hello' });
    await expect(text).resolves.toMatchObject({ text: 'hello' });
  });

  it('an error reply rejects with its words', async () => {
    const { client, current } = textClient();
    const reply = client.generate('x', () => {});
    current().send({ type: 'error', id: current().received[0]!.id, message: 'No model is loaded yet.' });
    await expect(reply).rejects.toThrow('No model is loaded yet.');
  });
});
