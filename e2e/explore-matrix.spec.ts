import { expect, test, type Page } from '@playwright/test';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';
import {
  SHAPE_FIXTURES,
  card,
  classifyShapeFixtures,
  dropFiles,
  fixtureFile,
  openApp,
  scores,
  setLabels,
  trueLabel,
} from './helpers';

const cell = (page: Page, image: string, label: string) =>
  page.locator(`[data-testid="matrix-cell"][data-image-name="${image}"][data-label="${label}"]`);

async function value(page: Page, image: string, label: string): Promise<number> {
  return Number(await cell(page, image, label).getAttribute('data-value'));
}

/** The image names of the matrix rows, top to bottom. */
async function rowNames(page: Page, label: string): Promise<string[]> {
  return page
    .locator(`[data-testid="matrix-cell"][data-label="${label}"]`)
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-image-name')!));
}

test('the matrix holds every image x label, agrees with the charts, and peaks at each true label', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  const similarities = await scores(page, 'red-circle.png', 'data-similarity');
  const probabilities = await scores(page, 'red-circle.png');
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.getByTestId('matrix')).toBeVisible();
  await expect(page.getByTestId('matrix-cell')).toHaveCount(SHAPE_FIXTURES.length * MINI_PAIRS.length);
  for (const [label, similarity] of similarities)
    expect(await value(page, 'red-circle.png', label)).toBeCloseTo(similarity, 5);
  for (const file of SHAPE_FIXTURES) {
    const row = await page
      .locator(`[data-testid="matrix-cell"][data-image-name="${file}"]`)
      .evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-label')!, Number(el.getAttribute('data-value'))] as const),
      );
    const best = row.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(best[0]).toBe(trueLabel(file));
  }
  await page.getByLabel('Probability').last().check();
  await expect.poll(() => value(page, 'red-circle.png', 'red circle')).toBeCloseTo(probabilities.get('red circle')!, 5);
});

test('sorting by a label column or an image row reorders the matrix', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  await page.getByRole('tab', { name: 'Matrix' }).click();
  expect(await rowNames(page, 'blue star')).toEqual(SHAPE_FIXTURES);
  await page.getByRole('button', { name: 'yellow triangle', exact: true }).click();
  await expect.poll(async () => (await rowNames(page, 'blue star'))[0]).toBe('yellow-triangle.png');
  const column = await rowNames(page, 'yellow triangle');
  const values = await Promise.all(column.map((name) => value(page, name, 'yellow triangle')));
  expect(values).toEqual([...values].sort((a, b) => b - a));
  // The sort names its label, so a label added above it leaves the order alone.
  await setLabels(page, ['a shape', ...MINI_PAIRS]);
  await expect(page.getByTestId('matrix-cell')).toHaveCount(SHAPE_FIXTURES.length * (MINI_PAIRS.length + 1));
  expect((await rowNames(page, 'blue star'))[0]).toBe('yellow-triangle.png');
  await expect(page.getByRole('columnheader', { name: 'yellow triangle' })).toHaveAttribute('aria-sort', 'descending');
  await page.getByTestId('matrix').getByRole('button', { name: 'blue-star.png' }).click();
  const firstLabel = page.locator('[data-testid="matrix-cell"][data-image-name="blue-star.png"]').first();
  await expect(firstLabel).toHaveAttribute('data-label', 'blue star');
  await page.getByRole('button', { name: 'Original order' }).click();
  expect(await rowNames(page, 'blue star')).toEqual(SHAPE_FIXTURES);
});

test('clicking a cell, or Enter on it, focuses that image card and marks the label', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await cell(page, 'red-star.png', 'white hexagon').click();
  await expect(page.getByRole('tab', { name: 'Classify' })).toHaveAttribute('aria-selected', 'true');
  await expect(card(page, 'red-star.png')).toBeFocused();
  // The chosen label is shown and marked even though it is far from the top ten.
  await expect(card(page, 'red-star.png').locator('[data-testid="bar"][aria-current="true"]')).toHaveAttribute(
    'data-label',
    'white hexagon',
  );

  // Keyboard: one tab stop, arrow keys move, Enter chooses.
  await page.getByRole('tab', { name: 'Matrix' }).click();
  const first = page.getByTestId('matrix-cell').first();
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const focused = page.locator('[data-testid="matrix-cell"]:focus');
  await expect(focused).toHaveAttribute('data-image-name', SHAPE_FIXTURES[1]!);
  await expect(focused).toHaveAttribute('data-label', MINI_PAIRS[1]!);
  await page.keyboard.press('Enter');
  await expect(card(page, SHAPE_FIXTURES[1]!)).toBeFocused();
  await expect(card(page, SHAPE_FIXTURES[1]!).locator('[aria-current="true"]')).toHaveAttribute(
    'data-label',
    MINI_PAIRS[1]!,
  );
});

test('a 50 x 50 matrix scrolls under sticky headers and labels every cell', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const labels = [...MINI_PAIRS, 'a shape', 'a colour'];
  await setLabels(page, labels);
  const files = Array.from({ length: 50 }, (_, i) => {
    const source = SHAPE_FIXTURES[i % SHAPE_FIXTURES.length]!;
    return { ...fixtureFile(source), name: `${String(i).padStart(2, '0')}-${source}` };
  });
  await dropFiles(page, files);
  await expect(page.locator('[data-testid="result-card"][data-state="done"]')).toHaveCount(50);
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.getByTestId('matrix-cell')).toHaveCount(2500);
  const lastName = files.at(-1)!.name;
  const last = cell(page, lastName, 'a colour');
  expect(await last.getAttribute('aria-label')).toMatch(
    new RegExp(`^${lastName.replace('.', '\\.')}, a colour: -?\\d\\.\\d{3}$`),
  );
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  // After scrolling to the far corner, the label and image headers are still in view.
  await expect(page.getByRole('button', { name: 'a colour', exact: true })).toBeInViewport();
  await expect(page.getByTestId('matrix').getByRole('button', { name: lastName })).toBeInViewport();
});
