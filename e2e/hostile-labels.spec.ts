import { expect, test, type Page } from '@playwright/test';
import { card, distinctMiniLabels, dropFiles, fixtureFile, openApp, scores, setLabels, topLabel } from './helpers';

/**
 * Puts a long list into the editor in one step, as a paste does. (Playwright's fill() types through Chromium's
 * editing commands, which take about 95 s for 5000 lines here, in the browser, not in the app.)
 */
async function pasteLabels(page: Page, labels: string[]): Promise<void> {
  await page.getByTestId('labels-editor').evaluate((el: HTMLTextAreaElement, text) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, labels.join('\n'));
}

test('5000 labels are all scored, and more are left out with a hint', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const labels = distinctMiniLabels(4999, ['blue', 'star']).concat('blue star');
  await pasteLabels(page, labels);
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  const blueStar = card(page, 'blue-star.png');
  await expect(blueStar.getByRole('button', { name: 'Show all 5000 labels' })).toBeVisible();
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
  await expect(page.getByText('5000 labels', { exact: true })).toBeVisible();
  await pasteLabels(page, [...labels, 'one more', 'and another']);
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
  // The Mini's tokenizer knows no Hebrew or Arabic letters: both prompts are the same unknown tokens, so one bar.
  expect([...bars.keys()].sort()).toEqual(labels.filter((l) => l !== 'עיגול אדום').sort());
  await expect(page.getByTestId('merged-labels')).toContainText('עיגול אדום');
  const direction = (label: string) =>
    card(page, 'red-circle.png')
      .locator(`[data-testid="bar"][data-label="${label}"] .bar-label`)
      .evaluate((el) => getComputedStyle(el).direction);
  expect(await direction('دائرة حمراء')).toBe('rtl');
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
