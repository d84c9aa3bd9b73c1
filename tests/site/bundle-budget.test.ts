import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialJs } from '../../tools/build/initial-js';

const ROOT = join(import.meta.dirname, '../..');
let dist: string;

// A build as Vite writes it: one entry script, one preloaded chunk, and files a first visit does not load.
beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'bundle-budget-'));
  mkdirSync(join(dist, 'assets'));
  const files = { 'index-a.js': 30_000, 'vendor-b.js': 20_000, 'lazy-c.js': 50_000, 'clip.worker-d.js': 90_000 };
  for (const [name, size] of Object.entries(files)) writeFileSync(join(dist, 'assets', name), randomBytes(size));
  writeFileSync(join(dist, 'assets/index-e.css'), randomBytes(40_000));
  writeFileSync(
    join(dist, 'index.html'),
    [
      '<!doctype html><html><head>',
      '<script type="module" crossorigin src="./assets/index-a.js"></script>',
      '<link rel="modulepreload" crossorigin href="./assets/vendor-b.js">',
      '<link rel="stylesheet" crossorigin href="./assets/index-e.css">',
      '<link rel="manifest" href="./manifest.webmanifest" />',
      '</head><body><div id="root"></div></body></html>',
    ].join('\n'),
  );
});

afterAll(() => rmSync(dist, { recursive: true, force: true }));

const check = (budgetKB: string) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tools/build/check-bundle-budget.ts', '--dist', dist, '--budget-kb', budgetKB],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );

describe('initial JavaScript budget', () => {
  it('counts the scripts index.html loads at once, gzipped, and nothing else', () => {
    const files = initialJs(dist);
    expect(files.map((f) => f.path)).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
    // The system's gzip as reference: random bytes do not compress, so both add only a small header.
    const reference = (name: string) => execFileSync('gzip', ['-c', join(dist, 'assets', name)]).length;
    expect(Math.abs(files[0]!.gzipBytes - reference('index-a.js'))).toBeLessThan(64);
    expect(Math.abs(files[1]!.gzipBytes - reference('vendor-b.js'))).toBeLessThan(64);
  });

  it('passes within budget and fails over it', { timeout: 120_000 }, () => {
    const within = check('60');
    expect(within.status, within.stderr).toBe(0);
    expect(within.stdout).toMatch(/Initial JavaScript: 48\.\d KB gzip \(budget 60 KB\)/);
    const over = check('40');
    expect(over.status).toBe(1);
    expect(over.stderr).toContain('Over budget by 8.');
  });

  it('fails when index.html loads no script', { timeout: 60_000 }, () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>empty</title>');
    const result = check('150');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('loads no module script');
  });
});
