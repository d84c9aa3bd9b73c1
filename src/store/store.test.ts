import { describe, expect, it } from 'vitest';
import { currentPrompts, selectLabelMatrix } from './selectors';
import { createAppStore } from './store';

describe('app store', () => {
  it('turns the editor text and template into prompts', () => {
    const store = createAppStore();
    store.getState().setLabelsText('cat\n\ndog\ncat');
    store.getState().setTemplate('a {} photo');
    expect(currentPrompts(store.getState())).toEqual(['a cat photo', 'a dog photo']);
  });

  it('scores only labels whose prompt is encoded, and reuses the cache across edits', () => {
    const store = createAppStore();
    store.getState().setLabelsText('cat\ndog');
    store.getState().addTextEmbeds(['a photo of a dog.'], new Float32Array([1, 2]));
    let matrix = selectLabelMatrix(store.getState());
    expect(matrix.labels).toEqual(['dog']);
    expect(Array.from(matrix.embeds)).toEqual([1, 2]);
    expect(matrix.pending).toBe(1);
    store.getState().addTextEmbeds(['a photo of a cat.', 'a photo of a bird.'], new Float32Array([3, 4, 5, 6]));
    store.getState().setLabelsText('bird\ncat\ndog');
    matrix = selectLabelMatrix(store.getState());
    expect(matrix.labels).toEqual(['bird', 'cat', 'dog']);
    expect(Array.from(matrix.embeds)).toEqual([5, 6, 3, 4, 1, 2]);
    expect(matrix.pending).toBe(0);
    expect(selectLabelMatrix(store.getState())).toBe(matrix);
  });

  it('tracks images and drops removed ones', () => {
    const store = createAppStore();
    const file = new Blob(['x']);
    store.getState().addImages([
      { id: 'a', name: 'a.png', file, state: 'queued' },
      { id: 'b', name: 'b.png', file, state: 'queued' },
    ]);
    store.getState().updateImage('a', { state: 'error', error: 'broken' });
    store.getState().removeImage('b');
    expect(store.getState().images).toEqual([{ id: 'a', name: 'a.png', file, state: 'error', error: 'broken' }]);
    store.getState().clearImages();
    expect(store.getState().images).toEqual([]);
  });

  it('marks each model load with a new generation so stale replies can be dropped', () => {
    const store = createAppStore();
    const first = store.getState().startLoading();
    const second = store.getState().startLoading();
    expect(second).toBeGreaterThan(first);
    store.getState().setModelError('offline');
    expect(store.getState().modelState).toBe('error');
  });

  it('a new load re-queues images the stopped worker failed, but not images that cannot be decoded', () => {
    const store = createAppStore();
    const file = new Blob(['x']);
    store.getState().addImages([
      { id: 'a', name: 'a.png', file, state: 'error', error: 'not an image' },
      { id: 'b', name: 'b.png', file, state: 'error', error: 'model stopped', modelStopped: true },
    ]);
    store.getState().setWorkerStopped('The model worker stopped. Press Restart.');
    expect(store.getState().modelErrorKind).toBe('worker-stopped');
    store.getState().forgetEmbeddings();
    expect(store.getState().images.map((i) => [i.id, i.state, i.modelStopped])).toEqual([
      ['a', 'error', undefined],
      ['b', 'queued', undefined],
    ]);
    store.getState().setModelError('offline');
    expect(store.getState().modelErrorKind).toBe('load');
  });
});
