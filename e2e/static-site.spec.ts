import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { StaticServer } from '../tools/static-server/static-server';
import { classifyShapeFixtures, dropFiles, fixtureFile, pinMini, setLabels, topLabel } from './helpers';
import { DIST, expectThreadsOn, loads, logLoads, startSite } from './site-helpers';

let site: StaticServer | undefined;

test.use({ serviceWorkers: 'allow' });
test.afterEach(async () => {
  await site?.close();
  site = undefined;
});

test('on a header-less host under a sub-path the service worker turns threads on, and the app works offline', async ({
  page,
  context,
}) => {
  site = await startSite();
  await logLoads(page);
  await page.goto(site.url + pinMini(''));
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

test('once images are added the page is not reloaded for threads; a button offers it and keeps the labels', async ({
  page,
}) => {
  // The worker finishes installing only when the test lets it: an icon the page itself never loads is held back.
  let release = () => {};
  site = await startSite({ path: /^icons\/maskable/, until: new Promise<void>((resolve) => (release = resolve)) });
  await logLoads(page);
  await page.goto(site.url + pinMini(''));
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('threads')).toHaveAttribute('data-threads', '1');
  await setLabels(page, ['blue star', 'red circle']);
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');

  release();
  await page.getByRole('button', { name: 'Reload for threads' }).click();
  await expectThreadsOn(page);
  expect(await loads(page)).toEqual([false, true]); // no reload until asked
  await expect(page.getByTestId('labels-editor')).toHaveValue('blue star\nred circle');
  await expect(page.getByTestId('result-card')).toHaveCount(0);
});

test('on a host that sends isolation headers the service worker never reloads the page', async ({ page }) => {
  await logLoads(page);
  await page.goto(`./${pinMini('')}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => navigator.serviceWorker.ready); // installed, and caching done
  await expectThreadsOn(page);
  await classifyShapeFixtures(page);
  expect(await loads(page)).toEqual([true]);
});

test('a new deploy replaces the cached site: new cache in, old cache out, and offline opens the new version', async ({
  page,
  context,
}) => {
  const root = mkdtempSync(join(tmpdir(), 'clipscope-deploy-'));
  try {
    cpSync(DIST, root, { recursive: true });
    site = await startSite(undefined, root);
    await page.goto(site.url + pinMini(''));
    await expectThreadsOn(page);
    const shellCaches = () =>
      page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('clipscope-shell-')));
    const [first] = await shellCaches();
    const oldVersion = first!.replace('clipscope-shell-', '');

    // The next build: a changed page, so a new content hash in sw.js (as the build plugin would write it).
    const sw = readFileSync(join(root, 'sw.js'), 'utf8');
    writeFileSync(join(root, 'sw.js'), sw.replace(oldVersion, 'next-deploy-0001'));
    const index = readFileSync(join(root, 'index.html'), 'utf8');
    writeFileSync(join(root, 'index.html'), index.replace('<title>', '<meta name="deploy" content="next" /><title>'));
    await page.reload(); // the browser checks sw.js on navigation
    await expect.poll(shellCaches).toEqual(['clipscope-shell-next-deploy-0001']);

    await site.close();
    site = undefined;
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('meta[name="deploy"]')).toHaveAttribute('content', 'next');
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
