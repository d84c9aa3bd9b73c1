import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_MODEL_ID, MINI_ID } from '../src/model/catalogue/catalogue';
import { MINI_PAIRS, startingPreset } from '../src/model/catalogue/label-presets';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { dropFiles, fixtureFile, topLabel } from './helpers';

// The app's own default: OpenAI CLIP ViT-B/32 from the model host, and the bundled Mini, with a notice, whenever
// that host fails. Here the Mini's files stand in for ViT-B/32 on a mirror (tools/hub-server).
const MINI_FILES = join(import.meta.dirname, '../public/models/clipscope-mini');
const OPENING_BUDGET_MS = 15_000;
let hub: HubServer | undefined;
let silent: Server | undefined;
const silentSockets = new Set<Socket>();
test.afterEach(async () => {
  await hub?.close();
  silentSockets.forEach((socket) => socket.destroy());
  silentSockets.clear();
  await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)));
  [hub, silent] = [undefined, undefined];
});

/** Makes `host` the saved model host, as "Models and settings" would, before the app starts. */
async function useHost(page: Page, host: string): Promise<void> {
  await page.addInitScript((h) => localStorage.setItem('clipscope.hubHost', h), host);
}

const status = (page: Page) => page.getByTestId('model-status');

/**
 * Opens the app and expects the notice naming `failed` within 15 s, then the Mini running. The switch is decided
 * within the budget on any machine; the Mini's own start (about a second on a quiet machine, far more on one
 * shared by many jobs) comes after it, so its figures are recorded rather than bounded here.
 */
async function expectMiniWithNotice(page: Page, failed: string, query = ''): Promise<void> {
  const opened = Date.now();
  await page.goto(`./${query}`);
  const notice = page.getByTestId('model-fallback');
  await expect(notice).toBeVisible({ timeout: OPENING_BUDGET_MS });
  const noticeMs = Date.now() - opened;
  expect(noticeMs).toBeLessThan(OPENING_BUDGET_MS);
  await expect(status(page)).toHaveAttribute('data-model-id', MINI_ID);
  const readyMs = Date.now() - opened;
  const timing = `notice ${noticeMs} ms, Mini ready ${readyMs} ms`;
  test.info().annotations.push({ type: 'timing', description: timing });
  console.log(`${test.info().title}: ${timing}`);
  await expect(notice).toHaveAttribute('data-failed-model', failed);
  await expect(notice).toContainText('could not be loaded');
  await expect(notice).toContainText('switched to Clipscope Mini');
  await expect(notice).toContainText('Models and settings');
}

/** The app on the Mini works: its own labels replaced the starting ones, and a shape gets its true label. */
async function expectMiniWorks(page: Page): Promise<void> {
  await expect(page.getByTestId('labels-editor')).toHaveValue(MINI_PAIRS.join('\n'));
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
}

test('the model host unreachable (DNS failure): the Mini runs, with a notice, within 15 s', async ({
  page,
  context,
}) => {
  const refused: string[] = [];
  await context.route('https://huggingface.co/**', (route) => {
    refused.push(route.request().url());
    return route.abort('namenotresolved');
  });
  await expectMiniWithNotice(page, DEFAULT_MODEL_ID);
  await expect(page.getByTestId('model-fallback')).toContainText(
    'The real CLIP model, OpenAI CLIP ViT-B/32, could not be loaded',
  );
  expect(refused.some((url) => url.includes(`/${DEFAULT_MODEL_ID}/resolve/main/config.json`))).toBe(true);
  await expectMiniWorks(page);

  // What the notice suggests: a mirror set in "Models and settings" brings the real model.
  hub = await startHubServer({ repos: { [DEFAULT_MODEL_ID]: MINI_FILES } });
  await page.getByText('Models and settings', { exact: true }).click();
  await page.getByLabel(/^Model host/).fill(hub.origin);
  await page.getByRole('button', { name: 'Save host' }).click();
  await expect(status(page)).toHaveAttribute('data-model-id', DEFAULT_MODEL_ID);
  await expect(page.getByTestId('model-fallback')).toHaveCount(0);
});

