import { expect, test } from '@playwright/test';
import {
  ALL_SHAPE_FIXTURES,
  card,
  dropFiles,
  fixtureFile,
  openApp,
  topLabel,
  trueLabel,
  type DropFile,
} from './helpers';

const SHAPES = ALL_SHAPE_FIXTURES.slice(0, 8);

/** `count` shape pictures with distinct names ("017-blue-star.png"), whose true label is known. */
function shapeFiles(count: number): DropFile[] {
  return Array.from({ length: count }, (_, i) => {
    const shape = SHAPES[i % SHAPES.length]!;
    return { ...fixtureFile(shape), name: `${String(i).padStart(3, '0')}-${shape}` };
  });
}
const labelOf = (name: string) => trueLabel(name.slice(4));

test('200 files dropped at once are queued with overall progress and can be stopped', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await dropFiles(page, shapeFiles(200));
  await expect(page.getByTestId('result-card')).toHaveCount(200);
  const progress = page.getByTestId('run-progress');
  await expect(progress).toHaveAttribute('max', '200');
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(8);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByText(/stopped, \d+ not yet classified were removed/)).toBeVisible();
  // What was classified stays, right; nothing is left spinning.
  const kept = await page
    .getByTestId('result-card')
    .evaluateAll((cards) =>
      cards.map((c) => [c.getAttribute('data-image-name')!, c.getAttribute('data-state')!] as const),
    );
  expect(kept.length).toBeGreaterThan(8);
  expect(kept.length).toBeLessThan(200);
  expect(kept.filter(([, state]) => state !== 'done')).toEqual([]);
  for (const [name] of kept.slice(0, 3).concat(kept.slice(-2))) expect(await topLabel(page, name)).toBe(labelOf(name));
  // The worker dropped the queue: a new image is answered at once, not after the other 190.
  await dropFiles(page, [fixtureFile('white-square.png')]);
  await expect(card(page, 'white-square.png')).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  expect(await topLabel(page, 'white-square.png')).toBe('white square');
  await expect(page.getByText(/stopped, \d+ not yet classified/)).toHaveCount(0); // about the old list only
});

test('thumbnails of cards off screen are loaded lazily', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const files = shapeFiles(40);
  await dropFiles(page, files);
  await expect(page.locator('[data-testid="result-card"][data-state="done"]')).toHaveCount(40, { timeout: 90_000 });
  const last = card(page, files[39]!.name).locator('img');
  await expect(last).toHaveAttribute('loading', 'lazy');
  expect(await last.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(0); // off screen: not decoded
  await last.scrollIntoViewIfNeeded();
  await expect.poll(() => last.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(await topLabel(page, files[39]!.name)).toBe(labelOf(files[39]!.name));
});
