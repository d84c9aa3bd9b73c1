import { describe, expect, it } from 'vitest';
import { cardOrder, type SortableCard } from './card-order';

const LABELS = ['cat', 'dog'];
const CARDS: SortableCard[] = [
  { name: 'img10.png', scores: [0.2, 0.8] },
  { name: 'Img2.png', scores: [0.9, 0.1] },
  { name: 'running.png' },
  { name: 'apple.png', scores: [0.6, 0.4] },
];
const names = (order: number[]) => order.map((i) => CARDS[i]!.name);

describe('cardOrder', () => {
  it('keeps the order the images were added in', () => {
    expect(names(cardOrder(CARDS, LABELS, { by: 'added' }))).toEqual([
      'img10.png',
      'Img2.png',
      'running.png',
      'apple.png',
    ]);
  });

  it('sorts names as people read them: numbers by value, case ignored', () => {
    expect(names(cardOrder(CARDS, LABELS, { by: 'name' }))).toEqual([
      'apple.png',
      'Img2.png',
      'img10.png',
      'running.png',
    ]);
  });

  it('sorts by the top score, highest first, cards without scores last', () => {
    expect(names(cardOrder(CARDS, LABELS, { by: 'top' }))).toEqual([
      'Img2.png',
      'img10.png',
      'apple.png',
      'running.png',
    ]);
  });

  it("sorts by one label's score, highest first", () => {
    expect(names(cardOrder(CARDS, LABELS, { by: 'label', label: 'dog' }))).toEqual([
      'img10.png',
      'apple.png',
      'Img2.png',
      'running.png',
    ]);
    expect(names(cardOrder(CARDS, LABELS, { by: 'label', label: 'cat' }))).toEqual([
      'Img2.png',
      'apple.png',
      'img10.png',
      'running.png',
    ]);
  });

  it('keeps the added order for ties and for a label that is gone', () => {
    const tied: SortableCard[] = [
      { name: 'b', scores: [0.5, 0.5] },
      { name: 'a', scores: [0.5, 0.5] },
    ];
    expect(cardOrder(tied, LABELS, { by: 'top' })).toEqual([0, 1]);
    expect(cardOrder(CARDS, LABELS, { by: 'label', label: 'horse' })).toEqual([0, 1, 2, 3]);
  });

  it('puts last a card scored against other labels (its scores do not line up)', () => {
    const stale: SortableCard[] = [
      { name: 'old', scores: [0.99] },
      { name: 'new', scores: [0.1, 0.2] },
    ];
    expect(cardOrder(stale, LABELS, { by: 'top' })).toEqual([1, 0]);
  });

  it('does not change the cards it is given', () => {
    const copy = structuredClone(CARDS);
    cardOrder(CARDS, LABELS, { by: 'name' });
    expect(CARDS).toEqual(copy);
  });
});
