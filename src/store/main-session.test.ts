import { describe, expect, it } from 'vitest';
import { ClipClient } from '../client/clip-client';
import { createMainSession } from './main-session';
import { FakeWorkerHost, loadOf, settle, until } from './session/fake-worker-host';
import { createAppStore } from './store';

describe('the main model session', () => {
  it('writes its status, the label embeddings and each image result into the store', async () => {
    const store = createAppStore();
    const host = new FakeWorkerHost();
    const session = createMainSession(store, () => new ClipClient(host));
    store.getState().setLabelsText('red\nblue');
    store.getState().addImages([{ id: 'img-1', name: 'a.png', file: new Blob(['a']), state: 'queued' }]);
    const loading = session.load({ modelId: 'Xenova/clip-vit-base-patch32', request: loadOf(1) });
    expect(store.getState().modelStatus.phase).toBe('loading');
    expect(store.getState().modelStatus.phase).toBe('loading');
    await loading;
    await until(() => store.getState().images[0]!.state === 'done' && store.getState().textEmbeds.size === 2);
    expect(store.getState().modelStatus).toMatchObject({ phase: 'ready', modelId: 'Xenova/clip-vit-base-patch32' });
    expect(store.getState().modelStatus.phase).toBe('ready');
    expect(store.getState().scoringRule).toMatchObject({ kind: 'softmax' });
    expect(Array.from(store.getState().images[0]!.embeds!)).toEqual([1, expect.any(Number)]);
  });

  it('an image the model could not read stays failed, also after another model loads', async () => {
    const store = createAppStore();
    const host = new FakeWorkerHost();
    const session = createMainSession(store, () => new ClipClient(host));
    await session.load({ modelId: 'm', request: loadOf(1) });
    host.current().failNext.set('encodeImage', 'That file is not an image.');
    store.getState().addImages([{ id: 'img-1', name: 'a.png', file: new Blob(['a']), state: 'queued' }]);
    session.syncImages();
    await until(() => store.getState().images[0]!.state === 'error');
    session.syncImages();
    await session.load({ modelId: 'm', request: loadOf(2) });
    await settle();
    expect(store.getState().images[0]).toMatchObject({ state: 'error', error: 'That file is not an image.' });
    expect(host.workers.flatMap((w) => w.received).filter((r) => r.type === 'encodeImage')).toHaveLength(1);
  });
});
