import { describe, expect, it } from 'vitest';
import { MINI_ID } from '../model/catalogue/catalogue';
import { startingPreset } from '../model/catalogue/label-presets';
import { DEFAULT_TEMPLATE } from '../shared/settings';
import { keepLabelsOnDevice, readSavedLabels, saveLabels } from './saved-labels';
import { createAppStore } from './store';

/** localStorage's behaviour, with a quota (in characters) past which setItem throws as browsers do. */
function memoryStorage(quota = Infinity) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (value.length > quota) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key: string) => void items.delete(key),
  };
}

const blocked = {
  getItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
  removeItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
};

describe('labels kept on the device', () => {
  it('reads back what was saved', () => {
    const storage = memoryStorage();
    saveLabels({ labelsText: 'cat\ndog', template: 'a sketch of a {}' }, storage);
    expect(readSavedLabels(storage)).toEqual({ labelsText: 'cat\ndog', template: 'a sketch of a {}' });
  });

  it('keeps nothing for what the app starts with anyway, and forgets an older copy then', () => {
    const storage = memoryStorage();
    saveLabels({ labelsText: 'cat', template: DEFAULT_TEMPLATE }, storage);
    for (const preset of [startingPreset(), startingPreset(MINI_ID)]) {
      saveLabels({ labelsText: preset.labels.join('\n'), template: DEFAULT_TEMPLATE }, storage);
      expect(readSavedLabels(storage)).toBeUndefined();
    }
    // The starting labels with the user's own template are kept.
    saveLabels({ labelsText: startingPreset().labels.join('\n'), template: '{}' }, storage);
    expect(readSavedLabels(storage)?.template).toBe('{}');
  });

  it('ignores damaged or foreign values', () => {
    const storage = memoryStorage();
    for (const value of ['{', '"text"', '{"labelsText":3,"template":""}', 'null', '[]']) {
      storage.items.set('clipscope.labels', value);
      expect(readSavedLabels(storage)).toBeUndefined();
    }
  });

  it('when storage is full, keeps nothing rather than an older copy, and does not throw', () => {
    const storage = memoryStorage(100);
    saveLabels({ labelsText: 'cat', template: DEFAULT_TEMPLATE }, storage);
    expect(readSavedLabels(storage)?.labelsText).toBe('cat');
    saveLabels({ labelsText: 'x'.repeat(200), template: DEFAULT_TEMPLATE }, storage);
    expect(readSavedLabels(storage)).toBeUndefined();
  });

  it('works without storage (blocked or absent) and without errors', () => {
    expect(() => saveLabels({ labelsText: 'cat', template: '{}' }, blocked)).not.toThrow();
    expect(readSavedLabels(blocked)).toBeUndefined();
    expect(readSavedLabels(undefined)).toBeUndefined();
    expect(() => saveLabels({ labelsText: 'cat', template: '{}' }, undefined)).not.toThrow();
  });

  it('saves every later change of labels or template, and nothing before', () => {
    const storage = memoryStorage();
    const store = createAppStore();
    store.getState().setLabelsText('from a link');
    keepLabelsOnDevice(store, storage);
    expect(readSavedLabels(storage)).toBeUndefined();
    store.getState().setLabelsText('cat\ndog');
    expect(readSavedLabels(storage)).toEqual({ labelsText: 'cat\ndog', template: DEFAULT_TEMPLATE });
    store.getState().setTemplate('a drawing of a {}');
    expect(readSavedLabels(storage)?.template).toBe('a drawing of a {}');
  });
});