test('a model host that accepts the connection and never answers: the Mini runs, with a notice, within 15 s', async ({
  page,
}) => {
  let connections = 0;
  silent = createServer((socket) => {
    connections++;
    silentSockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  await useHost(page, `http://127.0.0.1:${address.port}`);
  await expectMiniWithNotice(page, DEFAULT_MODEL_ID);
  await expect(page.getByTestId('model-fallback')).toContainText('did not answer');
  expect(connections).toBeGreaterThan(0); // the app really asked the silent host
  await expectMiniWorks(page);
});

for (const [what, setUp] of [
  ['answers 404 (no such repo)', () => startHubServer({ repos: {} })],
  [
    'answers 500 on every retry',
    async () => {
      const server = await startHubServer({ repos: { [DEFAULT_MODEL_ID]: MINI_FILES } });
      server.setFault('config.json', 'server-error');
      return server;
    },
  ],
] as const) {
  test(`a model host that ${what}: the Mini runs, with a notice`, async ({ page }) => {
    hub = await setUp();
    await useHost(page, hub.origin);
    await expectMiniWithNotice(page, DEFAULT_MODEL_ID);
    expect(hub.requests.some((r) => r.path.endsWith('/config.json') && r.status >= 400)).toBe(true);
    await expectMiniWorks(page);
  });
}

test('an explicit choice that cannot be loaded falls back the same way, naming the model', async ({ page }) => {
  hub = await startHubServer({ repos: {} });
  await useHost(page, hub.origin);
  await expectMiniWithNotice(page, 'Xenova/clip-vit-base-patch16', '?model=Xenova/clip-vit-base-patch16');
  await expect(page.getByTestId('model-fallback')).toContainText('OpenAI CLIP ViT-B/16 could not be loaded');
});

test('with a mirror of the model host, the app loads ViT-B/32 by default (int8 on WASM)', async ({ page }) => {
  hub = await startHubServer({ repos: { [DEFAULT_MODEL_ID]: MINI_FILES } });
  await useHost(page, hub.origin);
  await page.goto('./?backend=wasm');
  await expect(status(page)).toHaveAttribute('data-model-id', DEFAULT_MODEL_ID);
  await expect(status(page)).toContainText('OpenAI CLIP ViT-B/32');
  await expect(status(page)).toContainText('ready (q8)');
  await expect(page.getByTestId('model-select')).toHaveValue(DEFAULT_MODEL_ID);
  await expect(page.getByTestId('dtype-select')).toHaveValue('auto');
  await expect(page.getByTestId('model-fallback')).toHaveCount(0);
  await expect(page.getByTestId('labels-editor')).toHaveValue(startingPreset(DEFAULT_MODEL_ID).labels.join('\n'));
  const towers = hub.requests.filter((r) => r.path.includes('/onnx/')).map((r) => r.path);
  expect(towers).toContain(`/${DEFAULT_MODEL_ID}/resolve/main/onnx/vision_model_quantized.onnx`);
  expect(towers).toContain(`/${DEFAULT_MODEL_ID}/resolve/main/onnx/text_model_quantized.onnx`);

  // The "Colours and shapes" preset brings the Mini, and a preset for real photos brings ViT-B/32 back.
  await page.getByTestId('preset').selectOption('mini-shapes');
  await expect(status(page)).toHaveAttribute('data-model-id', MINI_ID);
  await expect(page.getByTestId('model-select')).toHaveValue(MINI_ID);
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
  await page.getByTestId('preset').selectOption('everyday');
  await expect(status(page)).toHaveAttribute('data-model-id', DEFAULT_MODEL_ID);
  await expect(page.getByTestId('model-fallback')).toHaveCount(0);
});
