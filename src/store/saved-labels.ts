// Labels and template kept on the device, so a reload (or the next visit) starts where the user left off. Storage
// may be blocked (private modes, policies) or full: then nothing is kept, and nothing fails.
import { MINI_ID } from '../model/catalogue/catalogue';
import { startingPreset } from '../model/catalogue/label-presets';
import { DEFAULT_TEMPLATE, MAX_LABEL_CHARS, MAX_LABELS } from '../shared/settings';

const KEY = 'clipscope.labels';

export interface SavedLabels {
  labelsText: string;
  template: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;
type LabelsStore = {
  getState: () => SavedLabels;
  subscribe: (listener: (state: SavedLabels, previous: SavedLabels) => void) => () => void;
};

function deviceStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // reading `localStorage` itself throws where storage is blocked
  }
}

/** The labels and template saved on this device, if any (anything damaged or oversized is ignored). */
export function readSavedLabels(storage = deviceStorage()): SavedLabels | undefined {
  try {
    const value: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { labelsText, template } = value as Record<string, unknown>;
    if (typeof labelsText !== 'string' || typeof template !== 'string') return undefined;
    if (labelsText.length > MAX_LABELS * (MAX_LABEL_CHARS + 1) || template.length > MAX_LABEL_CHARS) return undefined;
    return { labelsText, template };
  } catch {
    return undefined;
  }
}

/** What the app starts with anyway (a model's starting labels, the default template) is not kept. */
function isStartingSetup({ labelsText, template }: SavedLabels): boolean {
  const starting = [startingPreset(), startingPreset(MINI_ID)].map((p) => p.labels.join('\n'));
  return template === DEFAULT_TEMPLATE && starting.includes(labelsText);
}

/**
 * Keeps the labels and template on the device. When they cannot be stored (storage full or blocked), any older copy
 * is removed, so a later visit never brings back labels older than the last ones used.
 */
export function saveLabels(saved: SavedLabels, storage = deviceStorage()): void {
  try {
    if (isStartingSetup(saved)) storage?.removeItem(KEY);
    else storage?.setItem(KEY, JSON.stringify(saved));
  } catch {
    try {
      storage?.removeItem(KEY);
    } catch {
      // Storage is unusable: the labels apply to this visit only.
    }
  }
}

/** From now on, every change of labels or template is kept on the device (what a link brought is kept once edited). */
export function keepLabelsOnDevice(store: LabelsStore, storage = deviceStorage()): () => void {
  return store.subscribe(({ labelsText, template }, previous) => {
    if (labelsText !== previous.labelsText || template !== previous.template)
      saveLabels({ labelsText, template }, storage);
  });
}
