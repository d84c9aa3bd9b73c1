import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../tools/static-server/static-server';
import { classifyShapeFixtures } from './helpers';

// The built site on a plain static host under a sub-path, with no isolation headers: what GitHub Pages serves.
const DIST = join(import.meta.dirname, '../dist');
const BASE_PATH = '/tools/clipscope/';
let site: StaticServer | undefined;

test.use({ serviceWorkers: 'allow' });
test.afterEach(async () => {
  await site?.close();
  site = undefined;
});

/** Records, in the tab's sessionStorage, whether each page load was cross-origin isolated. */
async function logLoads(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const loads = JSON.parse(sessionStorage.getItem('test.loads') ?? '[]') as boolean[];
    sessionStorage.setItem('test.loads', JSON.stringify([...loads, crossOriginIsolated]));
  });
}
const loads = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('test.loads') ?? '[]'));

async function expectThreadsOn(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('threads')).toHaveAttribute('data-threads', String(cores));
  if (cores > 1) await expect(page.getByTestId('threads')).toContainText(`${cores} WASM threads`);
}

test('on a header-less host under a sub-path the service worker turns threads on, and the app works offline', async ({
  page,
  context,
}) => {
  site = await startStaticServer({ root: DIST, basePath: BASE_PATH });
  await logLoads(page);
  await page.goto(site.url);
  // The first load is not isolated; once the worker has cached the site the page reloads itself, exactly once.
  await expectThreadsOn(page);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  expect(await loads(page)).toEqual([false, true]);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await classifyShapeFixtures(page);

  // Offline: no network and no server at all. The cached shell opens, isolated, and the cached Mini classifies.
  await site.close();
  site = undefined;
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await expectThreadsOn(page);
  await classifyShapeFixtures(page);
  expect(await loads(page)).toEqual([false, true, true]);
});

test('on a host that sends isolation headers the service worker never reloads the page', async ({ page }) => {
  await logLoads(page);
  await page.goto('./');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => navigator.serviceWorker.ready); // installed, and caching done
  await expectThreadsOn(page);
  await classifyShapeFixtures(page);
  expect(await loads(page)).toEqual([true]);
});
