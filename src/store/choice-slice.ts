import type { StateCreator } from 'zustand';
import type { Dtype } from '../model/catalogue/catalogue';
import type { DownloadNeed } from '../model/catalogue/download-need';

/** Where the choice was made, so its Load button sits next to that picker. */
export type ChoiceOrigin = 'model' | 'weights';

/**
 * A model or weights chosen in a picker but not loaded yet: first checked against what is on the device, then
 * (when it needs a download) waiting for the user's explicit Load.
 */
export type PendingChoice = {
  modelId: string;
  /** The weights asked for; undefined lets the app pick per backend. */
  dtype?: Dtype;
  from: ChoiceOrigin;
} & ({ kind: 'checking' } | { kind: 'needs-download'; download: DownloadNeed });

export interface ChoiceSlice {
  pendingChoice?: PendingChoice;
  setPendingChoice: (choice: PendingChoice | undefined) => void;
}

export const createChoiceSlice: StateCreator<ChoiceSlice> = (set) => ({
  setPendingChoice: (pendingChoice) => set({ pendingChoice }),
});
