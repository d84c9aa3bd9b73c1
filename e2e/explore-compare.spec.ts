import { expect, test, type Locator } from '@playwright/test';
import { SHAPE_FIXTURES, classifyShapeFixtures, dropFiles, fixtureFile, openApp, trueLabel } from './helpers';

async function sideScores(side: Locator): Promise<Map<string, number>> {
  const bars = side.getByTestId('bar');
  await expect(bars.first()).toBeVisible();
  return new Map(
    await bars.evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-label')!, Number(el.getAttribute('data-similarity'))] as const),
    ),
  );
}

const side = (page: import('@playwright/test').Page, testId: string, image: string) =>
  page.locator(`[data-testid="${testId}"][data-image-name="${image}"]`);

test('a second model (Mini int8, in its own worker) runs beside the main one (Mini fp32)', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  await page.getByRole('tab', { name: 'Compare models' }).click();
  await page.getByLabel('Its weights').selectOption('q8');
  const workers = page.waitForEvent('worker');
  await page.getByTestId('compare-start').click();
  await workers; // a second model worker
  await expect(page.getByTestId('compare-status')).toHaveText(/agree on the top label for \d of 4 images/);
  await expect(page.getByTestId('compare-status')).toContainText('(fp32, wasm)');
  await expect(page.getByTestId('compare-status')).toContainText('(q8, wasm)');
  for (const file of SHAPE_FIXTURES) {
    for (const testId of ['compare-primary', 'compare-other']) {
      await expect(side(page, testId, file).getByTestId('bar').first()).toHaveAttribute('data-label', trueLabel(file));
    }
  }
  // Different weights give (slightly) different numbers: these are two real models, not one chart drawn twice.
  const fp32 = await sideScores(side(page, 'compare-primary', 'red-circle.png'));
  const q8 = await sideScores(side(page, 'compare-other', 'red-circle.png'));
  const label = 'red circle';
  expect(Math.abs(fp32.get(label)! - q8.get(label)!)).toBeGreaterThan(1e-5);
  expect(Math.abs(fp32.get(label)! - q8.get(label)!)).toBeLessThan(0.1);

  // Images and labels added later reach both models.
  await dropFiles(page, [fixtureFile('green-square.png')]);
  await expect(side(page, 'compare-other', 'green-square.png').getByTestId('bar').first()).toHaveAttribute(
    'data-label',
    'green square',
  );
  await page.getByTestId('labels-editor').fill('green square\nred circle\nblue star');
  await expect(side(page, 'compare-other', 'blue-star.png').getByTestId('bar')).toHaveCount(3);
  await expect(side(page, 'compare-primary', 'blue-star.png').getByTestId('bar')).toHaveCount(3);

  const spawned: string[] = [];
  page.on('worker', (worker) => spawned.push(worker.url()));
  await page.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(page.getByTestId('compare-status')).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('compare-other')).toHaveCount(0);
  // The stopped worker's end is on purpose: nothing restarts it (its Web Lock is released as it goes).
  await page.waitForTimeout(1500);
  expect(spawned).toEqual([]);
});

test('a comparison model that cannot be loaded gets a clear message', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  // No model host is reachable from the test: every Hub request fails.
  await page.route('https://huggingface.co/**', (route) => route.abort());
  await page.getByRole('tab', { name: 'Compare models' }).click();
  await page.getByLabel('Compare with').selectOption('Xenova/clip-vit-base-patch32');
  await page.getByTestId('compare-start').click();
  await expect(page.getByRole('alert')).toContainText('could not start: the comparison could not load it');
  await expect(page.getByTestId('compare-status')).toContainText('OpenAI CLIP ViT-B/32');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
});
