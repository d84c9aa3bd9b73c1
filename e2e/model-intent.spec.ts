import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_MODEL_ID, MINI_ID } from '../src/model/catalogue/catalogue';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { openApp, openSettings } from './helpers';

// Choosing is not loading: arrow keys on the pickers fetch nothing; a choice that needs a download shows its size
// and starts only with "Download and load". The Mini's files stand in for ViT-B/32 on a local model host.
const MINI_FILES = join(import.meta.dirname, '../public/models/clipscope-mini');
const B16 = 'Xenova/clip-vit-base-patch16';
let hub: HubServer;

test.beforeEach(async ({ page }) => {
  hub = await startHubServer({ repos: { [DEFAULT_MODEL_ID]: MINI_FILES } });
  await page.addInitScript((host) => localStorage.setItem('clipscope.hubHost', host), hub.origin);
});
test.afterEach(async () => hub.close());

const status = (page: Page) => page.getByTestId('model-status');
const modelFileRequests = () => hub.requests.filter((r) => r.path.includes('/resolve/'));

/** Lets any load the keys may have started reach the host, then checks none did. */
async function expectNothingLoaded(page: Page, modelId: string): Promise<void> {
  await page.waitForTimeout(1500);
  expect(modelFileRequests()).toEqual([]);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(status(page)).toHaveAttribute('data-model-id', modelId);
}

test('arrow keys on the model picker download nothing; the size shows and Download and load starts it', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm');
  const picker = page.getByTestId('model-select');
  await picker.focus();
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowUp']) await page.keyboard.press(key);
  await expect(picker).toHaveValue(DEFAULT_MODEL_ID);
  await expect(picker).toBeFocused();
  await expectNothingLoaded(page, MINI_ID);
  const load = page.getByTestId('load-model');
  await expect(load).toHaveText('Download and load 152 MB');
  await expect(page.getByText('OpenAI CLIP ViT-B/32 (q8) is not on this device: a 152 MB download.')).toBeVisible();

  // Keeping the current model puts the picker back; nothing was fetched.
  await page.getByRole('button', { name: 'Keep the current model' }).click();
  await expect(picker).toHaveValue(MINI_ID);
  await expect(picker).toBeFocused();
  await expect(load).toHaveCount(0);

  // The explicit action starts the download, and Cancel stays available while it runs.
  hub.setFault('.onnx', 'slow');
  await picker.selectOption(DEFAULT_MODEL_ID);
  await load.click();
  await expect(status(page)).toContainText(/Downloading model/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toContainText('The download was cancelled.');
  expect(modelFileRequests().length).toBeGreaterThan(0);

  hub.clearFaults();
  await picker.selectOption(MINI_ID); // on the device: switches at once
  await expect(status(page)).toHaveAttribute('data-model-id', MINI_ID);
  await picker.selectOption(DEFAULT_MODEL_ID);
  await load.click();
  await expect(status(page)).toHaveAttribute('data-model-id', DEFAULT_MODEL_ID);
  await expect(status(page)).toContainText('ready (q8)');
});

test('a cached model, the bundled one and weights already downloaded switch at once, with no request', async ({
  page,
}) => {
  await openApp(page, `?backend=wasm&model=${DEFAULT_MODEL_ID}`); // a link is intent: it downloads
  await expect(status(page)).toHaveAttribute('data-model-id', DEFAULT_MODEL_ID);
  const picker = page.getByTestId('model-select');
  await expect(picker.locator(`option[value="${DEFAULT_MODEL_ID}"]`)).toContainText('available offline');
  await expect(picker.locator(`option[value="${B16}"]`)).toContainText('downloads on first use');
  const before = hub.requests.length;

  await picker.selectOption(MINI_ID);
  await expect(status(page)).toHaveAttribute('data-model-id', MINI_ID);
  await picker.selectOption(DEFAULT_MODEL_ID);
  await expect(status(page)).toHaveAttribute('data-model-id', DEFAULT_MODEL_ID);
  await expect(page.getByTestId('load-model')).toHaveCount(0);

  // Weights: q8 is cached (switches at once), fp32 is not (waits, with its size, next to the weights picker).
  await openSettings(page);
  const weights = page.getByTestId('dtype-select');
  await weights.selectOption('q8');
  await expect(status(page)).toContainText('ready (q8)');
  expect(hub.requests.slice(before).filter((r) => r.path.includes('/onnx/'))).toEqual([]);
  await weights.selectOption('fp32');
  await expect(page.locator('.models-panel').getByTestId('load-model')).toHaveText('Download and load 606 MB');
  await page.getByTestId('load-model').click();
  await expect(status(page)).toContainText('ready (fp32)');
  const towers = hub.requests.slice(before).filter((r) => r.method === 'GET' && r.path.includes('/onnx/'));
  expect(towers.map((r) => r.path).sort()).toEqual([
    `/${DEFAULT_MODEL_ID}/resolve/main/onnx/text_model.onnx`,
    `/${DEFAULT_MODEL_ID}/resolve/main/onnx/vision_model.onnx`,
  ]);
});

test('arrow keys on the weights picker download nothing', async ({ page }) => {
  await openApp(page, `?backend=wasm&model=${DEFAULT_MODEL_ID}`);
  await expect(status(page)).toHaveAttribute('data-model-id', DEFAULT_MODEL_ID);
  await page.reload(); // from the cache, so any request after this is one the keys caused
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  hub.requests.length = 0;
  await openSettings(page);
  const weights = page.getByTestId('dtype-select');
  await weights.focus();
  // automatic (q8, cached) -> fp32 -> fp16 -> fp32 -> automatic: each step a choice that needs a download.
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp']) await page.keyboard.press(key);
  await expect(weights).toHaveValue('fp32');
  await expectNothingLoaded(page, DEFAULT_MODEL_ID);
  await expect(page.getByTestId('load-model')).toHaveText('Download and load 606 MB');
  await page.keyboard.press('ArrowUp');
  await expect(weights).toHaveValue('auto');
  await expect(page.getByTestId('load-model')).toHaveCount(0);
  await expectNothingLoaded(page, DEFAULT_MODEL_ID);
});

test('one backend badge in the header, its reasons a keyboard press away; weights and licence in settings', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm');
  const header = page.locator('.status-row');
  await expect(header.getByTestId('backend')).toHaveCount(1);
  await expect(header.locator('.badge')).toHaveCount(1);
  const badge = page.getByTestId('backend');
  const threads = Number(await page.getByTestId('threads').getAttribute('data-threads'));
  await expect(badge).toHaveText(new RegExp(`^WASM · ${threads} threads?`));
  await expect(header).not.toContainText('WASM threads');
  await expect(header).not.toContainText('licence');
  await expect(header.getByTestId('dtype-select')).toHaveCount(0);

  await badge.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/The model runs on the processor \(WebAssembly, WASM\)/)).toBeVisible();

  await openSettings(page);
  const panel = page.locator('.models-panel');
  await expect(panel.getByTestId('dtype-select')).toBeVisible();
  await expect(panel).toContainText('licence: MIT');
});
