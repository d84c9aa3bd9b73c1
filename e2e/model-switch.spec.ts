import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';
import {
  ALL_SHAPE_FIXTURES,
  dropFiles,
  fixtureFile,
  openSettings,
  setLabels,
  trueLabel,
  type DropFile,
} from './helpers';

// Switching model or weights while images are queued or being encoded: every card must end with bars from the
// new model (or an alert), never stay "Classifying…" because its reply came back for the old model.
const HUB_REPO = 'clipscope/clipscope-mini';
let hub: HubServer | undefined;
test.afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

/** Many distinct files (each shape fixture several times under its own name), so the run lasts a while. */
function manyImages(copies: number): DropFile[] {
  return Array.from({ length: copies }, (_, copy) =>
    ALL_SHAPE_FIXTURES.map((f) => ({ ...fixtureFile(f), name: `${copy}-${f}` })),
  ).flat();
}

/** Drops the images, waits until the run is under way (one card done), then switches: returns the cards left. */
async function dropAndSwitchMidRun(page: Page, files: DropFile[], switchModel: () => Promise<void>): Promise<number> {
  // Slows the page and its workers so the run is surely still going when the switch lands.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await dropFiles(page, files);
  const cards = page.getByTestId('result-card');
  await expect(cards.locator('[data-testid="bar"]').first()).toBeVisible();
  const unfinished = await cards.filter({ hasText: 'Classifying…' }).count();
  await switchModel();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return unfinished;
}

async function expectEveryCardClassified(page: Page, files: DropFile[]): Promise<void> {
  await expect(page.getByTestId('result-card')).toHaveCount(files.length);
  await expect(page.getByTestId('result-card').filter({ hasText: 'Classifying…' })).toHaveCount(0);
  await expect(page.locator('[data-testid="result-card"][data-state="error"]')).toHaveCount(0);
  for (const file of files) {
    const top = page.locator(`[data-testid="result-card"][data-image-name="${file.name}"] [data-testid="bar"]`);
    await expect(top.first(), file.name).toHaveAttribute('data-label', trueLabel(file.name.replace(/^\d+-/, '')));
  }
}

test('switching the weights mid-run re-runs every image on the new weights', async ({ page }) => {
  await page.goto('./?backend=wasm&model=clipscope-mini&dtype=fp32');
  await expect(page.getByTestId('model-status')).toContainText('ready (fp32)');
  await openSettings(page); // the weights picker lives there
  const files = manyImages(4);
  const unfinished = await dropAndSwitchMidRun(page, files, async () => {
    await page.getByLabel('Weights').selectOption('q8');
  });
  expect(unfinished, 'cards still running when the weights changed').toBeGreaterThan(0);
  await expect(page.getByTestId('model-status')).toContainText('ready (q8)');
  await expectEveryCardClassified(page, files);
});

test('switching to another model mid-run re-runs every image on it', async ({ page }) => {
  hub = await startHubServer({ repos: { [HUB_REPO]: join(import.meta.dirname, '../public/models/clipscope-mini') } });
  await page.goto(`./?backend=wasm&model=${HUB_REPO}&hub=${encodeURIComponent(hub.origin)}`);
  await page.getByTestId('confirm-host').click();
  await expect(page.getByTestId('model-status')).toContainText(`${HUB_REPO} ready`);
  await setLabels(page, MINI_PAIRS); // a repo outside the catalogue starts with labels for real photos
  const files = manyImages(4);
  const unfinished = await dropAndSwitchMidRun(page, files, async () => {
    await page.getByLabel('Model', { exact: true }).selectOption('clipscope-mini');
  });
  expect(unfinished, 'cards still running when the model changed').toBeGreaterThan(0);
  await expect(page.getByTestId('model-status')).toContainText(/Clipscope Mini .*ready/);
  await expectEveryCardClassified(page, files);
});
