import { expect, type Locator, type Page, type Worker } from '@playwright/test';
import { openApp } from './helpers';

/** One image's generated text of a kind (caption, answer, continuation), by its image's name. */
export const generated = (page: Page, kind: 'caption' | 'answer' | 'continuation', name: string): Locator =>
  page.locator(`[data-testid="${kind}"][data-image-name="${name}"]`);

export const likelihoodBars = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="likelihood-bar"][data-image-name="${name}"]`);

/** CLIP's bars on the Describe card of `name`. */
export const clipBars = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="clip-chart"][data-image-name="${name}"]`).getByTestId('bar');

export const tokenIds = async (text: Locator): Promise<number[]> => {
  const ids = (await text.getAttribute('data-token-ids')) ?? '';
  return ids === '' ? [] : ids.split(' ').map(Number);
};

/** Opens the app on the Mini (CLIP) with `query`, then the Describe tab, and waits for the generator. */
export async function openDescribe(page: Page, query = '?backend=wasm', timeout?: number): Promise<void> {
  await openApp(page, query);
  await page.getByTestId('tab-describe').click();
  await expect(page.getByTestId('generator-status')).toHaveAttribute('data-state', 'ready', { timeout });
}

/** label -> probability of every likelihood bar of an image (all of them: the chart shows every label). */
export async function likelihoods(page: Page, name: string): Promise<Map<string, number>> {
  const bars = likelihoodBars(page, name);
  await expect(bars.first()).toBeVisible();
  return new Map(
    await bars.evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-label')!, Number(el.getAttribute('data-score'))] as const),
    ),
  );
}

/**
 * Code run at the top of the generator's worker only (the model worker script started under the generator's
 * worker name; the CLIP worker and ONNX Runtime's thread workers run it untouched). `sleep(ms)` blocks the worker
 * without spinning a core (the page is cross-origin isolated, so Atomics.wait is allowed in a worker).
 */
export const inGeneratorWorker = (body: string) => `
if ((self.name || '').startsWith('clipscope-model-generator')) {
  const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  ${body}
}
`;

/** Slows the generator to one token per `ms`: each streamed token's update waits before it is sent. */
export const SLOW_TOKENS = (ms: number) =>
  inGeneratorWorker(`
  const realPost = self.postMessage.bind(self);
  self.postMessage = (message, transfer) => {
    if (message && message.type === 'update' && message.update && Array.isArray(message.update.tokenIds)) sleep(${ms});
    realPost(message, transfer);
  };
`);

/**
 * Puts `prelude` into the next model worker script the page fetches, and only that one (a restarted worker runs
 * the real script). Call it after the CLIP worker started, before the Describe tab starts the generator's.
 */
export async function patchNextWorker(page: Page, prelude: string): Promise<void> {
  await page.route(
    '**/assets/clip.worker-*.js',
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: prelude + (await response.text()) });
    },
    { times: 1 },
  );
}

/** The model workers (CLIP's and the generator's: one script) the page starts, and which have ended. */
export function watchModelWorkers(page: Page) {
  const log = { started: [] as Worker[], closed: new Set<Worker>() };
  page.on('worker', (worker) => {
    if (!worker.url().includes('/clip.worker-')) return;
    log.started.push(worker);
    worker.on('close', () => log.closed.add(worker));
  });
  return log;
}
