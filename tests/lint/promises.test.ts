import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './lint-text';

// The promise rules need types: the probe text is linted in place of a real file, so the TypeScript project
// service finds the file's tsconfig: the service worker's file (its tsconfig, the worker one, is the smallest).
const SW = readdirSync(join(ROOT, 'src/sw')).find((f) => /^[^.]+\.ts$/.test(f));
const FILE = join(ROOT, 'src/sw', SW ?? 'missing.ts');

const PROBE = [
  'async function save(): Promise<void> {}',
  'save();', // floating
  'void save();', // let go on purpose
  "addEventListener('message', async () => { await save(); });", // promise where a void callback is expected
  "addEventListener('message', () => void save());",
  'export {};',
  '',
].join('\n');

describe('promises are awaited or visibly let go', () => {
  it('flags a floating promise and an async event handler, not void', { timeout: 180_000 }, async () => {
    const [result] = await new ESLint({ cwd: ROOT }).lintText(PROBE, { filePath: FILE });
    const found = result!.messages.map((m) => `${m.line} ${m.ruleId ?? m.message}`);
    expect(found).toEqual(['2 @typescript-eslint/no-floating-promises', '4 @typescript-eslint/no-misused-promises']);
  });
});
