import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { DEFAULT_HUB_HOST } from '../shared/hub-host';
import { readUrlChoices } from './url-params';

describe('values read from a link are validated, with size limits', () => {
  it('takes a well-formed link as it is', () => {
    const hub = encodeURIComponent('https://hf-mirror.com');
    expect(readUrlChoices(`?backend=wasm&model=Xenova/clip-vit-base-patch32&dtype=fp16&hub=${hub}`)).toEqual({
      backend: 'wasm',
      modelId: 'Xenova/clip-vit-base-patch32',
      dtype: 'fp16',
      proposedHost: 'https://hf-mirror.com',
      problems: [],
    });
  });

  it('refuses a model that is not a repo id, or too long, and quotes it only briefly', () => {
    for (const model of ['../../etc/passwd', '<img src=x onerror=alert(1)>', `a/${'b'.repeat(400)}`, 'javascript:x']) {
      const choices = readUrlChoices(`?model=${encodeURIComponent(model)}`);
      expect(choices.modelId, model).toBeUndefined();
      expect(choices.problems).toHaveLength(1);
      expect(choices.problems[0]!.length).toBeLessThan(200);
    }
  });

  it('refuses unknown dtypes and backends', () => {
    const choices = readUrlChoices(`?dtype=${'x'.repeat(5000)}&backend=cuda`);
    expect(choices.dtype).toBeUndefined();
    expect(choices.backend).toBe('auto');
    expect(choices.problems[0]!.length).toBeLessThan(100);
  });

  it('accepts only plain http(s) model hosts of bounded length', () => {
    for (const hub of [
      'javascript:alert(1)',
      'data:text/html,x',
      'https://user:pw@evil.example',
      'https://evil.example/?q=1',
      `https://${'a'.repeat(300)}.example`,
      'not a url',
    ]) {
      const choices = readUrlChoices(`?hub=${encodeURIComponent(hub)}`);
      expect(choices.proposedHost, hub).toBeUndefined();
      expect(choices.problems).toEqual(['The link names a model host that is not an http(s) address.']);
    }
  });

  it('reads only the start of a huge query string, so its cost does not grow with the link', () => {
    const choices = readUrlChoices(`?${'model=a/b&'.repeat(200_000)}hub=https://x.example`);
    // The host comes after 2 MB of parameters: it is never parsed, which is what keeps a hostile link cheap.
    expect(choices.proposedHost).toBeUndefined();
    expect(choices.problems.join('').length).toBeLessThan(500);
    // The same host within the first characters is read, so the check above is about the length alone.
    expect(readUrlChoices('?model=a/b&hub=https://x.example').proposedHost).toBe('https://x.example');
  });
});

describe('the model host read from localStorage is validated', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  async function hostFromStorage(stored: string | null): Promise<string> {
    vi.stubGlobal('localStorage', { getItem: () => stored, setItem: () => {} });
    vi.resetModules();
    const { createSettingsSlice } = await import('./settings-slice');
    return createStore(createSettingsSlice).getState().hubHost;
  }

  it('uses a valid stored host', async () => {
    expect(await hostFromStorage('https://hf-mirror.com/')).toBe('https://hf-mirror.com');
  });

  it('falls back to the default for anything else', async () => {
    for (const bad of ['javascript:alert(1)', `https://${'a'.repeat(500)}.example`, '{"x":1}', '']) {
      expect(await hostFromStorage(bad), bad).toBe(DEFAULT_HUB_HOST);
    }
  });

  it('falls back to the default when storage is blocked', async () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    vi.resetModules();
    const { createSettingsSlice } = await import('./settings-slice');
    expect(createStore(createSettingsSlice).getState().hubHost).toBe(DEFAULT_HUB_HOST);
  });
});
