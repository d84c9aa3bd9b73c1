import type { StateCreator } from 'zustand';
import { DEFAULT_MODEL_ID, type Dtype } from '../model/catalogue/catalogue';
import { DEFAULT_HUB_HOST, normalizeHost } from '../shared/hub-host';
import type { BackendPreference } from '../shared/protocol';

const HOST_KEY = 'clipscope.hubHost';

function storedHost(): string {
  try {
    return normalizeHost(globalThis.localStorage?.getItem(HOST_KEY)) ?? DEFAULT_HUB_HOST;
  } catch {
    return DEFAULT_HUB_HOST; // storage may be blocked
  }
}

export interface SettingsSlice {
  modelId: string;
  /** Whether the user chose the model (`?model=`, the picker, a share link) rather than the app's default. */
  modelExplicit: boolean;
  /** The model in use before a preset chose its own (the Mini's presets), restored when another preset is chosen. */
  modelBeforePreset?: string;
  backendPreference: BackendPreference;
  /** The user's dtype choice; undefined lets the app pick per backend. */
  dtype?: Dtype;
  hubHost: string;
  /** A host proposed by a link, shown to the user and used only once confirmed. */
  proposedHost?: string;
  /** The model the link asked for, loaded once the proposed host is confirmed or declined. */
  modelAfterConsent?: string;
  /** Problems with the link or the model host, for the user. */
  notices: string[];
  setModelId: (id: string, explicit: boolean) => void;
  setModelBeforePreset: (id: string | undefined) => void;
  setBackendPreference: (backend: BackendPreference) => void;
  setDtype: (dtype: Dtype | undefined) => void;
  setHubHost: (host: string) => boolean;
  proposeHost: (host: string | undefined, modelAfterConsent?: string) => void;
  addNotice: (message: string) => void;
  dismissNotices: () => void;
}

export const createSettingsSlice: StateCreator<SettingsSlice> = (set, get) => ({
  modelId: DEFAULT_MODEL_ID,
  modelExplicit: false,
  backendPreference: 'auto',
  hubHost: storedHost(),
  notices: [],
  setModelId: (modelId, modelExplicit) => set({ modelId, modelExplicit }),
  setModelBeforePreset: (modelBeforePreset) => set({ modelBeforePreset }),
  setBackendPreference: (backendPreference) => set({ backendPreference }),
  setDtype: (dtype) => set({ dtype }),
  setHubHost: (value) => {
    const hubHost = normalizeHost(value);
    if (!hubHost) return false;
    set({ hubHost });
    try {
      globalThis.localStorage?.setItem(HOST_KEY, hubHost);
    } catch {
      // Not persisted; it still applies to this visit.
    }
    return true;
  },
  proposeHost: (proposedHost, modelAfterConsent) => set({ proposedHost, modelAfterConsent }),
  addNotice: (message) => set({ notices: [...get().notices, message] }),
  dismissNotices: () => set({ notices: [] }),
});
