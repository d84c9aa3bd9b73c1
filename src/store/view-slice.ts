import type { StateCreator } from 'zustand';
import type { CardSort } from './card-order';
import type { ScoreMode } from '../shared/score-text';

export interface ViewSlice {
  scoreMode: ScoreMode;
  setScoreMode: (mode: ScoreMode) => void;
  /** The order of the result cards ("Sort" menu). */
  cardSort: CardSort;
  setCardSort: (sort: CardSort) => void;
}

export const createViewSlice: StateCreator<ViewSlice> = (set) => ({
  scoreMode: 'probability',
  setScoreMode: (scoreMode) => set({ scoreMode }),
  cardSort: { by: 'added' },
  setCardSort: (cardSort) => set({ cardSort }),
});
