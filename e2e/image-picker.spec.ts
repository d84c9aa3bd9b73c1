import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { FIXTURES, card, openApp } from './helpers';

/** Tabs from the top of the page to the image picker, as a keyboard user does, and returns its accessible name. */
async function tabToPicker(page: Page): Promise<string> {
  await page.locator('body').focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement;
      return el instanceof HTMLButtonElement && el.closest('[data-testid="drop-zone"]') ? el.innerText : null;
    });
    if (name) return name;
  }
  throw new Error('No button in the drop zone was reached with Tab');
}

for (const key of ['Enter', 'Space']) {
  test(`${key} on the image picker opens the file chooser, and the chosen images are classified`, async ({ page }) => {
    await openApp(page, '?backend=wasm');
    expect(await tabToPicker(page)).toBe('Choose images');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press(key);
    const fileChooser = await chooser;
    expect(fileChooser.isMultiple()).toBe(true);
    await fileChooser.setFiles([join(FIXTURES, 'red-star.png'), join(FIXTURES, 'blue-star.png')]);
    await expect(card(page, 'red-star.png')).toHaveAttribute('data-state', 'done');
    await expect(card(page, 'blue-star.png')).toHaveAttribute('data-state', 'done');
  });
}
