// What a first visit costs: every response body byte the browser receives from the network (the page, its workers
// and the service worker alike) from navigation until the bundled model is ready, one image is classified and the
// service worker has cached what the page used. Responses a cache answered (HTTP cache, or the service worker's
// Cache Storage) cost nothing and count nothing.
import { expect, test, type Request } from '@playwright/test';
import { MINI_ID } from '../src/model/catalogue/catalogue';
import { fixtureFile, dropFiles, pinMini, topLabel } from './helpers';

// A trace would keep a copy of every body counted here (a 14 MB WASM build among them) and slow the load past the
// test's timeouts on a busy machine; the test prints what it measured instead.
test.use({ trace: 'off' });

/** Decimal megabytes, as download sizes are usually stated. */
const BUDGET_MB = 25;
const MB = 1e6;

type Kind = 'JS' | 'WASM' | 'model' | 'other';

function kindOf(url: string): Kind {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'WASM';
  if (path.includes(`/models/${MINI_ID}/`)) return 'model';
  if (/\.m?js$/.test(path)) return 'JS';
  return 'other';
}

test('a first visit downloads the app, one WASM build and one copy of the bundled model, under the budget', async ({
  browser,
}) => {
  test.setTimeout(240_000); // two full loads of the app
  const { baseURL } = test.info().project.use;
  const context = await browser.newContext({ baseURL, serviceWorkers: 'allow' });
  const received: { url: string; bytes: number; by: string }[] = [];
  const count = async (request: Request) => {
    const response = await request.response();
    // Answered by the service worker: its own network request, if it made one, is counted on its own.
    if (!response || response.fromServiceWorker() || !request.url().startsWith('http')) return; // blob: previews
    const { responseBodySize } = await request.sizes();
    received.push({ url: request.url(), bytes: responseBodySize, by: request.serviceWorker() ? 'sw' : 'page' });
  };
  context.on('requestfinished', (request) => void count(request));
  const page = await context.newPage();

  await page.goto(`./${pinMini('')}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  const used = await page.getByTestId('model-status').getAttribute('data-model-id');
  expect(used).toBe(MINI_ID);
  await page.getByTestId('labels-editor').fill('blue star\nred circle\nyellow triangle');
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');

  // The service worker has finished: installed and active, and every model and WASM file the page used is cached.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const usedHeavy = [...new Set(received.map((r) => r.url))].filter((u) => /\.(wasm|onnx)$/.test(u)).sort();
  const cachedHeavy = () =>
    page.evaluate(async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith('clipscope-shell-'));
      const keys = await Promise.all(names.map(async (n) => (await caches.open(n)).keys()));
      return keys
        .flat()
        .map((request) => request.url)
        .filter((u) => /\.(wasm|onnx)$/.test(u))
        .sort();
    });
  // One WASM build and the two towers of one dtype, each the very file the page used, and nothing else heavy.
  await expect.poll(cachedHeavy).toEqual(usedHeavy);
  expect(usedHeavy.filter((u) => u.endsWith('.wasm'))).toHaveLength(1);
  expect(usedHeavy.filter((u) => u.endsWith('.onnx'))).toHaveLength(2);

  const byKind = new Map<Kind, number>();
  for (const r of received) byKind.set(kindOf(r.url), (byKind.get(kindOf(r.url)) ?? 0) + r.bytes);
  const total = received.reduce((n, r) => n + r.bytes, 0);
  const mb = (bytes: number) => (bytes / MB).toFixed(1);
  console.log(
    `First visit: ${mb(total)} MB (` +
      (['JS', 'WASM', 'model', 'other'] as const).map((k) => `${k} ${mb(byKind.get(k) ?? 0)} MB`).join(', ') +
      ')',
  );
  for (const r of received.filter((r) => r.bytes > 100_000))
    console.log(`  ${mb(r.bytes)} MB  ${r.by}  ${new URL(r.url).pathname}`);
  expect(total / MB).toBeLessThan(BUDGET_MB);

  // What was cached is enough: offline, the site opens and classifies, and nothing comes from the network.
  const answeredOnline = received.length;
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
  expect(received.slice(answeredOnline)).toEqual([]);
  await context.close();
});
