import { expect, test } from '@playwright/test';
import { dropFiles, fixtureFile, openApp, SHAPE_FIXTURES, topLabel, trueLabel } from './helpers';

test('no request leaves the page origin while classifying', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('worker', (worker) => requests.push(worker.url()));
  await openApp(page, '?backend=wasm');
  await dropFiles(
    page,
    SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
  for (const file of SHAPE_FIXTURES) expect(await topLabel(page, file)).toBe(trueLabel(file));
  const origin = new URL(baseURL!).origin;
  const foreign = requests.filter(
    (url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'),
  );
  expect(requests.length).toBeGreaterThan(3);
  expect(foreign).toEqual([]);
});
