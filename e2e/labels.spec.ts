import { expect, test } from '@playwright/test';
import { card, distinctMiniLabels, dropFiles, fixtureFile, openApp, scores, setLabels, topLabel } from './helpers';

test('typing a label updates the chart live without re-encoding the image', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await setLabels(page, ['blue circle', 'red square']);
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  const bars = card(page, 'red-circle.png').getByTestId('bar');
  await expect(bars).toHaveCount(2);
  const thumbnail = await card(page, 'red-circle.png').locator('img').getAttribute('src');
  const editor = page.getByTestId('labels-editor');
  await editor.press('End');
  await editor.pressSequentially('\nred circle');
  await expect(bars).toHaveCount(3);
  expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
  // A re-encoded image would get a new thumbnail URL from the worker.
  expect(await card(page, 'red-circle.png').locator('img').getAttribute('src')).toBe(thumbnail);
});

test('the prompt template changes the scores, and blank lines and duplicates are ignored', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await setLabels(page, ['red circle', '', 'red circle', '  blue star  ', 'green square']);
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  await expect(card(page, 'blue-star.png').getByTestId('bar')).toHaveCount(3);
  const before = await scores(page, 'blue-star.png', 'data-similarity');
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
  await page.getByTestId('template-input').fill('a drawing of a {}');
  await expect
    .poll(async () => (await scores(page, 'blue-star.png', 'data-similarity')).get('blue star'))
    .not.toBe(before.get('blue star'));
});

test('no labels shows a hint, not an error', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await setLabels(page, ['', '   ']);
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  await expect(page.getByText('Type or paste at least one label')).toBeVisible();
  await expect(card(page, 'red-circle.png').getByText('Add labels to see scores.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('1000 labels are all scored and the page stays responsive', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const labels = distinctMiniLabels(999, ['yellow', 'triangle']).concat('yellow triangle');
  await setLabels(page, labels);
  await dropFiles(page, [fixtureFile('yellow-triangle.png')]);
  await card(page, 'yellow-triangle.png').getByRole('button', { name: 'Show all 1000 labels' }).click();
  await expect(card(page, 'yellow-triangle.png').getByTestId('bar')).toHaveCount(1000);
  const total = [...(await scores(page, 'yellow-triangle.png')).values()].reduce((a, b) => a + b, 0);
  expect(total).toBeCloseTo(1, 2);
  await page.getByTestId('template-input').fill('a {}');
  await expect(page.getByTestId('template-input')).toHaveValue('a {}');
});

test('labels are shown as text, never run as HTML', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await openApp(page, '?backend=wasm');
  const html = '<img src=x onerror=alert(1)>';
  await setLabels(page, [html, 'red circle']);
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  const bar = card(page, 'red-circle.png').locator(`[data-testid="bar"][data-label="${html}"]`);
  await expect(bar).toContainText(html);
  await expect(card(page, 'red-circle.png').locator('.bars img')).toHaveCount(0);
  expect(dialogs).toBe(0);
});
