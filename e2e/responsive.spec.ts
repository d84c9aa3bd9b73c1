import { expect, test, type Page } from '@playwright/test';
import { SHAPE_FIXTURES, card, dropFiles, fixtureFile, openApp } from './helpers';

// A phone (small and common), and a tablet in portrait: touch screens without a fine pointer.
const SCREENS = [
  { width: 320, height: 568 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
];
const TABS = ['classify', 'search', 'matrix', 'ensemble', 'camera', 'compare', 'describe'];
// A file name with no place to break: it must be shortened, not widen the page.
const LONG_NAME = 'a-photo-with-a-very-long-file-name-that-has-no-spaces-in-it-at-all-red-circle.png';

/** The page's width against the viewport's, with the elements that stick out when it is wider (for the message). */
function pageWidth(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .slice(0, 6)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} → ${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
}

/** Images classified, the settings and share panels open, a comparison running: every part of the page shown. */
async function fillPage(page: Page) {
  await openApp(page, '?backend=wasm');
  await dropFiles(page, [
    ...SHAPE_FIXTURES.map((f) => fixtureFile(f)),
    { ...fixtureFile('red-circle.png'), name: LONG_NAME },
  ]);
  await expect(card(page, LONG_NAME)).toHaveAttribute('data-state', 'done');
  await page.getByText('Models and settings').click();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toBeVisible();
  await page.getByTestId('tab-compare').click();
  await page.getByLabel('Its weights').selectOption('q8');
  await page.getByTestId('compare-start').click();
  await expect(page.getByTestId('compare-status')).toContainText('agree on the top label');
}

for (const screen of SCREENS) {
  test.describe(`${screen.width} px wide`, () => {
    test.use({ viewport: screen, hasTouch: true, isMobile: true });

    test('no view scrolls sideways, with results and every panel open', async ({ page }) => {
      await fillPage(page);
      for (const tab of TABS) {
        await page.getByTestId(`tab-${tab}`).click();
        await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
        const measured = await pageWidth(page);
        expect(measured, `the ${tab} view at ${screen.width} px`).toMatchObject({
          scrollWidth: screen.width,
          width: screen.width,
        });
      }
    });

    test('the tabs stay on one row', async ({ page }) => {
      await openApp(page, '?backend=wasm');
      const tops = await page
        .getByRole('tab')
        .evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)));
      expect(tops).toHaveLength(TABS.length);
      expect(new Set(tops).size, `tab tops ${tops.join(', ')}`).toBe(1);
      // A tab off the edge comes into view when chosen with the keyboard.
      await page.getByRole('tab', { name: 'Classify' }).focus();
      await page.keyboard.press('End');
      // Whole within the row's visible part, horizontally (to the pixel: scroll positions are fractional).
      const last = page.getByRole('tab', { name: 'Describe' });
      await expect
        .poll(() =>
          last.evaluate((tab) => {
            const shown = tab.getBoundingClientRect();
            const row = tab.closest('[role="tablist"]')!.getBoundingClientRect();
            return shown.left >= row.left - 1 && shown.right <= Math.min(row.right, window.innerWidth) + 1;
          }),
        )
        .toBe(true);
    });

    test('charts keep their labels and values readable', async ({ page }) => {
      await openApp(page, '?backend=wasm');
      await dropFiles(page, [fixtureFile('red-circle.png')]);
      const bars = card(page, 'red-circle.png').getByTestId('bar');
      await expect(bars.first()).toBeVisible();
      const parts = await bars.evaluateAll((els) =>
        els.map((el) => {
          const label = el.querySelector('.bar-label')!;
          const value = el.querySelector('.bar-value')!;
          return {
            labelWidth: label.getBoundingClientRect().width,
            valueClipped: value.scrollWidth > value.clientWidth,
          };
        }),
      );
      for (const part of parts) {
        expect(part.labelWidth).toBeGreaterThanOrEqual(64);
        expect(part.valueClipped).toBe(false);
      }
    });
  });
}

test.describe('on a phone (390 x 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the photo picker comes first, within the first screen, and says nothing about dropping', async ({ page }) => {
    await openApp(page, '?backend=wasm');
    const picker = page.getByRole('button', { name: 'Choose or take photos' });
    await expect(picker).toBeInViewport({ ratio: 1 });
    const pickerTop = (await picker.boundingBox())!.y;
    const labelsTop = (await page.getByText('Labels', { exact: false }).first().boundingBox())!.y;
    expect(pickerTop).toBeLessThan(labelsTop);
    // In reading order too (keyboard and screen reader), not only on screen.
    const order = await picker.evaluate(
      (button) =>
        button.compareDocumentPosition(document.querySelector('[data-testid="labels-editor"]')!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(order).toBeTruthy();
    await expect(page.getByText(/drop/i).filter({ visible: true })).toHaveCount(0);
    await expect(page.getByTestId('image-input')).toHaveAttribute('accept', 'image/*');
    await expect(page.getByTestId('image-input')).toHaveAttribute('multiple', '');
  });

  test('the labels fold to a summary with their count, and open to edit', async ({ page }) => {
    await openApp(page, '?backend=wasm');
    const editor = page.getByTestId('labels-editor');
    await expect(editor).toBeHidden();
    const summary = page.getByText(/^Labels \(48\)/);
    await summary.click();
    await expect(editor).toBeVisible();
    await editor.fill('red circle\nblue star');
    await expect(page.getByText(/^Labels \(2\)/)).toBeVisible();
  });

  test('matrix values are written in the cells, not only in tooltips', async ({ page }) => {
    await openApp(page, '?backend=wasm');
    await dropFiles(page, [fixtureFile('red-circle.png'), fixtureFile('blue-star.png')]);
    await expect(card(page, 'blue-star.png')).toHaveAttribute('data-state', 'done');
    await page.getByTestId('tab-matrix').click();
    const cell = page.locator('[data-testid="matrix-cell"][data-image-name="red-circle.png"][data-label="red circle"]');
    const value = Number(await cell.getAttribute('data-value'));
    await expect(page.getByTestId('matrix-cell')).toHaveCount(2 * 48);
    await expect(cell).toHaveText(value.toFixed(3));
    await cell.scrollIntoViewIfNeeded();
    const box = await cell.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const text = range.getBoundingClientRect();
      const own = el.getBoundingClientRect();
      return { textWidth: text.width, fits: text.left >= own.left - 0.5 && text.right <= own.right + 0.5 };
    });
    expect(box.textWidth).toBeGreaterThan(10);
    expect(box.fits).toBe(true);
  });
});

test.describe('with a mouse (1280 x 800)', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the drop hint shows, the labels are open beside the images, the picker is a button', async ({ page }) => {
    await openApp(page, '?backend=wasm');
    await expect(page.getByText('Drop images anywhere')).toBeVisible();
    await expect(page.getByTestId('labels-editor')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Choose images' })).toBeVisible();
  });
});
