import { expect, test } from '@playwright/test';
import { card, dropFiles, fixtureFile, openApp, textFile, topLabel } from './helpers';

test('a broken or non-image file gets its own error and the other images still work', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await dropFiles(page, [
    textFile('notes.png', 'this is not an image'),
    fixtureFile('red-circle.png'),
    { name: 'empty.jpg', type: 'image/jpeg', base64: '' },
  ]);
  expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
  const broken = card(page, 'notes.png').getByRole('alert');
  await expect(broken).toContainText('could not be decoded');
  await expect(card(page, 'empty.jpg').getByRole('alert')).toContainText('empty');
  await expect(card(page, 'red-circle.png').getByRole('alert')).toHaveCount(0);
  // The app keeps working after the failures.
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
});
