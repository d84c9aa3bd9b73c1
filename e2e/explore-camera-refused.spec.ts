import { expect, test } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium';
import { openApp } from './helpers';

// A fake camera but no fake permission UI: headless Chromium dismisses the prompt, as when a person refuses it.
test.use({
  launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, '--use-fake-device-for-media-stream'] },
});

test('a refused camera gets a clear message and the app keeps working', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByRole('tab', { name: 'Camera' }).click();
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByRole('alert')).toContainText('Camera access was refused');
  await expect(page.getByTestId('camera-toggle')).toHaveText('Start camera');
  await page.getByRole('tab', { name: 'Classify' }).click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
});
