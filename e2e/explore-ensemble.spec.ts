import { expect, test, type Locator } from '@playwright/test';
import { SHAPE_FIXTURES, classifyShapeFixtures, openApp, scores, trueLabel } from './helpers';

/** label -> probability of the bars in one side of the comparison. */
async function sideScores(side: Locator): Promise<Map<string, number>> {
  const bars = side.getByTestId('bar');
  await expect(bars.first()).toBeVisible();
  return new Map(
    await bars.evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-label')!, Number(el.getAttribute('data-score'))] as const),
    ),
  );
}

test('the prompt ensemble is shown next to the single template, and the scores differ', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  const cardScores = await scores(page, 'red-circle.png');
  await page.getByRole('tab', { name: 'Prompt ensembles' }).click();
  await expect(page.getByTestId('ensemble-status')).toHaveText(/The ensemble changes the top label of \d of 4 images/);
  const single = page.locator('[data-testid="ensemble-single"][data-image-name="red-circle.png"]');
  const mean = page.locator('[data-testid="ensemble-mean"][data-image-name="red-circle.png"]');
  await expect(single).toContainText('a photo of a {}.');
  // The single-template side is the classify chart itself.
  const singleScores = await sideScores(single);
  for (const [label, p] of singleScores) expect(p).toBeCloseTo(cardScores.get(label)!, 6);
  // The ensemble is a different text embedding per label, so its probabilities differ.
  const meanScores = await sideScores(mean);
  const shared = [...meanScores.keys()].filter((label) => singleScores.has(label));
  expect(shared.length).toBeGreaterThan(0);
  expect(shared.some((label) => Math.abs(meanScores.get(label)! - singleScores.get(label)!) > 1e-4)).toBe(true);
  for (const file of SHAPE_FIXTURES) {
    const top = page.locator(`[data-testid="ensemble-mean"][data-image-name="${file}"] [data-testid="bar"]`).first();
    await expect(top).toHaveAttribute('data-label', trueLabel(file));
  }
});

test('changing the single template updates only its side; the ensemble stays', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  await page.getByRole('tab', { name: 'Prompt ensembles' }).click();
  await expect(page.getByTestId('ensemble-status')).toHaveText(/The ensemble changes/);
  const mean = page.locator('[data-testid="ensemble-mean"][data-image-name="blue-star.png"]');
  const single = page.locator('[data-testid="ensemble-single"][data-image-name="blue-star.png"]');
  const before = (await sideScores(mean)).get('blue star');
  expect(before).toBeGreaterThan(0.5);
  const singleBefore = (await sideScores(single)).get('blue star');
  await page.getByTestId('template-input').fill('a drawing of a {}');
  await expect(single).toContainText('a drawing of a {}');
  await expect.poll(async () => (await sideScores(single)).get('blue star')).not.toBe(singleBefore);
  expect((await sideScores(mean)).get('blue star')).toBe(before);
});
