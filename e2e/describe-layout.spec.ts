import { expect, test } from '@playwright/test';
import { seriousViolations } from './a11y-helpers';
import { SHAPE_FIXTURES, dropFiles, fixtureFile, openApp } from './helpers';
import { generated, likelihoodBars } from './describe-helpers';

// The Describe view on a phone (320 px), in both themes, with every part shown: captions, answers,
// continuations, both charts. Nothing scrolls sideways and axe finds no serious violation.
const LONG_NAME = 'a-photo-with-a-very-long-file-name-that-has-no-spaces-in-it-at-all-red-circle.png';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Describe view fits 320 px and passes axe, ${colorScheme}`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.emulateMedia({ colorScheme });
    await openApp(page, '?backend=wasm');
    // Keyboard: the Describe tab is reached from the tab row with the arrow keys.
    await page.getByTestId('tab-classify').focus();
    await page.keyboard.press('End');
    await expect(page.getByTestId('tab-describe')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('tab-describe')).toBeFocused();
    await page.getByTestId('question-input').fill('is there a triangle?');
    await page.getByTestId('prefix-input').fill('a photo of a');
    const files = [...SHAPE_FIXTURES, LONG_NAME];
    await dropFiles(page, [
      ...SHAPE_FIXTURES.map((f) => fixtureFile(f)),
      { ...fixtureFile('red-circle.png'), name: LONG_NAME },
    ]);
    for (const file of files) {
      for (const kind of ['caption', 'answer', 'continuation'] as const)
        await expect(generated(page, kind, file)).toHaveAttribute('data-state', 'done');
      await expect(likelihoodBars(page, file).first()).toBeVisible();
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBe(320);
    const found = await seriousViolations(page, `describe, 320 px, ${colorScheme}`);
    expect(found, found.join('\n')).toEqual([]);
  });
}
