// Writes the README's screenshots: `npm run screenshot` (it builds first). docs/screenshot.png is the first screen a
// newcomer meets on a laptop; docs/screenshot-phone.png is a phone after one click on "Try an example: shapes".
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { openApp } from '../../e2e/helpers';

const DOCS = join(import.meta.dirname, '../../docs');

test.describe('laptop', () => {
  test.use({ viewport: { width: 1200, height: 1000 } });
  test('first screen', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('try-example').first()).toBeVisible();
    await page.screenshot({ path: join(DOCS, 'screenshot.png') });
  });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test('shapes example', async ({ page }) => {
    await openApp(page);
    await page.locator('[data-testid="try-example"][data-example="shapes"]').click();
    await expect(page.locator('.result-card .bars').first()).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('run-progress')).toHaveCount(0, { timeout: 120_000 });
    await page.screenshot({ path: join(DOCS, 'screenshot-phone.png') });
  });
});
