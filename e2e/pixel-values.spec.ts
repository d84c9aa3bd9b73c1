import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { PreprocessorConfig } from '../src/model/image/preprocess';
import { readTwinReference, referencePixels, TWIN_SMALL_DIR } from '../tools/models/twin-reference';

// The app's pixel values come from its built preparing worker (dist/assets/preparing.worker-*.js, the code that
// prepares every dropped image), started from the app's page and sent the real files through its own protocol.
// They must match CLIPImageProcessor's, computed by PIL and numpy (tools/models/reference_preprocess.py), within
// one grey level before normalisation.
const ONE_GREY_LEVEL = 1 / 255;
const EPSILON = 1e-5; // float32 rounding of the normalised values

function preparingWorker(): string {
  const assets = join(import.meta.dirname, '../dist/assets');
  const script = readdirSync(assets).find((f) => /^preparing\.worker-.*\.js$/.test(f));
  if (!script) throw new Error('dist/assets has no preparing.worker-*.js: run npx vite build first');
  return `./assets/${script}`;
}

test('the built preparing worker gives the Python reference pixel values within one grey level', async ({ page }) => {
  test.setTimeout(300_000);
  const reference = readTwinReference();
  const config = JSON.parse(
    readFileSync(join(TWIN_SMALL_DIR, 'preprocessor_config.json'), 'utf8'),
  ) as PreprocessorConfig & { image_std: number[] };
  await page.goto('./');
  const files = reference.images.map((image) => ({
    name: image.name,
    type: image.mime,
    base64: readFileSync(image.file).toString('base64'),
  }));
  const prepared = await page.evaluate(
    async ({ script, files, config }) => {
      const worker = new Worker(script, { type: 'module', name: 'pixel-values-test' });
      const results: Record<string, string> = {};
      for (const [id, file] of files.entries()) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        const reply = new Promise<{ type: string; values?: Float32Array; message?: string }>((resolve) => {
          const listener = ({ data }: MessageEvent) => {
            if (data.id !== id + 1 || (data.type !== 'prepared' && data.type !== 'failed')) return;
            worker.removeEventListener('message', listener);
            resolve(data);
          };
          worker.addEventListener('message', listener);
        });
        worker.postMessage({
          type: 'prepare',
          id: id + 1,
          file: new File([bytes], file.name, { type: file.type }),
          config,
        });
        const data = await reply;
        if (data.type !== 'prepared') throw new Error(`${file.name}: ${data.message}`);
        const raw = new Uint8Array(data.values!.buffer, data.values!.byteOffset, data.values!.byteLength);
        let binary = '';
        for (let i = 0; i < raw.length; i += 0x8000) binary += String.fromCharCode(...raw.subarray(i, i + 0x8000));
        results[file.name] = btoa(binary);
      }
      worker.terminate();
      return results;
    },
    { script: preparingWorker(), files, config },
  );
  const lines: string[] = [];
  const over: string[] = [];
  for (const image of reference.images) {
    const expected = referencePixels(image);
    const bytes = Buffer.from(prepared[image.name]!, 'base64');
    const actual = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    expect(actual.length, image.name).toBe(expected.length);
    const plane = expected.length / 3;
    let worst = 0;
    let differing = 0;
    for (let i = 0; i < expected.length; i++) {
      const grey = Math.abs(actual[i]! - expected[i]!) * config.image_std[Math.floor(i / plane)]!;
      worst = Math.max(worst, grey);
      if (grey > EPSILON) differing++;
    }
    lines.push(`  ${image.name.padEnd(26)} max ${(worst * 255).toFixed(2)} grey levels, ${differing} values differ`);
    if (!(worst <= ONE_GREY_LEVEL + EPSILON)) over.push(`${image.name}: ${(worst * 255).toFixed(2)} grey levels`);
  }
  console.log(`pixel values vs the PIL reference\n${lines.join('\n')}`);
  expect(over).toEqual([]);
});
