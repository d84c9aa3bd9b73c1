import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Builds the site the way `npm run build` does, into a temporary folder, and reads what the service worker got.
const ROOT = join(import.meta.dirname, '../..');
let outDir: string;
let sw: string;
let manifest: { version: string; core: string[]; lazy: string[]; hashes: Record<string, string> };

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'clipscope-build-'));
  await build({ root: ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
  manifest = JSON.parse(/(\{"version":.*?"hashes":\{[^}]*\}\})/.exec(sw)![1]!);
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the built service worker', () => {
  it('is one classic script at a stable path: no imports, so any browser can run it as a service worker', () => {
    expect(sw).not.toMatch(/^\s*(import|export)\b/m);
    expect(sw).not.toContain('__CLIPSCOPE_SW_MANIFEST__');
  });

  it('caches the page, the app and the Mini’s small files at install, and no heavy file', () => {
    const index = readFileSync(join(outDir, 'index.html'), 'utf8');
    const script = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(index)![1]!;
    expect(manifest.core).toEqual(
      expect.arrayContaining([
        './',
        script,
        'manifest.webmanifest',
        'icons/icon-192.png',
        'models/clipscope-mini/tokenizer.json',
      ]),
    );
    expect(manifest.core.filter((f) => /\.(wasm|onnx)$/.test(f))).toEqual([]);
    expect(manifest.core.some((f) => f.endsWith('.md'))).toBe(false);
  });

  it('leaves every WASM build and model weight to be cached from the page’s own first use, each with its hash', () => {
    // A visit uses one build and one dtype: caching them all at install downloaded both builds and both dtypes.
    expect(manifest.lazy).toEqual(
      expect.arrayContaining([
        'models/clipscope-mini/onnx/vision_model_quantized.onnx',
        'models/clipscope-mini/onnx/vision_model.onnx',
      ]),
    );
    const builds = manifest.lazy.filter((f) => /^assets\/ort-wasm-simd-threaded[\w.-]*\.wasm$/.test(f));
    expect(builds.some((f) => f.includes('asyncify'))).toBe(true);
    expect(builds.some((f) => !f.includes('asyncify'))).toBe(true);
    for (const file of manifest.lazy.filter((f) => /\.(wasm|onnx)$/.test(f))) {
      expect(manifest.hashes[file], file).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('names its cache after a content hash of the build', () => {
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/);
    expect(sw).toContain('clipscope-shell-');
  });
});
