import { describe, expect, it } from 'vitest';
import { ENSEMBLE_TEMPLATES } from '../model/text/prompt-templates';
import { ensemblePrompts, ensembleLabelMatrix, searchRanking, wantedPrompts } from './explore-selectors';
import { createAppStore } from './store';

describe('explore selectors', () => {
  it('asks for the search query and, on the ensemble tab, every template of every label', () => {
    const store = createAppStore();
    store.getState().setLabelsText('cat\ndog');
    store.getState().setSearchQuery('  a   fluffy cat ');
    expect(wantedPrompts(store.getState())).toEqual(['a photo of a cat.', 'a photo of a dog.', 'a fluffy cat']);
    store.getState().setExploreTab('ensemble');
    const prompts = wantedPrompts(store.getState());
    expect(prompts).toHaveLength(3 + 2 * ENSEMBLE_TEMPLATES.length);
    expect(prompts).toContain(ENSEMBLE_TEMPLATES[3]!.replace('{}', 'dog'));
  });

  it('ranks encoded images by the query embedding from the one prompt cache, or by an image', () => {
    const store = createAppStore();
    const file = new Blob(['x']);
    store.getState().addImages([
      { id: 'a', name: 'a.png', file, state: 'done', embeds: new Float32Array([1, 0]) },
      { id: 'b', name: 'b.png', file, state: 'done', embeds: new Float32Array([0, 1]) },
      { id: 'c', name: 'c.png', file, state: 'queued' },
    ]);
    store.getState().setSearchQuery('up');
    expect(searchRanking(store.getState())).toEqual({ kind: 'text', results: [], pending: true });
    store.getState().addTextEmbeds(['up'], new Float32Array([0.1, 1]));
    const text = searchRanking(store.getState());
    expect(text.results.map((r) => r.image.name)).toEqual(['b.png', 'a.png']);
    store.getState().showSimilarTo('a');
    expect(store.getState().exploreTab).toBe('search');
    const image = searchRanking(store.getState());
    expect(image.kind).toBe('image');
    expect(image.results.map((r) => [r.image.name, r.score])).toEqual([
      ['a.png', expect.closeTo(1, 6)],
      ['b.png', expect.closeTo(0, 6)],
    ]);
  });

  it('builds ensemble label embeddings only for labels whose every prompt is encoded', () => {
    const store = createAppStore();
    store.getState().setLabelsText('cat\ndog');
    const catPrompts = ensemblePrompts('cat');
    const embeds = new Float32Array(catPrompts.length * 2);
    catPrompts.forEach((_, i) => embeds.set(i % 2 ? [0, 3] : [2, 0], i * 2));
    store.getState().addTextEmbeds(catPrompts, embeds);
    const matrix = ensembleLabelMatrix(store.getState());
    expect(matrix.labels).toEqual(['cat']);
    expect(matrix.pending).toBe(1);
    expect(Array.from(matrix.embeds)).toEqual([Math.SQRT1_2, Math.SQRT1_2].map((v) => expect.closeTo(v, 6)));
  });
});
