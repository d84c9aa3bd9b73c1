import { describe, expect, it } from 'vitest';
import { wasmThreadCount } from './settings';

describe('WASM thread count', () => {
  it('is one per core in a cross-origin isolated page', () => {
    expect(wasmThreadCount(true, 8)).toBe(8);
    expect(wasmThreadCount(true, 2)).toBe(2);
  });
  it('is one without isolation, whatever the cores', () => {
    expect(wasmThreadCount(false, 8)).toBe(1);
  });
  it('is at least one when the browser hides its core count', () => {
    expect(wasmThreadCount(true, undefined)).toBe(1);
    expect(wasmThreadCount(true, 0)).toBe(1);
  });
});
