import type { StateCreator } from 'zustand';
import type { ScoreMode } from '../shared/score-text';

/** What the matrix is sorted by, named (not by index) so it survives label edits and new images. */
type MatrixSortKey = { by: 'none' } | { by: 'label'; label: string } | { by: 'image'; imageId: string };

export type ExploreTab = 'classify' | 'search' | 'matrix' | 'ensemble' | 'camera' | 'compare' | 'describe';

/** A matrix cell the user chose: the classify view scrolls to this image's card and marks the label. */
interface FocusTarget {
  imageId: string;
  label: string;
}

export interface ExploreSlice {
  exploreTab: ExploreTab;
  /** Text to rank the images by; empty means no text search. */
  searchQuery: string;
  /** An image to rank the others by ("more like this"); it replaces the text query while set. */
  similarToId?: string;
  matrixMode: ScoreMode;
  matrixSort: MatrixSortKey;
  focusTarget?: FocusTarget;
  setExploreTab: (tab: ExploreTab) => void;
  setSearchQuery: (query: string) => void;
  showSimilarTo: (imageId: string | undefined) => void;
  setMatrixMode: (mode: ScoreMode) => void;
  setMatrixSort: (sort: MatrixSortKey) => void;
  focusCell: (target: FocusTarget | undefined) => void;
}

export const createExploreSlice: StateCreator<ExploreSlice> = (set) => ({
  exploreTab: 'classify',
  searchQuery: '',
  matrixMode: 'similarity',
  matrixSort: { by: 'none' },
  // Choosing a tab ends the mark a matrix cell put on a card.
  setExploreTab: (exploreTab) => set({ exploreTab, focusTarget: undefined }),
  setSearchQuery: (searchQuery) => set({ searchQuery, similarToId: undefined }),
  showSimilarTo: (similarToId) => set({ similarToId, exploreTab: 'search' }),
  setMatrixMode: (matrixMode) => set({ matrixMode }),
  setMatrixSort: (matrixSort) => set({ matrixSort }),
  focusCell: (focusTarget) => set(focusTarget ? { focusTarget, exploreTab: 'classify' } : { focusTarget }),
});
