import { expect, test, type Page } from '@playwright/test';
import { focusIsOnVisibleElement, openAppPatiently } from './a11y-helpers';
import { card, dropFiles, fixtureFile } from './helpers';

/** WCAG 2.4.3: after an action removes or replaces the focused control, focus lands on a visible element. */
// Loading the Mini and a second model on a busy shared machine takes minutes at worst.
test.describe.configure({ timeout: 400_000 });

const FILES = ['red-circle.png', 'blue-star.png', 'yellow-triangle.png'];

async function dropAndWait(page: Page, files: string[]): Promise<void> {
  await dropFiles(
    page,
    files.map((f) => fixtureFile(f)),
  );
  for (const f of files) await expect(card(page, f).getByTestId('bar').first()).toBeVisible();
}

/** Presses Enter on a control, as a keyboard user does. */
async function press(page: Page, control: ReturnType<Page['getByTestId']>): Promise<void> {
  await control.focus();
  await control.press('Enter');
}

const removeButton = (page: Page, name: string) => card(page, name).getByTestId('remove-image');

test('removing a card moves focus to the next card, else the previous one, else the image picker', async ({ page }) => {
  await openAppPatiently(page, '?backend=wasm');
  await dropAndWait(page, FILES);
  await expect(removeButton(page, 'blue-star.png')).toHaveAccessibleName('Remove blue-star.png');

  await press(page, removeButton(page, 'blue-star.png')); // the middle card
  await expect(card(page, 'blue-star.png')).toHaveCount(0);
  await expect(removeButton(page, 'yellow-triangle.png')).toBeFocused();

  await press(page, removeButton(page, 'yellow-triangle.png')); // now the last card
  await expect(card(page, 'yellow-triangle.png')).toHaveCount(0);
  await expect(removeButton(page, 'red-circle.png')).toBeFocused();

  await press(page, removeButton(page, 'red-circle.png')); // the only card
  await expect(page.getByTestId('result-card')).toHaveCount(0);
  expect(await focusIsOnVisibleElement(page)).toBe(true);
  expect(await page.getByTestId('drop-zone').evaluate((zone) => zone.contains(document.activeElement))).toBe(true);

  // "Clear all" goes away with the cards: focus goes to the image picker too.
  await dropAndWait(page, FILES);
  await press(page, page.getByRole('button', { name: 'Clear all' }));
  await expect(page.getByTestId('result-card')).toHaveCount(0);
  expect(await focusIsOnVisibleElement(page)).toBe(true);
  expect(await page.getByTestId('drop-zone').evaluate((zone) => zone.contains(document.activeElement))).toBe(true);
});

test('"More like this" and the controls that replace views leave focus on a visible element', async ({ page }) => {
  await openAppPatiently(page, '?backend=wasm');
  await dropAndWait(page, FILES);

  // The card (and its button) give way to the Search view: focus goes to the heading of its results.
  await press(page, card(page, 'blue-star.png').getByRole('button', { name: 'More like this: blue-star.png' }));
  await expect(page.getByTestId('tab-search')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Images most like blue-star.png' })).toBeFocused();
  expect(await focusIsOnVisibleElement(page)).toBe(true);

  // From a search result, too (the list is re-ranked under it).
  await press(
    page,
    page
      .getByTestId('search-result')
      .last()
      .getByRole('button', { name: /^More like this/ }),
  );
  await expect(page.getByRole('heading', { name: /^Images most like/ })).toBeFocused();

  await press(page, page.getByRole('button', { name: 'Back to text search' }));
  await expect(page.getByTestId('search-input')).toBeFocused();

  // The matrix's "Original order" goes away once pressed: focus goes to the grid.
  await page.getByTestId('tab-matrix').click();
  await page.getByTestId('matrix').getByRole('button', { name: 'blue-star.png' }).click();
  await press(page, page.getByRole('button', { name: 'Original order' }));
  await expect(page.getByRole('button', { name: 'Original order' })).toHaveCount(0);
  await expect(page.getByTestId('matrix').locator('[tabindex="0"]')).toBeFocused();

  // "Stop comparing" goes away once pressed: focus goes to the Compare button.
  await page.getByTestId('tab-compare').click();
  await page.getByLabel('Its weights').selectOption('q8');
  await page.getByTestId('compare-start').click();
  await expect(page.getByTestId('compare-status')).toContainText('agree on the top label');
  await press(page, page.getByRole('button', { name: 'Stop comparing' }));
  await expect(page.getByTestId('compare-start')).toBeFocused();
  expect(await focusIsOnVisibleElement(page)).toBe(true);
});
