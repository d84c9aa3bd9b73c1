// Clipscope's ensemble templates are its own, in the spirit of the CLIP paper's prompt engineering: this checks
// them against the paper's published template lists (a reference copy kept outside the repo, in ../shared).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENSEMBLE_TEMPLATES } from '../src/model/text/prompt-templates';

const PAPER_PROMPTS = join(import.meta.dirname, '../../shared/reference/clip-prompts.md');

/** Every template string in the paper's `templates = [...]` lists. */
function paperTemplates(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const list of markdown.matchAll(/templates = \[([\s\S]*?)\]/g)) {
    for (const quoted of list[1]!.matchAll(/'([^']*)'|"([^"]*)"/g)) found.add(quoted[1] ?? quoted[2]!);
  }
  return found;
}

describe('ensemble templates', () => {
  it('are at least 10 distinct prompts, each with one slot for the label', () => {
    expect(ENSEMBLE_TEMPLATES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(ENSEMBLE_TEMPLATES).size).toBe(ENSEMBLE_TEMPLATES.length);
    for (const template of ENSEMBLE_TEMPLATES) expect(template.split('{}')).toHaveLength(2);
  });

  // The paper's lists may not be copied into the repo, so a clone without ../shared cannot run this check; CI
  // (.ci/run sets CLIPSCOPE_REQUIRE_SHARED) always has the folder and must run it.
  it('are mostly our own wording, not copied from the paper', (context) => {
    if (!existsSync(PAPER_PROMPTS)) {
      if (process.env.CLIPSCOPE_REQUIRE_SHARED) throw new Error(`${PAPER_PROMPTS} is missing`);
      context.skip('skipped: ../shared/reference/clip-prompts.md is absent (it lives beside the checkout, not in it)');
    }
    const paper = paperTemplates(readFileSync(PAPER_PROMPTS, 'utf8'));
    expect(paper.size).toBeGreaterThan(50); // the parse found the paper's lists
    const own = ENSEMBLE_TEMPLATES.filter((t) => !paper.has(t));
    expect(own.length).toBeGreaterThanOrEqual(10);
  });
});
