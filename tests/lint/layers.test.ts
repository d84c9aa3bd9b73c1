import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ruleMessages } from './lint-text';

// The layer order of src/, written out here independently of eslint.config.js: each layer and the layers it may
// import (itself included). Every other direction must be a lint error.
const MAY_IMPORT: Record<string, string[]> = {
  ui: ['ui', 'store', 'client', 'shared', 'model'],
  store: ['store', 'client', 'shared', 'model'],
  client: ['client', 'shared', 'model'],
  worker: ['worker', 'shared', 'model'],
  sw: ['sw', 'shared'],
  shared: ['shared'],
  model: ['model'],
};
const LAYERS = Object.keys(MAY_IMPORT);

/** A real module of the layer, repo-relative: the rule resolves imports to files, from folders that exist. */
function moduleIn(layer: string): string {
  const file = readdirSync(join(ROOT, 'src', layer), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))
    .sort()[0];
  if (!file) throw new Error(`src/${layer} has no module to import`);
  return posix.join('src', layer, file.replaceAll('\\', '/'));
}

/** A probe file beside a real module of the layer. */
const probe = (layer: string) => posix.join(posix.dirname(moduleIn(layer)), 'layer-probe.tsx');

/** The import path of a module of layer `to`, as written in the probe file of layer `from`. */
function importPath(to: string, from: string): string {
  const path = posix.relative(posix.dirname(probe(from)), moduleIn(to)).replace(/\.tsx?$/, '');
  return path.startsWith('.') ? path : `./${path}`;
}

const hits = (from: string, code: string) => ruleMessages('boundaries/dependencies', code, probe(from));

describe('the layer order of src/ is a lint error when broken', () => {
  for (const from of LAYERS) {
    for (const to of LAYERS) {
      const allowed = MAY_IMPORT[from]!.includes(to);
      it(`${from} ${allowed ? 'may' : 'may not'} import ${to}`, async () => {
        const found = await hits(from, `import '${importPath(to, from)}';\n`);
        expect(found).toHaveLength(allowed ? 0 : 1);
      });
    }
  }

  it('lets shared take types from model, but not code', async () => {
    const path = importPath('model', 'shared');
    expect(await hits('shared', `export type { X } from '${path}';\nimport type { Y } from '${path}';\n`)).toEqual([]);
    expect(await hits('shared', `export { X } from '${path}';\nimport { Y } from '${path}';\n`)).toHaveLength(2);
  });

  it('sees dynamic imports and re-exports', async () => {
    const path = importPath('ui', 'model');
    const code = `export * from '${path}';\nexport const later = () => import('${path}');\n`;
    expect(await hits('model', code)).toHaveLength(2);
  });
});
