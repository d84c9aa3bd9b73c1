import { describe, expect, it } from 'vitest';
import { ClipClient } from '../client/clip-client';
import { DEFAULT_MODEL_ID } from '../model/catalogue/catalogue';
import { FakeWorkerHost, settle, until } from './session/fake-worker-host';
import { ComparisonSession } from './compare-session';
import { createAppStore } from './store';

// A model from the host (the bundled one needs a page to resolve its path); the fake worker answers for it.
function setUp() {
  const store = createAppStore();
  store.getState().setCompare({ compareModelId: DEFAULT_MODEL_ID });
  store.getState().setLabelsText('cat\ndog');
  const host = new FakeWorkerHost();
  const comparison = new ComparisonSession(store, () => new ClipClient(host));
  return { store, host, comparison };
}

describe('ComparisonSession', () => {
  it('loads, then encodes the current labels and images with its own worker into the comparison embeddings', async () => {
    const { store, host, comparison } = setUp();
    store.getState().addImages([{ id: 'img-1', name: 'a.png', file: new Blob(['a']), state: 'queued' }]);
    host.holding = true;
    const started = comparison.start();
    expect(store.getState().compareStatus.phase).toBe('loading');
    expect(store.getState().compareStatus.phase).toBe('loading');
    host.holding = false;
    host.current().release();
    await started;
    await until(() => store.getState().compareImageEmbeds.size === 1 && store.getState().compareTextEmbeds.size === 2);
    expect(store.getState().compareStatus).toMatchObject({ phase: 'ready', modelId: DEFAULT_MODEL_ID });
    expect(store.getState().compareStatus.phase).toBe('ready');
    expect(store.getState().compareRule).toBeDefined();
    expect(store.getState().textEmbeds.size).toBe(0); // the main model's cache is untouched
    store.getState().setLabelsText('cat\ndog\nbird');
    await until(() => store.getState().compareTextEmbeds.size === 3);
  });

  it('once stopped, drops a late load answer, ends its worker and leaves the comparison off', async () => {
    const { store, host, comparison } = setUp();
    host.holding = true;
    const started = comparison.start();
    comparison.stop();
    host.current().release();
    await started;
    expect(host.current().terminated).toBe(true);
    expect(store.getState().compareStatus).toEqual({ phase: 'idle' });
  });

  it('drops label and image answers that arrive after stop', async () => {
    const { store, host, comparison } = setUp();
    await comparison.start();
    await until(() => store.getState().compareTextEmbeds.size === 2);
    host.holding = true;
    store.getState().setLabelsText('cat\ndog\nbird');
    store.getState().addImages([{ id: 'img-1', name: 'a.png', file: new Blob(['a']), state: 'queued' }]);
    await until(() => host.current().held.length === 2);
    comparison.stop();
    host.holding = false;
    host.current().release(); // the ended worker's work: nothing of it may reach the comparison
    await settle();
    expect([...store.getState().compareTextEmbeds.keys()].sort()).toEqual(['a photo of a cat.', 'a photo of a dog.']);
    expect(store.getState().compareImageEmbeds.size).toBe(0);
    expect(store.getState().compareStatus.phase).toBe('idle');
  });

  it('a comparison model that keeps dying ends in an error that says to press Compare', async () => {
    const { store, host, comparison } = setUp();
    await comparison.start();
    for (let i = 0; i < 4; i++) {
      const before = host.workers.length;
      host.current().kill();
      if (i < 3) await until(() => host.workers.length === before + 1);
    }
    await until(() => store.getState().compareStatus.phase === 'error');
    expect(store.getState().compareStatus).toMatchObject({ kind: 'worker-stopped', actions: ['restart'] });
    const status = store.getState().compareStatus;
    expect(status.phase === 'error' && status.message).toMatch(/Press Compare/);
  });
});
