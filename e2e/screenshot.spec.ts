import { test } from '@playwright/test';
import { dropFiles, fixtureFile, openApp, SHAPE_FIXTURES, topLabel } from './helpers';

test('screenshot', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  await dropFiles(
    page,
    SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
  for (const f of SHAPE_FIXTURES) await topLabel(page, f);
  await page.screenshot({ path: '/tmp/shot.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/tmp/shot-phone.png', fullPage: false });
});
