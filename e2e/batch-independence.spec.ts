import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { ALL_SHAPE_FIXTURES, card, dropFiles, fixtureFile, scores, setLabels, type DropFile } from './helpers';

// int8 models quantise activations at run time. ONNX Runtime's DynamicQuantizeLinear takes one scale for the
// whole batch tensor, so an image's scores used to depend on the images that shared its batch, and a label's on
// the other labels (and the padding they brought). A tiny ViT whose int8 image tower goes through the app's
// per-sample rewrite (tools/models/make_int8_fixtures.py) is served from a local Hub mirror.
const REPO = 'clipscope-tests/tiny-vit-int8';
const MODEL_DIR = join(import.meta.dirname, '../tests/fixtures/int8-vit');
const LABELS = ['red circle', 'blue star', 'yellow triangle', 'green square', 'purple hexagon', 'orange cross'];
// Two model loads and 22 images on WASM: slow on a busy CI machine.
test.setTimeout(600_000);
let hub: HubServer;

test.beforeEach(async () => {
  hub = await startHubServer({ repos: { [REPO]: MODEL_DIR } });
});
test.afterEach(async () => hub.close());

async function openInt8(page: Page): Promise<void> {
  await page.goto(`./?backend=wasm&dtype=q8&model=${REPO}&hub=${encodeURIComponent(hub.origin)}`);
  await page.getByTestId('confirm-host').click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 300_000 });
  await expect(page.getByTestId('model-status')).toContainText('ready (q8)');
}

const renamed = (file: DropFile, name: string): DropFile => ({ ...file, name });

test('an int8 image scores the same alone and in a batch with other images', async ({ page }) => {
  await openInt8(page);
  await setLabels(page, LABELS);
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  await expect(card(page, 'red-circle.png').getByTestId('bar')).toHaveCount(LABELS.length);
  const alone = await scores(page, 'red-circle.png', 'data-similarity');

  // The same picture again, in the middle of 20 others dropped at once: the worker encodes them 8 at a time.
  const others = Array.from({ length: 20 }, (_, i) => {
    const source = ALL_SHAPE_FIXTURES[i % ALL_SHAPE_FIXTURES.length]!;
    return renamed(fixtureFile(source), `batch-${i}-${source}`);
  });
  others.splice(3, 0, renamed(fixtureFile('red-circle.png'), 'red-circle-in-batch.png'));
  await dropFiles(page, others);
  await expect(card(page, 'red-circle-in-batch.png').getByTestId('bar')).toHaveCount(LABELS.length);
  await expect(page.getByTestId('result-card').getByTestId('bar').first()).toBeVisible();
  const batched = await scores(page, 'red-circle-in-batch.png', 'data-similarity');
  expect(batched).toEqual(alone);
  // The drop was really encoded: every card has its bars.
  for (const file of others) await expect(card(page, file.name).getByTestId('bar')).toHaveCount(LABELS.length);
});

/** The similarity of `label` to a red circle, after the labels `labels` were set at once, in a fresh browser context. */
async function similarityAmong(browser: Browser, labels: string[], label: string): Promise<number> {
  const { baseURL, serviceWorkers } = test.info().project.use;
  const context = await browser.newContext({ baseURL, serviceWorkers });
  const page = await context.newPage();
  await openInt8(page);
  await setLabels(page, labels);
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  await expect(card(page, 'red-circle.png').getByTestId('bar')).toHaveCount(labels.length);
  const similarity = (await scores(page, 'red-circle.png', 'data-similarity')).get(label)!;
  await context.close();
  return similarity;
}

test('an int8 label scores the same alone and among labels of other lengths', async ({ browser }) => {
  // "crimson disc" is in no preset, so it is first encoded with the labels set here.
  const alone = await similarityAmong(browser, ['crimson disc'], 'crimson disc');
  const among = await similarityAmong(
    browser,
    ['red', 'crimson disc', 'blue star on a big green square', 'a small yellow triangle', 'orange', 'white hexagon'],
    'crimson disc',
  );
  expect(Number.isFinite(alone)).toBe(true);
  expect(Math.abs(among - alone)).toBeLessThanOrEqual(1e-5);
});
