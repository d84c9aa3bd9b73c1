import { expect, test, type Page } from '@playwright/test';
import { card, classifyShapeFixtures, openApp } from './helpers';

/** [name, score] of every search result, in the order shown. */
async function results(page: Page): Promise<[string, number][]> {
  const items = page.getByTestId('search-result');
  await expect(items.first()).toBeVisible();
  return items.evaluateAll((els) =>
    els.map((el) => [el.getAttribute('data-image-name')!, Number(el.getAttribute('data-score'))] as [string, number]),
  );
}

const isDescending = (scores: number[]) => scores.every((s, i) => i === 0 || scores[i - 1]! >= s);

test('a text query ranks the dropped images by similarity, best first', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  await page.getByRole('tab', { name: 'Search' }).click();
  const input = page.getByTestId('search-input');
  await input.fill('blue star');
  await expect(page.getByTestId('search-result').first()).toHaveAttribute('data-image-name', 'blue-star.png');
  let ranked = await results(page);
  expect(ranked).toHaveLength(4);
  expect(isDescending(ranked.map(([, s]) => s))).toBe(true);

  // Another query re-ranks the same images without encoding them again.
  await input.fill('yellow triangle');
  await expect(page.getByTestId('search-result').first()).toHaveAttribute('data-image-name', 'yellow-triangle.png');
  await input.fill('a red shape');
  await expect
    .poll(async () =>
      (await results(page))
        .slice(0, 2)
        .map(([name]) => name)
        .sort(),
    )
    .toEqual(['red-circle.png', 'red-star.png']);
  ranked = await results(page);
  expect(isDescending(ranked.map(([, s]) => s))).toBe(true);
});

test('"more like this" ranks images by image-image similarity, from a card or a search result', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  await card(page, 'red-star.png').getByRole('button', { name: 'More like this: red-star.png' }).click();
  await expect(page.getByRole('tab', { name: 'Search' })).toHaveAttribute('aria-selected', 'true');
  let ranked = await results(page);
  expect(ranked[0]![0]).toBe('red-star.png');
  expect(ranked[0]![1]).toBeCloseTo(1, 4);
  expect(ranked).toHaveLength(4);
  expect(isDescending(ranked.map(([, s]) => s))).toBe(true);
  await expect(page.getByText('Images most like red-star.png')).toBeVisible();

  await page
    .getByTestId('search-result')
    .last()
    .getByRole('button', { name: /^More like/ })
    .click();
  const last = ranked.at(-1)![0];
  await expect(page.getByTestId('search-result').first()).toHaveAttribute('data-image-name', last);
  ranked = await results(page);
  expect(ranked[0]![1]).toBeCloseTo(1, 4);

  // Typing a text query again leaves image search.
  await page.getByTestId('search-input').fill('blue star');
  await expect(page.getByTestId('search-result').first()).toHaveAttribute('data-image-name', 'blue-star.png');
});

test('the tabs work from the keyboard and search without images says what to do', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByRole('tab', { name: 'Classify' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Search' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Search' })).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('search-input').fill('red circle');
  await expect(page.getByText('Drop images first')).toBeVisible();
  await expect(page.getByTestId('search-result')).toHaveCount(0);
});
