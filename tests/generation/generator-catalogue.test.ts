// The bundled generator's catalogue entry agrees with its files: the default dtype its config.json names, and the
// sizes of its graphs.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DTYPE_SUFFIX, type Dtype } from '../../src/model/catalogue/catalogue';
import { findGenerator, MINI_GENERATOR_ID } from '../../src/model/catalogue/generators';
import { SESSION_NAMES } from '../../src/model/generation/tensor';

const ROOT = join(import.meta.dirname, '../..');

describe('the bundled generator in the catalogue', () => {
  const entry = findGenerator(MINI_GENERATOR_ID)!;
  const folder = join(ROOT, 'public', entry.bundledPath!);

  it('names the default dtype its config.json names', () => {
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as {
      clipscope: { default_dtype: Dtype };
    };
    expect(entry.defaultDtype).toBe(config.clipscope.default_dtype);
  });

  it('gives the size of all four graphs of each dtype within 0.2 MB, and all files fit 12 MB', () => {
    let total = 0;
    for (const [dtype, sizeMb] of Object.entries(entry.sizeMb) as [Dtype, number][]) {
      const bytes = SESSION_NAMES.reduce(
        (sum, name) => sum + statSync(join(folder, 'onnx', `${name}${DTYPE_SUFFIX[dtype]}.onnx`)).size,
        0,
      );
      total += bytes;
      expect(Math.abs(bytes / 1e6 - sizeMb), dtype).toBeLessThan(0.2);
    }
    expect(total).toBeLessThanOrEqual(12 * 1024 * 1024);
  });
});
