import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { decodeShare, sharePayload } from '../src/shared/share-link-codec';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';
import { classifyShapeFixtures, openApp, openSettings, setLabels } from './helpers';

// The weights picker shows the weights that run and offers only those the model has: the catalogue's list, or the
// tower files found for a repo the catalogue does not list.
const FP32_ONLY = 'someone/clip-fp32-only';
let root: string;
let hub: HubServer | undefined;

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'clipscope-weights-'));
  cpSync(join(import.meta.dirname, '../public/models/clipscope-mini'), root, {
    recursive: true,
    filter: (source) => !source.endsWith('_quantized.onnx'),
  });
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));
test.afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const picker = (page: Page) => page.getByTestId('dtype-select');
const offered = (page: Page) =>
  picker(page)
    .locator('option')
    .evaluateAll((els) => els.map((el) => el.getAttribute('value')));

async function sharedDtype(page: Page): Promise<string | undefined> {
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).not.toHaveValue('');
  const decoded = await decodeShare(sharePayload(new URL(await page.getByTestId('share-link').inputValue()).hash)!);
  if (!decoded.ok) throw new Error(decoded.problem);
  return decoded.setup.dtype;
}

test('?dtype=fp16 on a model without fp16 files: the picker, the status and a share link all say fp32', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm&dtype=fp16');
  await expect(page.getByTestId('model-status')).toContainText('ready (fp32)');
  await expect(page.getByText('This model has no fp16 files.')).toBeVisible();
  await expect(picker(page)).toHaveValue('fp32');
  expect(await offered(page)).toEqual(['auto', 'fp32', 'q8']); // the Mini has no fp16 weights to offer
  expect(await sharedDtype(page)).toBe('fp32');

  await openSettings(page); // the weights picker lives in "Models and settings"
  await picker(page).selectOption('q8'); // the bundled Mini's weights are on the device: they load at once
  await expect(page.getByTestId('model-status')).toContainText('ready (q8)');
  await expect(picker(page)).toHaveValue('q8');
  expect(await sharedDtype(page)).toBe('q8');
  await classifyShapeFixtures(page);
});

test('a repo outside the catalogue offers the weights whose files it has, and runs them', async ({ page }) => {
  hub = await startHubServer({ repos: { [FP32_ONLY]: root } });
  await page.addInitScript((host) => localStorage.setItem('clipscope.hubHost', host), hub.origin);
  await openApp(page, `?backend=wasm&model=${FP32_ONLY}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-model-id', FP32_ONLY);
  await expect(page.getByTestId('model-status')).toContainText('ready (fp32)');
  await expect(page.getByTestId('model-fallback')).toHaveCount(0);
  expect(await offered(page)).toEqual(['auto', 'fp32']);
  await expect(picker(page)).toHaveValue('auto');
  await expect(picker(page).locator('option[value="auto"]')).toHaveText('automatic (fp32)');
  // No request for weights it does not have, beyond the probe.
  const towerGets = hub.requests.filter((r) => r.method === 'GET' && r.path.includes('/onnx/')).map((r) => r.path);
  expect(towerGets.sort()).toEqual([
    `/${FP32_ONLY}/resolve/main/onnx/text_model.onnx`,
    `/${FP32_ONLY}/resolve/main/onnx/vision_model.onnx`,
  ]);
  await setLabels(page, MINI_PAIRS); // a repo outside the catalogue starts with the labels for real photos
  await classifyShapeFixtures(page);
});
