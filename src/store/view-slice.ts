import type { StateCreator } from 'zustand';
import type { CardSort } from '../model/card-order';

export type ScoreMode = 'probability' | 'similarity';

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
