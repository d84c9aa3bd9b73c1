import { describe, expect, it } from 'vitest';
import { sortedImages } from './sorted-cards';
import type { ImageItem } from './images-slice';
import { createAppStore } from './store';

// Unit text embeddings along two axes, so each image's cosine to a label is the image's coordinate on that axis.
const image = (name: string, embeds?: number[]): ImageItem => ({
  id: name,
  name,
  file: new Blob(),
  state: embeds ? 'done' : 'queued',
  embeds: embeds && new Float32Array(embeds),
});

describe('sortedImages', () => {
  const store = createAppStore();
  store.getState().setLabelsText('cat\ndog');
  store.getState().addTextEmbeds(['a photo of a cat.', 'a photo of a dog.'], new Float32Array([1, 0, 0, 1]));
  store.getState().addImages([image('b', [0.6, 0.8]), image('c'), image('a', [0.96, 0.28]), image('z', [0.28, 0.96])]);
  store.getState().setScoreMode('similarity');
  const names = () => sortedImages(store.getState()).map((i) => i.name);

  it('shows the cards as added until a sort is chosen', () => {
    expect(sortedImages(store.getState())).toBe(store.getState().images);
  });

  it("sorts by a label's score, by the top score and by name, unscored cards last", () => {
    store.getState().setCardSort({ by: 'label', label: 'dog' });
    expect(names()).toEqual(['z', 'b', 'a', 'c']);
    store.getState().setCardSort({ by: 'label', label: 'cat' });
    expect(names()).toEqual(['a', 'b', 'z', 'c']);
    store.getState().setCardSort({ by: 'top' });
    expect(names()).toEqual(['a', 'z', 'b', 'c']); // 0.96 (cat), 0.96 (dog; a tie keeps the added order), 0.8
    store.getState().setCardSort({ by: 'name' });
    expect(names()).toEqual(['a', 'b', 'c', 'z']);
  });
});
