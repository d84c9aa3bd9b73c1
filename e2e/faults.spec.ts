import { expect, test, type Page } from '@playwright/test';
import {
  SHAPE_FIXTURES,
  card,
  classifyShapeFixtures,
  dropFiles,
  fixtureFile,
  openApp,
  patchWorker,
  pinMini,
  topLabel,
  trueLabel,
} from './helpers';

/** Like patchWorker, but only the first model worker gets `prelude`: the restarted one runs the real script. */
async function patchFirstWorker(page: Page, prelude: string): Promise<void> {
  await page.route(
    '**/assets/clip.worker-*.js',
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: prelude + (await response.text()) });
    },
    { times: 1 },
  );
}

/** Opens the app (WASM) with `prelude` in its first model worker and drops every shape fixture. */
async function dropShapesWithPatchedWorker(page: Page, prelude: string): Promise<void> {
  await patchFirstWorker(page, prelude);
  await openApp(page, '?backend=wasm');
  await dropFiles(
    page,
    SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
}

async function expectAllClassifiedAgain(page: Page): Promise<void> {
  for (const file of SHAPE_FIXTURES) expect(await topLabel(page, file), file).toBe(trueLabel(file));
  await expect(page.getByTestId('result-card').filter({ hasText: 'Classifying…' })).toHaveCount(0);
  await expect(page.locator('[data-testid="result-card"][data-state="error"]')).toHaveCount(0);
}

// The worker dies in the middle of a batch, before it answers, the way a killed worker does: no error event.
const KILLED_MID_BATCH = `
let killed = false;
const realPost = self.postMessage.bind(self);
self.postMessage = (message, transfer) => {
  if (killed) return;
  if (message && message.type === 'imageBatch') {
    killed = true;
    self.close();
    return;
  }
  realPost(message, transfer);
};
`;

test('a worker killed in the middle of a batch is restarted and its pending work re-run', async ({ page }) => {
  await dropShapesWithPatchedWorker(page, KILLED_MID_BATCH);
  await expectAllClassifiedAgain(page);
  await expect(page.getByText('The model worker stopped')).toBeVisible();
});

// An uncaught exception inside the worker while it works on the images.
const CRASH_ON_FIRST_IMAGE = `
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'encodeImage') setTimeout(() => { throw new Error('simulated crash'); });
});
`;

test('a worker that crashes is restarted, says so, and no image is left spinning', async ({ page }) => {
  await dropShapesWithPatchedWorker(page, CRASH_ON_FIRST_IMAGE);
  await expectAllClassifiedAgain(page);
  await expect(page.getByText('simulated crash')).toBeVisible();
});

// A device with memory for the int8 weights but not the fp32 ones: ONNX Runtime's WASM heap cannot grow while
// fp32 weights load, so session creation fails with std::bad_alloc, exactly as on a phone out of memory.
const NO_MEMORY_FOR_FP32 = `
let refuseToGrow = false;
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'load') refuseToGrow = event.data.dtype === 'fp32';
});
const realGrow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function (delta) {
  if (refuseToGrow) throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
  return realGrow.call(this, delta);
};
`;

test('running out of memory while starting the model says so and offers smaller weights', async ({ page }) => {
  await patchWorker(page, NO_MEMORY_FOR_FP32);
  await page.goto(`./${pinMini('?backend=wasm&dtype=fp32')}`);
  const status = page.getByTestId('model-status');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toContainText('there is not enough memory to start Clipscope Mini');
  await expect(status).toContainText('with fp32 weights');
  await status.getByRole('button', { name: 'Use smaller int8 weights' }).click();
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status).toContainText('(q8)');
  await classifyShapeFixtures(page);
});

/** Hides the page as switching tabs does, freezes it (Chrome's background-tab freezing), then brings it back. */
async function hideFreezeAndShow(page: Page): Promise<void> {
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  const cdp = await page.context().newCDPSession(page);
  await setVisibility('hidden');
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await setVisibility('visible');
}

test('a tab hidden and frozen during a run finishes the run when shown again', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const files = [...SHAPE_FIXTURES, 'green-square.png', 'purple-hexagon.png', 'orange-cross.png', 'black-circle.png'];
  await dropFiles(
    page,
    files.map((f) => fixtureFile(f)),
  );
  await hideFreezeAndShow(page);
  for (const file of files) expect(await topLabel(page, file), file).toBe(trueLabel(file));
  await expect(page.getByTestId('result-card').filter({ hasText: 'Classifying…' })).toHaveCount(0);
  // And it keeps working afterwards.
  await dropFiles(page, [fixtureFile('white-square.png')]);
  expect(await topLabel(page, 'white-square.png')).toBe('white square');
  await expect(card(page, 'white-square.png').getByRole('alert')).toHaveCount(0);
});

// Preparing workers are started by the model worker, whose requests page routes do not see; so the model worker
// gets a prelude that sabotages the first two preparing workers right after it hands each its first image.
const sabotagePreparingWorkers = (sabotage: string) => `
const realPost = Worker.prototype.postMessage;
let sabotaged = 0;
Worker.prototype.postMessage = function (message, transfer) {
  realPost.call(this, message, transfer);
  if (message && message.type === 'prepare' && !this.sabotaged && sabotaged < 2) {
    this.sabotaged = true;
    sabotaged++;
    ${sabotage}
  }
};
`;

test('preparing workers killed mid-drop lose no image: the model worker prepares their images', async ({ page }) => {
  // Killed from outside, as the browser kills a worker: no error event, no reply.
  await dropShapesWithPatchedWorker(page, sabotagePreparingWorkers('this.terminate();'));
  await expectAllClassifiedAgain(page);
});

// The preparing worker's script cannot load (a stale deploy, a blocked request): an error event and no answers.
const PREPARING_SCRIPT_MISSING = `
const RealWorker = Worker;
let broken = 0;
self.Worker = function (url, options) {
  if (String(url).includes('prepare.worker') && broken++ < 2) url = new URL('./missing-prepare-worker.js', url);
  return new RealWorker(url, options);
};
`;

test('preparing workers whose script fails to load lose no image', async ({ page }) => {
  await dropShapesWithPatchedWorker(page, PREPARING_SCRIPT_MISSING);
  await expectAllClassifiedAgain(page);
});
