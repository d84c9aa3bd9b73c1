import { describe, expect, it } from 'vitest';
import { compareLabelMatrix } from './compare-selectors';
import { selectLabelMatrix } from './selectors';
import { createAppStore } from './store';

describe('comparison model embeddings', () => {
  it('are kept apart from the main model, per prompt and per image', () => {
    const store = createAppStore();
    store.getState().setLabelsText('cat\ndog');
    store.getState().addTextEmbeds(['a photo of a cat.'], new Float32Array([1, 0]));
    store
      .getState()
      .addCompareEmbeds('text', ['a photo of a cat.', 'a photo of a dog.'], new Float32Array([0, 1, 2, 3]));
    store.getState().addCompareEmbeds('image', ['img-1'], new Float32Array([5, 6]));
    const main = selectLabelMatrix(store.getState());
    const other = compareLabelMatrix(store.getState());
    expect(main.labels).toEqual(['cat']);
    expect(Array.from(main.embeds)).toEqual([1, 0]);
    expect(other.labels).toEqual(['cat', 'dog']);
    expect(Array.from(other.embeds)).toEqual([0, 1, 2, 3]);
    expect(Array.from(store.getState().compareImageEmbeds.get('img-1')!)).toEqual([5, 6]);
    expect(store.getState().textEmbeds.has('a photo of a dog.')).toBe(false);
  });
});
