import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';
import { dropFiles, fixtureFile, pinMini, setLabels, topLabel } from './helpers';

// A small Hub-layout model for CI speed: the Mini's files, published under a repo id on a local model host.
// HUB_TWIN=1 runs the same tests against the full-size ViT-B/32 twin (npm run models:twins) instead.
const TWIN = process.env.HUB_TWIN === '1';
const REPO = TWIN ? 'Xenova/clip-vit-base-patch32' : 'clipscope/clipscope-mini';
const REPO_DIR = TWIN ? '../.models/hub/Xenova/clip-vit-base-patch32' : '../public/models/clipscope-mini';
const MISSING_REPO = 'clipscope/no-such-model';
const MODEL_FILE = /\/resolve\/main\/onnx\/.+\.onnx$/;
let hub: HubServer;

test.beforeEach(async () => {
  hub = await startHubServer({
    repos: { [REPO]: join(import.meta.dirname, REPO_DIR) },
    slowBytesPerSecond: TWIN ? 64 * 1024 * 1024 : 256 * 1024,
  });
});
test.afterEach(async () => hub.close());

const modelRequests = () => hub.requests.filter((r) => r.method === 'GET' && MODEL_FILE.test(r.path));

/** Opens a link that names the local model host and a model on it, and agrees to the host. */
async function openWithHost(page: Page, repo = REPO): Promise<void> {
  await page.goto(`./?backend=wasm&model=${repo}&hub=${encodeURIComponent(hub.origin)}`);
  await expect(page.getByText(`download models from ${hub.origin}`)).toBeVisible();
  expect(hub.requests).toEqual([]); // nothing is fetched from a proposed host before consent
  await page.getByTestId('confirm-host').click();
}

async function expectReadyAndWorking(page: Page): Promise<void> {
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('model-status')).toContainText(TWIN ? 'OpenAI CLIP ViT-B/32' : REPO);
  await setLabels(page, MINI_PAIRS); // a repo outside the catalogue starts with labels for real photos
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  const top = await topLabel(page, 'blue-star.png');
  if (!TWIN) expect(top).toBe('blue star'); // the twin has random weights: it only has to answer
}

test('a model downloads with visible progress, is cached, and a reload makes no model request', async ({ page }) => {
  hub.setFault('onnx/text_model_quantized.onnx', 'slow');
  await openWithHost(page);
  await expect(page.getByTestId('model-status')).toContainText(/Downloading model .*%/);
  await expectReadyAndWorking(page);
  expect(modelRequests().length).toBe(2);
  await page.getByText('Models and settings').click();
  await expect(page.getByTestId('cached-models')).toContainText(`${REPO} @main`);

  const before = hub.requests.length;
  await page.reload();
  await expectReadyAndWorking(page);
  expect(hub.requests.slice(before)).toEqual([]);
  await expect(page.locator(`option[value="${REPO}"]`)).toContainText('available offline');
});

test('a connection cut halfway is resumed with a Range request', async ({ page }) => {
  hub.setFault('onnx/vision_model_quantized.onnx', 'cut-halfway', 1);
  await openWithHost(page);
  await expectReadyAndWorking(page);
  const vision = hub.requests.filter((r) => r.method === 'GET' && r.path.endsWith('vision_model_quantized.onnx'));
  // Resumed, not restarted: the only full response is the one that was cut; the rest came as byte ranges that
  // start past zero (Chromium's HTTP cache may split or validate them, so their count can vary).
  expect(vision.filter((r) => r.status === 200).length).toBe(1);
  const resumed = vision.filter((r) => r.status === 206);
  expect(resumed.length).toBeGreaterThan(0);
  for (const r of resumed) expect(r.range).toMatch(/^bytes=[1-9]\d*-(\d*)$/);
});

test('a server error is retried', async ({ page }) => {
  hub.setFault('onnx/text_model_quantized.onnx', 'server-error', 2);
  await openWithHost(page);
  await expectReadyAndWorking(page);
  // The server really answered 500 twice, and a later request for the same file got the whole file.
  const statuses = hub.requests
    .filter((r) => r.path.endsWith('/onnx/text_model_quantized.onnx'))
    .map((r) => `${r.method} ${r.status}`);
  const errorAt = statuses.flatMap((s, i) => (s.endsWith(' 500') ? [i] : []));
  expect(errorAt, statuses.join(', ')).toHaveLength(2);
  expect(statuses.slice(errorAt[1]! + 1), statuses.join(', ')).toContain('GET 200');
});

test('a corrupted cached file is evicted, downloaded again, and the user is told', async ({ page }) => {
  await openWithHost(page);
  await expectReadyAndWorking(page);
  await page.evaluate(async () => {
    const cache = await caches.open('clipscope-models-v1');
    const key = (await cache.keys()).find((r) => r.url.endsWith('vision_model_quantized.onnx'))!;
    const size = Number((await cache.match(key))!.headers.get('Content-Length'));
    const garbage = new Uint8Array(size).fill(7);
    const headers = { 'Content-Length': String(size), 'X-Clipscope-Size': String(size) };
    await cache.put(key, new Response(garbage, { headers }));
  });
  const before = modelRequests().length;
  await page.reload();
  await expectReadyAndWorking(page);
  await expect(page.getByText('A cached model file was damaged')).toBeVisible();
  expect(modelRequests().length).toBeGreaterThan(before);
});

test('a model that is neither cached nor reachable switches to Clipscope Mini with one sentence', async ({ page }) => {
  await openWithHost(page, MISSING_REPO);
  await expect(page.getByRole('alert')).toContainText(`${MISSING_REPO} could not be loaded`);
  await expect(page.getByRole('alert')).toContainText('switched to Clipscope Mini');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('model-status')).toContainText('Clipscope Mini');
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
});

test('a slow download can be cancelled', async ({ page }) => {
  hub.setFault('.onnx', 'slow');
  await openWithHost(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('model-status')).toContainText('The download was cancelled.');
});

test('a host proposed by a link can be declined', async ({ page }) => {
  await page.goto(`./${pinMini(`?backend=wasm&hub=${encodeURIComponent(hub.origin)}`)}`);
  await expect(page.getByTestId('confirm-host')).toBeVisible();
  await page.getByRole('button', { name: /^Keep / }).click();
  await expect(page.getByTestId('confirm-host')).toHaveCount(0);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  expect(hub.requests).toEqual([]);
});
