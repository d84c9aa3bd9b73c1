import { expect, test } from '@playwright/test';
import { card, dropFiles, fixtureFile, openApp, setLabels } from './helpers';

// U+202E RIGHT-TO-LEFT OVERRIDE: shown raw, "\u202Egnp.exe" reads as "exe.png".
const SPOOF = '\u202Egnp.exe';
const SHOWN = '<U+202E>gnp.exe';

test('a file name with bidi controls is isolated and shows its controls, in cards, search and the matrix', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm');
  await setLabels(page, ['red circle', 'blue star', 'red \u202Eelcric']);
  await dropFiles(page, [{ ...fixtureFile('red-circle.png'), name: SPOOF }]);
  const spoofCard = card(page, SPOOF);
  await expect(spoofCard.getByTestId('bar')).toHaveCount(3);

  const name = spoofCard.locator('.image-name bdi');
  await expect(name).toHaveText(SHOWN);
  expect(await name.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
  await expect(spoofCard.getByRole('button', { name: `Remove ${SHOWN}` })).toBeVisible();
  await expect(spoofCard.locator('[data-label="red \u202Eelcric"] .bar-label')).toHaveText('red <U+202E>elcric');

  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByTestId('search-input').fill('red circle');
  await expect(page.getByTestId('search-result').locator('.image-name bdi')).toHaveText(SHOWN);

  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.locator('.matrix .row-head bdi')).toHaveText(SHOWN);
  const cell = page.getByTestId('matrix-cell').first();
  expect(await cell.getAttribute('aria-label')).toContain(SHOWN);
  // Nowhere on the page is the raw control character shown as text.
  expect(await page.locator('body').innerText()).not.toContain('\u202E');
});
