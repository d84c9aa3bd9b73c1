import { expect, test } from '@playwright/test';
import { card, dropFiles, fixtureFile, openApp, scores, setLabels } from './helpers';

test('a line of only invisible characters is blank, not an invisible label', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await setLabels(page, ['red circle', '\u200B', '\u200B\u200C\u2060 \uFEFF\u200D', 'blue star']);
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  const bars = card(page, 'red-circle.png').getByTestId('bar');
  await expect(bars).toHaveCount(2);
  expect([...(await scores(page, 'red-circle.png')).keys()].sort()).toEqual(['blue star', 'red circle']);
  await expect(page.getByText('2 labels', { exact: true })).toBeVisible();
});

test('labels the tokenizer reads alike share one bar, with a hint naming them', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  await setLabels(page, ['red circle', 'blue star']);
  await expect(card(page, 'red-circle.png').getByTestId('bar')).toHaveCount(2);
  const alone = await scores(page, 'red-circle.png');

  // The Mini's tokenizer lowercases, so these three prompts are the same tokens.
  await setLabels(page, ['red circle', 'Red Circle', 'blue star', 'RED CIRCLE']);
  const hint = page.getByTestId('merged-labels');
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('Red Circle');
  await expect(hint).toContainText('RED CIRCLE');
  await expect(hint).toContainText('merged into red circle');
  await expect(card(page, 'red-circle.png').getByTestId('bar')).toHaveCount(2);
  const merged = await scores(page, 'red-circle.png');
  // One meaning keeps its whole probability instead of splitting it three ways.
  expect(merged.get('red circle')).toBeCloseTo(alone.get('red circle')!, 5);
  expect(merged.get('blue star')).toBeCloseTo(alone.get('blue star')!, 5);

  await setLabels(page, ['red circle', 'blue star']);
  await expect(hint).toHaveCount(0);
});
