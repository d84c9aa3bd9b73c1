import { expect, test } from '@playwright/test';
import { dropFiles, fixtureFile, openApp } from './helpers';
import {
  SLOW_TOKENS,
  generated,
  inGeneratorWorker,
  patchNextWorker,
  tokenIds,
  watchModelWorkers,
} from './describe-helpers';

// Stop, and a generator worker that dies, on the bundled Clipscope Mini PrefixLM (WASM). The generator's worker is
// slowed (or killed) by a prelude in its script only; CLIP's worker and the restarted generator run the real one.

test('Stop in the middle of a caption leaves the words so far, marked stopped, and frees the button', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm');
  await patchNextWorker(page, SLOW_TOKENS(700));
  await page.getByTestId('tab-describe').click();
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  const caption = generated(page, 'caption', 'red-circle.png');
  const stop = page.getByTestId('stop-generation');
  await expect(caption).toHaveAttribute('data-state', 'streaming');
  await expect(stop).toBeEnabled();
  await expect.poll(async () => (await tokenIds(caption)).length).toBeGreaterThanOrEqual(2);
  await stop.click();
  await expect(caption).toHaveAttribute('data-state', 'done');
  await expect(caption).toHaveAttribute('data-stopped', 'true');
  await expect(stop).toBeDisabled();
  const stopped = await tokenIds(caption);
  const stoppedText = await caption.textContent();
  expect(stopped.length).toBeGreaterThanOrEqual(2);

  // The same picture under another name, left to finish: the stopped caption is a strict start of it.
  await dropFiles(
    page,
    [fixtureFile('red-circle.png', 'image/png')].map((f) => ({ ...f, name: 'again.png' })),
  );
  const full = generated(page, 'caption', 'again.png');
  await expect(full).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(full).not.toHaveAttribute('data-stopped', 'true');
  const fullIds = await tokenIds(full);
  expect(fullIds.length).toBeGreaterThan(stopped.length);
  expect(fullIds.slice(0, stopped.length)).toEqual(stopped);
  expect((await full.textContent())!.startsWith(stoppedText!.trim())).toBe(true);
  // Stopped stays stopped: nothing re-runs it behind the person's back.
  expect(await tokenIds(caption)).toEqual(stopped);
});

// The generator's worker sleeps 4 s on each generate request before it starts: a Stop then lands before the first
// token.
const SLOW_FIRST_TOKEN = inGeneratorWorker(`
  self.addEventListener('message', (event) => { if (event.data && event.data.type === 'generate') sleep(4000); });
`);

test('Stop before the first token leaves an empty, stopped caption and frees the button', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await patchNextWorker(page, SLOW_FIRST_TOKEN);
  await page.getByTestId('tab-describe').click();
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  const caption = generated(page, 'caption', 'blue-star.png');
  await expect(caption).toHaveAttribute('data-state', 'streaming');
  await expect(caption).toHaveAttribute('data-token-ids', '');
  await page.getByTestId('stop-generation').click();
  await expect(caption).toHaveAttribute('data-state', 'done');
  await expect(caption).toHaveAttribute('data-stopped', 'true');
  await expect(caption).toHaveAttribute('data-token-ids', '');
  await expect(caption).toHaveText('');
  await expect(page.getByTestId('stop-generation')).toBeDisabled();
  // The worker is alive and works: a new image gets its whole caption.
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  await expect(generated(page, 'caption', 'red-circle.png')).toHaveAttribute('data-state', 'done', {
    timeout: 90_000,
  });
  await expect(generated(page, 'caption', 'red-circle.png')).toHaveText(/\bred\b.*\bcircle\b/);
});

// The generator's worker closes itself (no error event, as a killed worker) once it has streamed three tokens.
const KILLED_MID_STREAM = inGeneratorWorker(`
  const realPost = self.postMessage.bind(self);
  let tokens = 0;
  self.postMessage = (message, transfer) => {
    if (message && message.type === 'update' && message.update && Array.isArray(message.update.tokenIds)) {
      sleep(300);
      if (++tokens === 3) { self.close(); return; }
    }
    realPost(message, transfer);
  };
`);

test('a generator worker killed mid-stream is restarted and the caption restarts and ends done', async ({ page }) => {
  const workers = watchModelWorkers(page);
  await openApp(page, '?backend=wasm');
  await patchNextWorker(page, KILLED_MID_STREAM);
  await page.getByTestId('tab-describe').click();
  await dropFiles(page, [fixtureFile('yellow-triangle.png')]);
  const caption = generated(page, 'caption', 'yellow-triangle.png');
  // Two tokens arrive, then the worker dies before the third.
  await expect.poll(async () => (await tokenIds(caption)).length).toBe(2);
  await expect(caption).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(caption).not.toHaveAttribute('data-stopped', 'true');
  await expect(caption).toHaveText(/\byellow\b.*\btriangle\b/);
  expect((await tokenIds(caption)).length).toBeGreaterThan(2);
  // CLIP's worker, the killed generator and its replacement.
  expect(workers.started.length).toBeGreaterThanOrEqual(3);
  await expect.poll(() => workers.closed.has(workers.started[1]!)).toBe(true);
  expect(workers.closed.has(workers.started.at(-1)!)).toBe(false);
  await expect(page.getByTestId('generator-status')).toHaveAttribute('data-state', 'ready');
});
