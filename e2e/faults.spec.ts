import { expect, test, type Page, type Worker } from '@playwright/test';
import {
  ALL_SHAPE_FIXTURES,
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

/** The model and preparing workers the page started, and which of them have ended, so a test can check that its
 * sabotage really happened (a worker died, a new one replaced it). */
function watchWorkers(page: Page) {
  const log = { model: [] as Worker[], prepare: [] as Worker[], closed: new Set<Worker>() };
  page.on('worker', (worker) => {
    if (worker.url().includes('/clip.worker-')) log.model.push(worker);
    if (worker.url().includes('/preparing.worker-')) log.prepare.push(worker);
    worker.on('close', () => log.closed.add(worker));
  });
  return log;
}

/** What a sabotage prelude recorded in the first model worker (`self.sabotageLog`). */
const sabotageLog = (worker: Worker) => worker.evaluate(() => (self as { sabotageLog?: string[] }).sabotageLog ?? []);

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
  const workers = watchWorkers(page);
  await dropShapesWithPatchedWorker(page, KILLED_MID_BATCH);
  await expectAllClassifiedAgain(page);
  await expect(page.getByText('The model worker stopped')).toBeVisible();
  // The first worker really ended, and a second one did the work.
  await expect.poll(() => workers.closed.has(workers.model[0]!)).toBe(true);
  expect(workers.model.length).toBeGreaterThanOrEqual(2);
  expect(workers.closed.has(workers.model.at(-1)!)).toBe(false);
});

// An uncaught exception inside the worker while it works on the images.
const CRASH_ON_FIRST_IMAGE = `
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'encodeImage') setTimeout(() => { throw new Error('simulated crash'); });
});
`;

test('a worker that crashes is restarted, says so, and no image is left spinning', async ({ page }) => {
  const workers = watchWorkers(page);
  await dropShapesWithPatchedWorker(page, CRASH_ON_FIRST_IMAGE);
  await expectAllClassifiedAgain(page);
  await expect(page.getByText('simulated crash')).toBeVisible(); // the message of the crashed worker's error event
  await expect.poll(() => workers.closed.has(workers.model[0]!)).toBe(true);
  expect(workers.model.length).toBeGreaterThanOrEqual(2);
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
async function hideFreezeAndShow(page: Page, beforeFreeze: () => Promise<void>): Promise<void> {
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  const cdp = await page.context().newCDPSession(page);
  await setVisibility('hidden');
  await beforeFreeze();
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await setVisibility('visible');
}

test('a tab hidden and frozen during a run finishes the run when shown again', async ({ page }) => {
  await openApp(page, '?backend=wasm&model=clipscope-mini');
  // Many images on a slowed-down CPU, so the run is surely still going when the tab freezes.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  const files = Array.from({ length: 3 }, (_, copy) => ALL_SHAPE_FIXTURES.map((f) => `${copy}-${f}`)).flat();
  await dropFiles(
    page,
    files.map((name) => ({ ...fixtureFile(name.replace(/^\d+-/, '')), name })),
  );
  await expect(page.getByTestId('result-card')).toHaveCount(files.length);
  const running = page.locator('[data-testid="result-card"]:is([data-state="queued"], [data-state="encoding"])');
  await hideFreezeAndShow(page, async () =>
    expect(await running.count(), 'cards running at freeze').toBeGreaterThan(0),
  );
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  for (const file of files) expect(await topLabel(page, file), file).toBe(trueLabel(file.replace(/^\d+-/, '')));
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
    (self.sabotageLog ??= []).push('sabotaged');
    ${sabotage}
  }
};
`;

test('preparing workers killed mid-drop lose no image: the model worker prepares their images', async ({ page }) => {
  // Killed from outside, as the browser kills a worker: no error event, no reply.
  const workers = watchWorkers(page);
  await dropShapesWithPatchedWorker(page, sabotagePreparingWorkers('this.terminate();'));
  await expectAllClassifiedAgain(page);
  expect(await sabotageLog(workers.model[0]!)).toEqual(['sabotaged', 'sabotaged']);
  // Two preparing workers really ended during the run.
  await expect.poll(() => workers.prepare.filter((w) => workers.closed.has(w)).length).toBeGreaterThanOrEqual(2);
});

// The preparing worker's script cannot load (a stale deploy, a blocked request): an error event and no answers.
const PREPARING_SCRIPT_MISSING = `
const RealWorker = Worker;
let broken = 0;
self.Worker = function (url, options) {
  const breakIt = String(url).includes('preparing.worker') && broken++ < 2;
  if (breakIt) url = new URL('./missing-prepare-worker.js', url);
  const worker = new RealWorker(url, options);
  if (breakIt) worker.addEventListener('error', () => (self.sabotageLog ??= []).push('script failed to load'));
  return worker;
};
`;

test('preparing workers whose script fails to load lose no image', async ({ page }) => {
  const workers = watchWorkers(page);
  await dropShapesWithPatchedWorker(page, PREPARING_SCRIPT_MISSING);
  await expectAllClassifiedAgain(page);
  // Both broken workers reported their failed script (an error event) to the model worker.
  await expect.poll(() => sabotageLog(workers.model[0]!)).toEqual(['script failed to load', 'script failed to load']);
});

test('a worker that keeps dying is given up: work fails at once with a Restart that starts afresh', async ({
  page,
}) => {
  test.slow(); // five model starts
  const workers = watchWorkers(page);
  // The page kills its first four model workers (the first and its three restarts) the moment each answers a batch,
  // before the answer is delivered, as the browser kills a worker; a fifth, after Restart, is left alone.
  await page.addInitScript(() => {
    const RealWorker = Worker;
    let kills = 0;
    window.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (!String(url).includes('/clip.worker-')) return;
        this.addEventListener('message', (event) => {
          if ((event.data as { type?: string } | undefined)?.type !== 'imageBatch' || kills >= 4) return;
          kills++;
          event.stopImmediatePropagation();
          this.terminate();
        });
      }
    };
  });
  await openApp(page, '?backend=wasm&model=clipscope-mini');
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  const status = page.getByTestId('model-status');
  await expect(status).toContainText('stopped restarting it. Press Restart');
  // Said once, at once, by the announcer (the status itself is not a live region).
  await expect(page.getByTestId('announcer-urgent')).toContainText('stopped restarting it. Press Restart');
  await expect(card(page, 'red-circle.png')).toHaveAttribute('data-state', 'error');
  await expect(card(page, 'red-circle.png').getByRole('alert')).toContainText('Press Restart');
  // The sabotage happened: four workers started and every one of them ended.
  expect(workers.model).toHaveLength(4);
  await expect.poll(() => workers.model.filter((w) => workers.closed.has(w)).length).toBe(4);

  // Later work fails at once instead of waiting for a dead worker; no new worker is started for it.
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  await expect(card(page, 'blue-star.png')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('result-card').filter({ hasText: 'Classifying…' })).toHaveCount(0);
  expect(workers.model).toHaveLength(4);

  await status.getByRole('button', { name: 'Restart' }).click();
  await expect(status).toHaveAttribute('data-state', 'ready');
  expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
  await expect(page.locator('[data-testid="result-card"][data-state="error"]')).toHaveCount(0);
  expect(workers.model).toHaveLength(5);
});
