import { describe, expect, it } from 'vitest';
import { currentPrompts, selectLabelMatrix } from './selectors';
import { advanceLoad, loadingStatus } from './model-status';
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

  it('merges labels whose prompts tokenize identically into the first one, and says which', () => {
    const store = createAppStore();
    store.getState().setLabelsText('Cat\ndog\ncat\nCAT');
    store
      .getState()
      .addTextEmbeds(
        ['a photo of a Cat.', 'a photo of a dog.', 'a photo of a cat.', 'a photo of a CAT.'],
        new Float32Array([1, 2, 3, 4, 1, 2, 1, 2]),
        [
          '49406 320 1125 539 320 2368 269 49407',
          '49406 320 1125 539 320 1929 269 49407',
          '49406 320 1125 539 320 2368 269 49407',
          '49406 320 1125 539 320 2368 269 49407',
        ],
      );
    const matrix = selectLabelMatrix(store.getState());
    expect(matrix.labels).toEqual(['Cat', 'dog']);
    expect(Array.from(matrix.embeds)).toEqual([1, 2, 3, 4]);
    expect(matrix.merged).toEqual([{ label: 'Cat', same: ['cat', 'CAT'] }]);
    expect(matrix.pending).toBe(0);
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

  it('counts a new load once, not each progress step of it, so the announcer starts afresh per load', () => {
    const store = createAppStore();
    const first = store.getState().generation;
    const loading = loadingStatus('a', 1000);
    store.getState().setModelStatus(loading);
    store.getState().setModelStatus(advanceLoad(loading, { kind: 'warming-up', stepsDone: 0, stepsTotal: 1 }, 1500));
    expect(store.getState().generation).toBe(first + 1);
    store.getState().setModelStatus(loadingStatus('b', 2000));
    expect(store.getState().generation).toBe(first + 2);
    expect(store.getState().modelStatus).toMatchObject({ phase: 'loading', modelId: 'b', step: { kind: 'starting' } });
    store.getState().setModelStatus({ phase: 'error', modelId: 'b', kind: 'load', message: 'offline', actions: [] });
    expect(store.getState().modelStatus.phase).toBe('error');
    expect(store.getState().generation).toBe(first + 2);
  });

  it('a new load re-queues images the stopped worker failed, but not images that cannot be decoded', () => {
    const store = createAppStore();
    const file = new Blob(['x']);
    store.getState().addImages([
      { id: 'a', name: 'a.png', file, state: 'error', error: 'not an image' },
      { id: 'b', name: 'b.png', file, state: 'error', error: 'model stopped', modelStopped: true },
    ]);
    store.getState().forgetEmbeddings();
    expect(store.getState().images.map((i) => [i.id, i.state, i.modelStopped])).toEqual([
      ['a', 'error', undefined],
      ['b', 'queued', undefined],
    ]);
  });
});
