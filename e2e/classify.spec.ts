import { expect, test } from '@playwright/test';
import { FIXTURES, SHAPE_FIXTURES, card, classifyShapeFixtures, openApp, scores, topLabel } from './helpers';
import { join } from 'node:path';

test('dropped fixture images get their true colour-shape label first', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await classifyShapeFixtures(page);
  const probabilities = [...(await scores(page, 'red-circle.png')).values()];
  expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
});

test('picked files are classified too, and removing or clearing images works', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('image-input').setInputFiles(SHAPE_FIXTURES.slice(0, 2).map((f) => join(FIXTURES, f)));
  expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
  await page.getByRole('button', { name: 'Remove red-circle.png' }).click();
  await expect(card(page, 'red-circle.png')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByTestId('result-card')).toHaveCount(0);
});
