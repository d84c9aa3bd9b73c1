import { expect, test } from '@playwright/test';
import { classifyShapeFixtures, openApp } from './helpers';

test('no request leaves the page origin while classifying', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('worker', (worker) => requests.push(worker.url()));
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  const origin = new URL(baseURL!).origin;
  const foreign = requests.filter(
    (url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'),
  );
  expect(requests.length).toBeGreaterThan(3);
  expect(foreign).toEqual([]);
});
