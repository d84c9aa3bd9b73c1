import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dropFiles, setLabels, type DropFile } from './helpers';
import { generated, likelihoodBars, openDescribe, tokenIds } from './describe-helpers';

// Browser conformance: the app's generator (built worker, WASM, fp32, the browser's own PNG decoding) must write
// exactly the token ids PyTorch's decoding of the same trained model wrote, and score labels as it did
// (tests/fixtures/prefixlm/reference.json, made by the model tool with PIL/numpy preprocessing).
const DIR = join(import.meta.dirname, '../tests/fixtures/prefixlm');

interface Entry {
  file: string;
  caption_ids: number[];
  question: string;
  answer_ids: number[];
  prefix: string;
  continuation_ids: number[];
}
interface Reference {
  dtype: string;
  images: Entry[];
  beam: { file: string; beams: number; ids: number[] }[];
  likelihood: { prefix: string; labels: string[]; items: { file: string; mean_log_probs: number[] }[] };
}

// The browser's pixels are within one grey level of PIL's (e2e/pixel-values.spec.ts), not bit-identical: the
// Node conformance test (same ONNX files, PIL-identical pixels) holds 1e-4; here a grey level's worth more.
const LIKELIHOOD_TOLERANCE = 0.02;

const reference = JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8')) as Reference;
const nameOf = (file: string) => basename(file);
const dropped = (files: string[]): DropFile[] =>
  files.map((file) => ({
    name: nameOf(file),
    type: 'image/png',
    base64: readFileSync(join(DIR, file)).toString('base64'),
  }));

/** Ids that differ from the reference's, one line per image (all images are checked before the test fails). */
async function mismatches(
  page: Page,
  kind: 'caption' | 'answer' | 'continuation',
  expected: { file: string; ids: number[] }[],
): Promise<string[]> {
  const found: string[] = [];
  for (const { file, ids } of expected) {
    const text = generated(page, kind, nameOf(file));
    await expect(text).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
    const got = await tokenIds(text);
    if (JSON.stringify(got) !== JSON.stringify(ids)) found.push(`${kind} ${file}: app [${got}] vs PyTorch [${ids}]`);
  }
  return found;
}

/** The value that most entries have for `key`, and those entries. */
function commonest(key: 'question' | 'prefix'): [string, Entry[]] {
  const groups = new Map<string, Entry[]>();
  for (const entry of reference.images) groups.set(entry[key], [...(groups.get(entry[key]) ?? []), entry]);
  return [...groups].sort((a, b) => b[1].length - a[1].length)[0]!;
}

test('greedy captions, answers and continuations of the 50 reference images have PyTorch\u2019s ids', async ({
  page,
}) => {
  test.setTimeout(900_000);
  expect(reference.dtype).toBe('fp32');
  expect(reference.images).toHaveLength(50);
  await openDescribe(page);
  await dropFiles(page, dropped(reference.images.map((entry) => entry.file)));
  const found = await mismatches(
    page,
    'caption',
    reference.images.map((entry) => ({ file: entry.file, ids: entry.caption_ids })),
  );

  // One shared question and prefix: the images the reference asked the commonest ones.
  const [question, asked] = commonest('question');
  const [prefix, continued] = commonest('prefix');
  expect(asked.length).toBeGreaterThanOrEqual(5);
  expect(continued.length).toBeGreaterThanOrEqual(5);
  await page.getByTestId('question-input').fill(question);
  await page.getByTestId('prefix-input').fill(prefix);
  found.push(
    ...(await mismatches(
      page,
      'answer',
      asked.map((e) => ({ file: e.file, ids: e.answer_ids })),
    )),
  );
  found.push(
    ...(await mismatches(
      page,
      'continuation',
      continued.map((e) => ({ file: e.file, ids: e.continuation_ids })),
    )),
  );
  expect(found, found.join('\n')).toEqual([]);
});

test('beam search (width 4) captions have PyTorch\u2019s ids', async ({ page }) => {
  test.setTimeout(600_000);
  expect(reference.beam.length).toBeGreaterThanOrEqual(5);
  await openDescribe(page);
  await page.getByLabel('Beam width').selectOption('4');
  await dropFiles(page, dropped(reference.beam.map((entry) => entry.file)));
  const found = await mismatches(page, 'caption', reference.beam);
  expect(found, found.join('\n')).toEqual([]);
});

test('label likelihoods have PyTorch\u2019s mean log-probabilities', async ({ page }) => {
  test.setTimeout(600_000);
  const { labels, items, prefix } = reference.likelihood;
  await openDescribe(page);
  await setLabels(page, labels);
  await expect(page.getByLabel('Prompt template')).toHaveValue(`${prefix} {}.`);
  await dropFiles(page, dropped(items.map((item) => item.file)));
  let worst = { difference: 0, where: '' };
  for (const item of items) {
    const name = nameOf(item.file);
    const card = page.locator(`[data-testid="likelihood-chart"][data-image-name="${name}"]`);
    await expect(card).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
    await card.getByRole('button', { name: /Show all/ }).click();
    await expect(likelihoodBars(page, name)).toHaveCount(labels.length);
    const got = new Map(
      await likelihoodBars(page, name).evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-label')!, Number(el.getAttribute('data-mean-log-prob'))] as const),
      ),
    );
    labels.forEach((label, i) => {
      const difference = Math.abs(got.get(label)! - item.mean_log_probs[i]!);
      if (!(difference <= worst.difference)) worst = { difference, where: `${name} / ${label}` }; // NaN counts
    });
    // The same label wins in the browser as in PyTorch, unless PyTorch's top two are closer than the tolerance
    // allows either side to move.
    const best = (values: number[]) => labels[values.indexOf(Math.max(...values))];
    const [first, second] = [...item.mean_log_probs].sort((a, b) => b - a);
    if (first! - second! > 2 * LIKELIHOOD_TOLERANCE)
      expect(best(labels.map((label) => got.get(label)!)), name).toBe(best(item.mean_log_probs));
  }
  expect(worst.difference, `largest difference at ${worst.where}`).toBeLessThan(LIKELIHOOD_TOLERANCE);
});
