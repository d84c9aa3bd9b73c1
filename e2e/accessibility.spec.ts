import { expect, test, type Page } from '@playwright/test';
import { openAppPatiently, seriousViolations } from './a11y-helpers';
import { classifyShapeFixtures } from './helpers';

/**
 * axe-core (WCAG 2.2 A/AA rules) on every view, with images and results present and the settings and share panels
 * open, in both themes at a phone and a desktop width. One page per width and theme; the views are tabs in it.
 */
const WIDTHS = [390, 1280];
const THEMES = ['light', 'dark'] as const;

/** Opens a tab and waits until its content (results, charts) is drawn. */
async function showView(page: Page, tab: string, ready: () => Promise<void>): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await ready();
}

for (const width of WIDTHS) {
  for (const colorScheme of THEMES) {
    test(`no serious or critical axe violation on any view, ${width} px, ${colorScheme}`, async ({ page }) => {
      test.setTimeout(600_000); // six views, each audited; the second model loads in Compare
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await openAppPatiently(page, '?backend=wasm');
      const found = await seriousViolations(page, 'first screen');

      await classifyShapeFixtures(page);
      await page.getByText('Models and settings').click();
      await page.getByTestId('share').click();
      await expect(page.getByTestId('share-link')).toBeVisible();
      found.push(...(await seriousViolations(page, 'classify, panels open')));

      await showView(page, 'search', async () => {
        await page.getByTestId('search-input').fill('red star');
        await expect(page.getByTestId('search-result')).toHaveCount(4);
      });
      found.push(...(await seriousViolations(page, 'search')));

      await showView(page, 'matrix', () => expect(page.locator('.matrix-cell').first()).toBeVisible());
      found.push(...(await seriousViolations(page, 'matrix')));

      await showView(page, 'ensemble', () =>
        expect(page.getByTestId('ensemble-status')).toContainText('The ensemble changes the top label'),
      );
      found.push(...(await seriousViolations(page, 'ensemble')));
      // Again with the settings panel closed: its headings then no longer come before the ensemble's (heading-order).
      await page.getByText('Models and settings').click();
      found.push(...(await seriousViolations(page, 'ensemble, settings closed')));

      await showView(page, 'camera', () => expect(page.getByTestId('camera-toggle')).toBeVisible());
      found.push(...(await seriousViolations(page, 'camera (not started)')));

      await showView(page, 'compare', async () => {
        await page.getByLabel('Its weights').selectOption('q8');
        await page.getByTestId('compare-start').click();
        await expect(page.getByTestId('compare-status')).toContainText('agree on the top label');
        await expect(page.getByTestId('compare-other').first().getByTestId('bar').first()).toBeVisible();
      });
      found.push(...(await seriousViolations(page, 'compare')));

      expect(found, found.join('\n')).toEqual([]);
    });
  }
}
