import { expect, test } from '@playwright/test';
import { card, dropFiles, fixtureFile, openApp, setLabels, topLabel, trueLabel } from './helpers';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';

const MESSAGE = /this model only knows coloured shapes: pick a real CLIP model/i;

test('the Mini says a photo or a screenshot is beyond it instead of showing a confident top bar', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await setLabels(page, MINI_PAIRS);
  // A real screenshot of a web page, taken by Chromium: this page itself.
  const screenshot = await page.screenshot({ type: 'png' });
  await dropFiles(page, [
    fixtureFile('photos/chelsea.png'),
    fixtureFile('photos/coffee.png'),
    { name: 'screenshot.png', type: 'image/png', base64: screenshot.toString('base64') },
    fixtureFile('red-circle.png'),
    fixtureFile('blue-star.png'),
  ]);
  for (const name of ['photos/chelsea.png', 'photos/coffee.png', 'screenshot.png']) {
    const notice = card(page, name).getByTestId('unfamiliar-image');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(MESSAGE);
    await expect(card(page, name).getByTestId('bar').first()).toBeHidden();
  }
  for (const name of ['red-circle.png', 'blue-star.png']) {
    expect(await topLabel(page, name)).toBe(trueLabel(name));
    await expect(card(page, name).getByTestId('unfamiliar-image')).toHaveCount(0);
  }

  // The scores stay one click away, and the model picker one button away.
  const cat = card(page, 'photos/chelsea.png');
  await cat.getByText('Show the scores anyway').click();
  await expect(cat.getByTestId('bar').first()).toBeVisible();
  await cat.getByRole('button', { name: 'Choose a model' }).click();
  await expect(page.getByLabel('Model', { exact: true })).toBeFocused();
});
