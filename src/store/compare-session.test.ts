import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID } from '../model/catalogue';
import type { LoadedModel } from '../shared/protocol';
import { ComparisonSession } from './compare-session';
import { createAppStore } from './store';

const LOADED: LoadedModel = {
  backend: 'wasm',
  dtype: 'q8',
  fromCache: false,
  threads: 1,
  embedDim: 2,
  notice: '',
  dtypes: ['q8'],
};

// A model from the host (the bundled one needs a page to resolve its path).
/** A comparison client whose load waits until the test releases it; texts encode to [index, 1] rows. */
function fakeClient() {
  let release: (model: LoadedModel) => void = () => {};
  const client = {
    disposed: false,
    encoded: [] as string[],
    onStopped: (_message: string) => {},
    load: () => new Promise<LoadedModel>((resolve) => (release = resolve)),
    encodeTexts: async (prompts: string[]) => {
      client.encoded.push(...prompts);
      return Float32Array.from(prompts.flatMap((_, i) => [i, 1]));
    },
    encodeImage: async () => ({ embeds: new Float32Array([1, 0]) }),
    dispose: () => void (client.disposed = true),
  };
  return { client, release: (model: LoadedModel) => release(model) };
}

describe('ComparisonSession', () => {
  it('loads, then encodes the current labels with its own client into the comparison embeddings', async () => {
    const store = createAppStore();
    store.getState().setCompare({ compareModelId: DEFAULT_MODEL_ID });
    store.getState().setLabelsText('cat\ndog');
    const { client, release } = fakeClient();
    const started = new ComparisonSession(store, client as never).start();
    expect(store.getState().compareStatus).toMatchObject({ phase: 'loading', modelId: DEFAULT_MODEL_ID });
    release(LOADED);
    await started;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().compareStatus).toEqual({ phase: 'ready', modelId: DEFAULT_MODEL_ID, model: LOADED });
    expect([...store.getState().compareTextEmbeds.keys()].sort()).toEqual(client.encoded.sort());
    expect(store.getState().textEmbeds.size).toBe(0);
  });

  it('once stopped, drops a late load answer, disposes its client and leaves the comparison off', async () => {
    const store = createAppStore();
    store.getState().setCompare({ compareModelId: DEFAULT_MODEL_ID });
    const { client, release } = fakeClient();
    const session = new ComparisonSession(store, client as never);
    const started = session.start();
    session.stop();
    release(LOADED);
    await started;
    expect(client.disposed).toBe(true);
    expect(store.getState().compareStatus).toEqual({ phase: 'idle' });
    expect(client.encoded).toEqual([]);
  });
});
