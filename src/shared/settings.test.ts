import { describe, expect, it } from 'vitest';
import { backendFromUrl } from './settings';

describe('backendFromUrl', () => {
  it('reads ?backend= and falls back to auto for anything else', () => {
    expect(backendFromUrl('?backend=webgpu')).toBe('webgpu');
    expect(backendFromUrl('?backend=wasm&x=1')).toBe('wasm');
    expect(backendFromUrl('?backend=<script>')).toBe('auto');
    expect(backendFromUrl('')).toBe('auto');
  });
});
