import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { startStaticServer, type StaticServer, type StaticServerOptions } from '../tools/static-server/static-server';

// What GitHub Pages and most static hosts serve: files, no COOP/COEP headers.
export const DIST = join(import.meta.dirname, '../dist');

/** The built site (or a copy of it in `root`) on a plain static host under a sub-path, with no isolation headers. */
export function startSite(hold?: StaticServerOptions['hold'], root = DIST): Promise<StaticServer> {
  return startStaticServer({ root, basePath: '/tools/clipscope/', hold });
}

/** Records, in the tab's sessionStorage, whether each page load was cross-origin isolated. */
export async function logLoads(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const loads = JSON.parse(sessionStorage.getItem('test.loads') ?? '[]') as boolean[];
    sessionStorage.setItem('test.loads', JSON.stringify([...loads, crossOriginIsolated]));
  });
}

export const loads = (page: Page): Promise<boolean[]> =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('test.loads') ?? '[]'));

/** Waits until the page is cross-origin isolated and the backend badge shows one WASM thread per core. */
export async function expectThreadsOn(page: Page): Promise<void> {
  // The page may be reloading under the poll: a destroyed context counts as "not yet".
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false)).toBe(true);
  await page.waitForLoadState();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('threads')).toHaveAttribute('data-threads', String(cores));
  if (cores > 1) await expect(page.getByTestId('threads')).toContainText(`WASM · ${cores} threads`);
}
