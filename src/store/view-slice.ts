import type { StateCreator } from 'zustand';

export type ScoreMode = 'probability' | 'similarity';

export interface ViewSlice {
  scoreMode: ScoreMode;
  setScoreMode: (mode: ScoreMode) => void;
}

export const createViewSlice: StateCreator<ViewSlice> = (set) => ({
  scoreMode: 'probability',
  setScoreMode: (scoreMode) => set({ scoreMode }),
});
