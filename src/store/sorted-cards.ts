// The result cards in the order the "Sort" menu asks for, scored as the cards show them (probability or cosine).
import { cardOrder } from './card-order';
import type { ImageItem } from './images-slice';
import { scoreLabels, selectLabelMatrix } from './selectors';
import type { AppState } from './store';

type SortInputs = Pick<
  AppState,
  'images' | 'cardSort' | 'scoreMode' | 'scoringRule' | 'labelsText' | 'template' | 'textEmbeds' | 'promptTokens'
>;

export function sortedImages(state: SortInputs): ImageItem[] {
  if (state.cardSort.by === 'added') return state.images;
  const matrix = selectLabelMatrix(state);
  const rule = state.scoringRule;
  const cards = state.images.map((item) => {
    const scores = scoreLabels(item.embeds, matrix, rule);
    const shown = scores && (rule && state.scoreMode === 'probability' ? scores.probabilities : scores.similarities);
    return { name: item.name, scores: shown };
  });
  return cardOrder(cards, matrix.labels, state.cardSort).map((i) => state.images[i]!);
}
