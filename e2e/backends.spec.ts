import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium';
import {
  SHAPE_FIXTURES,
  classifyShapeFixtures,
  dropFiles,
  fixtureFile,
  openApp,
  patchWorker,
  scores,
  topLabel,
  trueLabel,
} from './helpers';

const AGREEMENT = 0.02;

async function classify(page: Page, query: string) {
  await openApp(page, query);
  await dropFiles(
    page,
    SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
  const result = new Map<string, Map<string, number>>();
  for (const file of SHAPE_FIXTURES) {
    expect(await topLabel(page, file)).toBe(trueLabel(file));
    result.set(file, await scores(page, file));
  }
  return result;
}

test('WebGPU (software adapter) classifies correctly and agrees with WASM within 0.02', async ({ browser }) => {
  const webgpuPage = await browser.newPage();
  const webgpu = await classify(webgpuPage, '?backend=webgpu');
  await expect(webgpuPage.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  const wasmPage = await browser.newPage();
  const wasm = await classify(wasmPage, '?backend=wasm');
  await expect(wasmPage.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  for (const [file, labels] of webgpu) {
    for (const [label, score] of labels) {
      const other = wasm.get(file)?.get(label);
      expect(other, `${file} / ${label}`).toBeDefined();
      expect(Math.abs(score - other!), `${file} / ${label}`).toBeLessThan(AGREEMENT);
    }
  }
});

test('auto prefers WASM over a software WebGPU adapter and says why', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByText('Only a software WebGPU adapter is available')).toBeVisible();
});

test('auto falls back to WASM when the browser has no WebGPU', async () => {
  const noGpuFlags = CHROMIUM_FLAGS.filter((f) => !f.includes('webgpu'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: noGpuFlags,
  });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    await classify(page, '?backend=auto');
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
    await expect(page.getByText('WebGPU is not available in this browser')).toBeVisible();
  } finally {
    await browser.close();
  }
});

// Makes WebGPU fail inside the model worker as a broken driver would: the adapter is offered (and claims to be a
// hardware one, so `auto` picks it) but no device can be created.
const BREAK_WEBGPU = `
const realRequestAdapter = GPU.prototype.requestAdapter;
GPU.prototype.requestAdapter = async function (options) {
  const adapter = await realRequestAdapter.call(this, options);
  if (!adapter) return adapter;
  Object.defineProperty(adapter, 'info', { value: { isFallbackAdapter: false, vendor: 'test', architecture: '' } });
  adapter.requestDevice = async () => { throw new Error('simulated GPU failure'); };
  return adapter;
};
`;

test('when WebGPU fails to start, auto falls back to WASM, tells the user, and still classifies', async ({ page }) => {
  await patchWorker(page, BREAK_WEBGPU);
  await classify(page, '?backend=auto');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByText('WebGPU failed to start')).toBeVisible();
});

// Destroys the WebGPU device right after the first image is answered, as a GPU reset in the middle of a batch
// would: the remaining images must still arrive, computed on WASM, with a notice.
const LOSE_DEVICE_AFTER_FIRST_IMAGE = `
let device;
const realRequestAdapter = GPU.prototype.requestAdapter;
GPU.prototype.requestAdapter = async function (options) {
  const adapter = await realRequestAdapter.call(this, options);
  if (!adapter) return adapter;
  const realRequestDevice = adapter.requestDevice.bind(adapter);
  adapter.requestDevice = async (descriptor) => (device = await realRequestDevice(descriptor));
  return adapter;
};
const realPostMessage = self.postMessage.bind(self);
self.postMessage = (message, transfer) => {
  realPostMessage(message, transfer);
  if (message && message.type === 'imageBatch' && device) {
    device.destroy();
    device = undefined;
  }
};
`;

test('a WebGPU device lost in the middle of a batch finishes on WASM with a notice', async ({ page }) => {
  await patchWorker(page, LOSE_DEVICE_AFTER_FIRST_IMAGE);
  await openApp(page, '?backend=webgpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await classifyShapeFixtures(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByText('now runs on WASM')).toBeVisible();
});
