import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, runInChromium } from '../../tools/models/browser/browser-run';

const MINI = join(import.meta.dirname, '../../public/models/clipscope-mini');
const AGREEMENT = 1e-3;

// Real headless Chromium (Debian's) with onnxruntime-web: the bundled model must run on both backends the app
// uses, WASM with threads and WebGPU (the SwiftShader adapter on machines without a GPU), with the same result.
describe('Clipscope Mini in Chromium with onnxruntime-web', () => {
  it('runs on WASM and WebGPU and both agree', { timeout: 240_000 }, async () => {
    const [wasm, webgpu] = await runInChromium(MINI, ['wasm', 'webgpu'], 1);
    expect(wasm?.error).toBeUndefined();
    expect(webgpu?.error).toBeUndefined();
    expect(wasm?.crossOriginIsolated).toBe(true);
    expect(wasm?.imageEmbeds).toHaveLength(128);
    expect(maxAbsDiff(wasm?.imageEmbeds, webgpu?.imageEmbeds)).toBeLessThan(AGREEMENT);
  });
});
