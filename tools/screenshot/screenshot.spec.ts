// Writes docs/screenshot.png for the README: `npm run screenshot` (after `npm run build`).
import { test } from '@playwright/test';
import { join } from 'node:path';
import { dropFiles, fixtureFile, openApp, SHAPE_FIXTURES, topLabel } from '../../e2e/helpers';

test('README screenshot', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 760 });
  await openApp(page);
  await dropFiles(
    page,
    SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
  for (const file of SHAPE_FIXTURES) await topLabel(page, file);
  await page.screenshot({ path: join(import.meta.dirname, '../../docs/screenshot.png') });
});
