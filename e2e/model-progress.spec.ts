import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';
import { card, dropFiles, fixtureFile, openApp, pinMini, setLabels, SHAPE_FIXTURES, topLabel } from './helpers';

declare global {
  interface Window {
    /** Each new value of the model status's data-phase, with its bar's max (empty: indeterminate). */
    recordedPhases: string[];
    /** Each new text of the polite announcer. */
    recordedAnnouncements: string[];
  }
}

/** Records, from the first paint on, every phase the model status shows and everything the announcer says. */
async function recordStatus(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.recordedPhases = [];
    window.recordedAnnouncements = [];
    const last = <T>(list: T[]) => list[list.length - 1];
    new MutationObserver(() => {
      const status = document.querySelector('[data-testid="model-status"]');
      const phase = status?.getAttribute('data-phase');
      if (phase && phase !== last(window.recordedPhases)?.split(':')[0]) {
        const max = status!.querySelector('progress')?.getAttribute('max') ?? '';
        window.recordedPhases.push(`${phase}:${max}`);
      }
      const said = document.querySelector('[data-testid="announcer"]')?.textContent;
      if (said && said !== last(window.recordedAnnouncements)) window.recordedAnnouncements.push(said);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

test('the bundled Mini shows its load phases, each with a bar, before it is ready', async ({ page }) => {
  await recordStatus(page);
  await openApp(page, '?backend=wasm');
  const phases = await page.evaluate(() => window.recordedPhases);
  expect(phases.at(-1)).toBe('ready:');
  const before = phases.slice(0, -1).map((p) => p.split(':')[0]);
  expect(new Set(before).size, phases.join(' ')).toBeGreaterThanOrEqual(2);
  // Compiling the towers and warming up have a determinate bar (towers done of 2, one warm-up run of the image tower).
  for (const p of phases.filter((p) => /^compiling:/.test(p))) expect(p).toMatch(/:2$/);
  for (const p of phases.filter((p) => /^warming-up:/.test(p))) expect(p).toMatch(/:1$/);
  expect(before.some((p) => p === 'compiling' || p === 'warming-up')).toBe(true);
  // The status is not a live region any more: the announcer speaks for it.
  await expect(page.getByTestId('model-status')).not.toHaveAttribute('aria-live', /./);
});

test('the announcer says milestones only: a load and a drop of 3 images is a handful of messages', async ({ page }) => {
  await recordStatus(page);
  await openApp(page, '?backend=wasm');
  await setLabels(page, MINI_PAIRS);
  const files = SHAPE_FIXTURES.slice(0, 3);
  await dropFiles(
    page,
    files.map((f) => fixtureFile(f)),
  );
  for (const file of files) await topLabel(page, file);
  // Every image wins its own label, so the tie goes to the first image's: red circle.
  await expect(page.getByTestId('announcer')).toHaveText('3 images classified, top label red circle');
  const said = await page.evaluate(() => window.recordedAnnouncements);
  expect(said.length, said.join(' | ')).toBeLessThanOrEqual(5);
  expect(said).toContainEqual(expect.stringMatching(/^Clipscope Mini.* ready$/));
  expect(said.at(-1)).toBe('3 images classified, top label red circle');
  for (const message of said) expect(message).not.toMatch(/of \d+ images|\d+ of \d+/);
});

test.describe('a slow download', () => {
  const REPO = 'clipscope/clipscope-mini';
  let hub: HubServer;
  test.beforeEach(async () => {
    hub = await startHubServer({
      repos: { [REPO]: join(import.meta.dirname, '../public/models/clipscope-mini') },
      slowBytesPerSecond: 16 * 1024, // the 617 kB vision tower takes about 40 s
    });
  });
  test.afterEach(async () => hub.close());

  test('cards wait for the model while it downloads, then show results', async ({ page }) => {
    test.setTimeout(300_000);
    hub.setFault('onnx/vision_model_quantized.onnx', 'slow');
    await recordStatus(page);
    await page.goto(`./?backend=wasm&model=${REPO}&hub=${encodeURIComponent(hub.origin)}`);
    const status = page.getByTestId('model-status');
    // The bundled model runs until the host is confirmed; confirming once it is ready starts the download at once.
    await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await page.getByTestId('confirm-host').click();
    await expect(status).toHaveAttribute('data-phase', 'downloading', { timeout: 120_000 });
    await expect(status.getByTestId('load-progress')).toHaveAttribute('max', /^\d+$/);
    await setLabels(page, MINI_PAIRS);
    await dropFiles(page, [fixtureFile('blue-star.png')]);
    await expect(card(page, 'blue-star.png')).toContainText('Waiting for the model…');
    await expect(card(page, 'blue-star.png')).not.toContainText('Classifying');
    expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
    const said = await page.evaluate(() => window.recordedAnnouncements);
    const fromDownload = said.slice(said.findIndex((m) => m.startsWith(`Downloading ${REPO}`)));
    expect(fromDownload[0]).toMatch(new RegExp(`^Downloading ${REPO}, [\\d.]+ (MB|kB)$`));
    expect(said).toContain(`${REPO} 50% downloaded`);
    expect(said.at(-1)).toBe('1 image classified, top label blue star');
  });
});

test('WebGPU forced onto a software adapter says it is slow and switches to WASM in one click', async ({ page }) => {
  test.setTimeout(300_000); // SwiftShader compiles shaders on the CPU: slow on a busy machine
  await page.goto(`./${pinMini('?backend=webgpu')}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 240_000 });
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  const notice = page.getByTestId('software-adapter');
  await expect(notice).toContainText('software renderer (no GPU)');
  await expect(notice).toContainText('30-150x slower than WASM');
  await notice.getByRole('button', { name: 'Use WASM' }).click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(notice).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('backend')).toBe('wasm');
  await setLabels(page, MINI_PAIRS);
  await dropFiles(page, [fixtureFile('red-star.png')]);
  expect(await topLabel(page, 'red-star.png')).toBe('red star');
});

test('WASM chosen by auto shows no software-adapter notice', async ({ page }) => {
  await page.goto(`./${pinMini('?backend=auto')}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('software-adapter')).toHaveCount(0);
});
