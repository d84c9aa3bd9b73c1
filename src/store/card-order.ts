// The order the result cards are shown in, chosen in the "Sort" menu. Pure: the store passes each card's scores.

export type CardSort = { by: 'added' } | { by: 'name' } | { by: 'top' } | { by: 'label'; label: string };

export interface SortableCard {
  name: string;
  /** One score per label (in `labels` order); undefined while the card has none yet. */
  scores?: ArrayLike<number>;
}

// Names as people read them: "img2" before "img10", case and accents compared loosely.
const names = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function topScore(scores: ArrayLike<number>): number {
  let best = -Infinity;
  for (let i = 0; i < scores.length; i++) best = Math.max(best, scores[i]!);
  return best;
}

/**
 * Indices into `cards` in the order to show them. Scores sort highest first; cards without scores (still running,
 * or failed) go last. Ties, and a label no longer among `labels`, keep the order the images were added in.
 */
export function cardOrder(cards: readonly SortableCard[], labels: readonly string[], sort: CardSort): number[] {
  const added = cards.map((_, i) => i);
  if (sort.by === 'added') return added;
  if (sort.by === 'name') return added.sort((a, b) => names.compare(cards[a]!.name, cards[b]!.name) || a - b);
  const column = sort.by === 'label' ? labels.indexOf(sort.label) : -1;
  if (sort.by === 'label' && column < 0) return added;
  const key = (card: SortableCard) => {
    if (!card.scores || card.scores.length !== labels.length) return -Infinity;
    return sort.by === 'top' ? topScore(card.scores) : card.scores[column]!;
  };
  const keys = cards.map(key);
  return added.sort((a, b) => (keys[b]! > keys[a]! ? 1 : keys[b]! < keys[a]! ? -1 : a - b));
}
