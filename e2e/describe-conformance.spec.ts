import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dropFiles, type DropFile } from './helpers';
import { generated, openDescribe, tokenIds } from './describe-helpers';

// Browser conformance: the app's generator (built worker, WASM, fp32) must write exactly the token ids PyTorch's
// greedy decoding of the same trained model wrote (tests/fixtures/prefixlm/reference.json, made by the model tool
// with PIL/numpy preprocessing), for all 50 reference images.
const DIR = join(import.meta.dirname, '../tests/fixtures/prefixlm');

interface Reference {
  dtype: string;
  images: { file: string; caption_ids: number[]; question: string; answer_ids: number[] }[];
}

test('captions of the 50 reference images have the PyTorch reference token ids', async ({ page }) => {
  test.setTimeout(900_000);
  const reference = JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8')) as Reference;
  expect(reference.dtype).toBe('fp32');
  expect(reference.images).toHaveLength(50);
  const files = readdirSync(join(DIR, 'images'));
  expect(files).toHaveLength(50);
  await openDescribe(page, '?backend=wasm&dtype=fp32');
  const drop: DropFile[] = reference.images.map((image) => ({
    name: image.file,
    type: 'image/png',
    base64: readFileSync(join(DIR, 'images', image.file)).toString('base64'),
  }));
  await dropFiles(page, drop);
  const mismatches: string[] = [];
  for (const image of reference.images) {
    const caption = generated(page, 'caption', image.file);
    await expect(caption).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
    const ids = await tokenIds(caption);
    if (JSON.stringify(ids) !== JSON.stringify(image.caption_ids))
      mismatches.push(`${image.file}: app ${ids.join(' ')} vs PyTorch ${image.caption_ids.join(' ')}`);
  }
  expect(mismatches, mismatches.join('\n')).toEqual([]);

  // The answers of the images asked the most common reference question, under that shared question.
  const counts = new Map<string, number>();
  for (const image of reference.images) counts.set(image.question, (counts.get(image.question) ?? 0) + 1);
  const question = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  // The box takes the bare question; the app wraps it as the model was trained ("question: … answer:").
  await page
    .getByTestId('question-input')
    .fill(question.replace(/^\s*question:\s*/i, '').replace(/\s*answer:\s*$/i, ''));
  for (const image of reference.images.filter((i) => i.question === question)) {
    const answer = generated(page, 'answer', image.file);
    await expect(answer).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
    expect(await tokenIds(answer), image.file).toEqual(image.answer_ids);
  }
});
