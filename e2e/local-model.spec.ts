import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dropFiles, fixtureFile, openApp, topLabel } from './helpers';

test('a model folder picked from disk is loaded and used', async ({ page }) => {
  const requests: string[] = [];
  await openApp(page, '?backend=wasm');
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.getByText('Models and settings').click();
  await page
    .getByLabel('Open a model folder from this computer')
    .setInputFiles(join(import.meta.dirname, '../public/models/clipscope-mini'));
  await expect(page.getByTestId('model-status')).toContainText('the folder clipscope-mini');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-model-id', 'local:clipscope-mini');
  await dropFiles(page, [fixtureFile('purple-hexagon.png')]);
  expect(await topLabel(page, 'purple-hexagon.png')).toBe('purple hexagon');
  expect(requests.filter((path) => path.includes('/models/'))).toEqual([]);
});

test('a folder that is not a model says what is missing', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByText('Models and settings').click();
  await page.getByLabel('Open a model folder from this computer').setInputFiles(join(import.meta.dirname, 'fixtures'));
  await expect(page.getByRole('alert')).toContainText('has no config.json');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
});
