import { join } from 'node:path';
import { ESLint } from 'eslint';

export const ROOT = join(import.meta.dirname, '../..');

// The project's own config, minus type information: probe files exist only as text, which the TypeScript project
// service cannot place in a tsconfig, and the rules tested here read syntax and paths, not types.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

/** Messages of one rule when `code` is linted as if it were the file at `file` (relative to the repo root). */
export async function ruleMessages(ruleId: string, code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  const fatal = result!.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file} did not parse: ${fatal.message}`);
  return result!.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
}
