import { expect, test, type JSHandle, type Page } from '@playwright/test';
import { ALL_SHAPE_FIXTURES, card, dropFiles, fixtureFile, makeTransfer, openApp } from './helpers';

test.use({ viewport: { width: 1024, height: 600 } });

/** Ten classified images, the page scrolled to its end: the drop zone is far above, out of sight. */
async function scrolledDown(page: Page): Promise<void> {
  await openApp(page, '?backend=wasm');
  await dropFiles(
    page,
    ALL_SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
  for (const file of ALL_SHAPE_FIXTURES) await expect(card(page, file)).toHaveAttribute('data-state', 'done');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.getByTestId('drop-zone')).not.toBeInViewport();
}

/** The first events of a drag of `transfer` entering the page over the last card. */
async function dragIn(page: Page, transfer: JSHandle<DataTransfer>): Promise<void> {
  const last = card(page, ALL_SHAPE_FIXTURES.at(-1)!);
  await last.dispatchEvent('dragenter', { dataTransfer: transfer });
  await last.dispatchEvent('dragover', { dataTransfer: transfer });
}

test('dragging files over a scrolled page covers the window; dropping there adds the images', async ({ page }) => {
  await scrolledDown(page);
  const overlay = page.getByTestId('drop-overlay');
  await expect(overlay).toBeHidden();
  const transfer = await makeTransfer(page, [{ ...fixtureFile('blue-star.png'), name: 'dropped-star.png' }]);
  await dragIn(page, transfer);
  await expect(overlay).toBeVisible();
  await expect(overlay).toBeInViewport({ ratio: 1 });
  await expect(overlay).toContainText('Drop images to classify them');
  const box = (await overlay.boundingBox())!;
  expect(box).toMatchObject({ x: 0, y: 0, width: 1024, height: 600 });
  await overlay.dispatchEvent('dragover', { dataTransfer: transfer });
  await overlay.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(overlay).toBeHidden();
  await expect(card(page, 'dropped-star.png')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('result-card')).toHaveCount(ALL_SHAPE_FIXTURES.length + 1);
});

test('the overlay goes when the drag leaves the window or on Escape', async ({ page }) => {
  await scrolledDown(page);
  const overlay = page.getByTestId('drop-overlay');
  const transfer = await makeTransfer(page, [fixtureFile('blue-star.png')]);
  await dragIn(page, transfer);
  await expect(overlay).toBeVisible();
  // Leaving the window: a dragleave with no element to go to.
  await overlay.dispatchEvent('dragleave', { dataTransfer: transfer, relatedTarget: null });
  await expect(overlay).toBeHidden();
  await dragIn(page, transfer);
  await expect(overlay).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
  await expect(page.getByTestId('result-card')).toHaveCount(ALL_SHAPE_FIXTURES.length);
});

test('dragging text or links (not files) shows no overlay', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const transfer = await page.evaluateHandle(() => {
    const t = new DataTransfer();
    t.setData('text/plain', 'red circle');
    return t;
  });
  await page.getByTestId('labels-editor').dispatchEvent('dragenter', { dataTransfer: transfer });
  await page.getByTestId('labels-editor').dispatchEvent('dragover', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
});
