import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dropFiles, fixtureFile, openApp, topLabel } from './helpers';

/**
 * A drop as the operating system makes it: Chromium's DevTools protocol drops real paths, so a folder arrives as a
 * FileSystemDirectoryEntry, which a synthetic DataTransfer cannot produce.
 */
async function dropPaths(page: Page, paths: string[]): Promise<void> {
  const box = (await page.getByTestId('drop-zone').boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x, y, data });
  }
}

test('a model folder dropped on the page is loaded and used', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await dropPaths(page, [join(import.meta.dirname, '../public/models/clipscope-mini')]);
  await expect(page.getByTestId('model-status')).toContainText('the folder clipscope-mini');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-model-id', 'local:clipscope-mini');
  await dropFiles(page, [fixtureFile('green-square.png')]);
  expect(await topLabel(page, 'green-square.png')).toBe('green square');
  expect(requests.filter((path) => path.includes('/models/'))).toEqual([]);
});

test('a dropped folder that is not a model says what is missing and keeps the model', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await dropPaths(page, [join(import.meta.dirname, 'fixtures')]);
  await expect(page.getByRole('alert')).toContainText('has no config.json');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('model-status')).toContainText('Clipscope Mini');
});
