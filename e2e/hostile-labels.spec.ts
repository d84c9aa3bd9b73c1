import { expect, test } from '@playwright/test';
import { card, dropFiles, fixtureFile, openApp, scores, setLabels, topLabel } from './helpers';

test('5000 labels are all scored, and more are left out with a hint', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page, '?backend=wasm');
  const labels = Array.from({ length: 4999 }, (_, i) => `thing ${i}`).concat('blue star');
  await setLabels(page, labels);
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  const blueStar = card(page, 'blue-star.png');
  await expect(blueStar.getByRole('button', { name: 'Show all 5000 labels' })).toBeVisible({ timeout: 180_000 });
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
  await expect(page.getByText('5000 labels', { exact: true })).toBeVisible();
  await setLabels(page, [...labels, 'one more', 'and another']);
  await expect(page.getByText('Only the first 5000 labels are used; 2 more were left out.')).toBeVisible();
});

test('a 500-character label is truncated by the tokenizer and still scored', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const long = `red circle ${'with many more words after it '.repeat(20)}`.slice(0, 500).trim();
  await setLabels(page, [long, 'blue star', 'green square']);
  await dropFiles(page, [fixtureFile('red-circle.png'), fixtureFile('blue-star.png')]);
  const bars = await scores(page, 'red-circle.png');
  expect(bars.size).toBe(3);
  expect(bars.get(long)).toBeGreaterThan(0);
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
});

test('emoji, CJK and right-to-left labels are scored and shown in their own direction', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const labels = ['🔴 red circle', '红色圆圈', 'دائرة حمراء', 'עיגול אדום', 'blue star'];
  await setLabels(page, labels);
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  const bars = await scores(page, 'red-circle.png');
  expect([...bars.keys()].sort()).toEqual([...labels].sort());
  const direction = (label: string) =>
    card(page, 'red-circle.png')
      .locator(`[data-testid="bar"][data-label="${label}"] .bar-label`)
      .evaluate((el) => getComputedStyle(el).direction);
  expect(await direction('دائرة حمراء')).toBe('rtl');
  expect(await direction('עיגול אדום')).toBe('rtl');
  expect(await direction('红色圆圈')).toBe('ltr');
  await expect(card(page, 'red-circle.png').getByText('دائرة حمراء')).toBeVisible();
});

test('a template without {} gets the label appended, with a hint', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await setLabels(page, ['red circle', 'blue star']);
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  await page.getByTestId('template-input').fill('a photo of a {}');
  await expect(page.getByText('No {} in the template')).toHaveCount(0);
  const withSlot = await scores(page, 'red-circle.png', 'data-similarity');
  await page.getByTestId('template-input').fill('a photo of a');
  await expect(page.getByText('No {} in the template: each label is added at its end.')).toBeVisible();
  // "a photo of a" + label is the same prompt as "a photo of a {}", so the similarities are identical.
  await expect.poll(async () => scores(page, 'red-circle.png', 'data-similarity')).toEqual(withSlot);
  expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
});
