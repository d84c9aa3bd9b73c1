import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { f32Bytes, writeSafetensors } from '../tools/models/safetensors-writer';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';
import { dropFiles, fixtureFile, setLabels, topLabel } from './helpers';

// SigLIP's ONNX towers lack its trained scale and bias, so the app reads them from Google's original weights with
// Range requests. Here the Mini's towers stand in for SigLIP's (with a config that records no scale), and a
// safetensors file with known values and a large tensor in front stands in for Google's weights.
const SIGLIP = 'Xenova/siglip-base-patch16-224';
const WEIGHTS = 'google/siglip-base-patch16-224';
const SCALE = 10;
const BIAS = -2;
const FILLER_FLOATS = 1 << 20; // 4 MB the app must not download
let root: string;
let hub: HubServer;

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'clipscope-siglip-'));
  const modelDir = join(root, 'model');
  cpSync(join(import.meta.dirname, '../public/models/clipscope-mini'), modelDir, { recursive: true });
  const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as Record<string, unknown>;
  delete config.clipscope;
  writeFileSync(join(modelDir, 'config.json'), JSON.stringify(config));
  mkdirSync(join(root, 'weights'));
  const weights = writeSafetensors({
    'vision_model.filler': { dtype: 'F32', shape: [FILLER_FLOATS], bytes: new Uint8Array(FILLER_FLOATS * 4) },
    logit_bias: { dtype: 'F32', shape: [1], bytes: f32Bytes(BIAS) },
    logit_scale: { dtype: 'F32', shape: [1], bytes: f32Bytes(Math.log(SCALE)) },
  });
  writeFileSync(join(root, 'weights', 'model.safetensors'), weights);
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

test.beforeEach(async () => {
  hub = await startHubServer({ repos: { [SIGLIP]: join(root, 'model'), [WEIGHTS]: join(root, 'weights') } });
});
test.afterEach(async () => hub.close());

const weightRequests = () => hub.requests.filter((r) => r.path.endsWith('/model.safetensors'));

async function openSiglip(page: import('@playwright/test').Page): Promise<void> {
  await page.goto(`./?backend=wasm&model=${SIGLIP}&hub=${encodeURIComponent(hub.origin)}`);
  await page.getByTestId('confirm-host').click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await setLabels(page, MINI_PAIRS); // the Mini's towers stand in for SigLIP's: score them on the Mini's words
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
}

async function bars(page: import('@playwright/test').Page) {
  const card = page.locator('[data-testid="result-card"][data-image-name="blue-star.png"]');
  await card.getByRole('button', { name: /show all/i }).click();
  return card.getByTestId('bar').evaluateAll((els) =>
    els.map((el) => ({
      score: el.getAttribute('data-score'),
      similarity: Number(el.getAttribute('data-similarity')),
    })),
  );
}

test('SigLIP scores each label with a sigmoid of its trained scale and bias, read by Range requests', async ({
  page,
}) => {
  await openSiglip(page);
  await expect(page.getByText('Independent probabilities per label (sigmoid)')).toBeVisible();
  const all = await bars(page);
  expect(all.length).toBeGreaterThan(40);
  for (const bar of all) {
    const expected = 1 / (1 + Math.exp(-(SCALE * bar.similarity + BIAS)));
    expect(Math.abs(Number(bar.score) - expected)).toBeLessThan(1e-5);
  }
  // Independent per label: nothing makes them add up to one.
  expect(all.reduce((sum, bar) => sum + Number(bar.score), 0)).toBeGreaterThan(1.5);
  // Only the header and the two values were fetched, never the 4 MB of weights.
  const requests = weightRequests();
  expect(requests.length).toBeGreaterThan(0);
  for (const r of requests) expect(r.range).toMatch(/^bytes=\d+-\d+$/);

  const before = hub.requests.length;
  await page.reload();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  expect(hub.requests.slice(before)).toEqual([]); // the scale and bias are cached with the model
});

test('without reachable weights, SigLIP shows cosine similarities and says why', async ({ page }) => {
  hub.setFault('model.safetensors', 'not-found');
  await openSiglip(page);
  await expect(page.getByText("The model's trained scale and bias could not be read")).toBeVisible();
  await expect(page.getByText('only cosine similarities are shown').first()).toBeVisible();
  const all = await bars(page);
  for (const bar of all) expect(bar.score).toBeNull();
});

test('the comparison view scores SigLIP with the same trained scale and bias as the main view', async ({ page }) => {
  await openSiglip(page);
  await page.getByRole('tab', { name: 'Compare models' }).click();
  await page.getByLabel('Compare with').selectOption(SIGLIP);
  await page.getByLabel('Its weights').selectOption('fp32');
  await page.getByTestId('compare-start').click();
  const other = page.locator('[data-testid="compare-other"][data-image-name="blue-star.png"]');
  await expect(other.getByTestId('bar').first()).toBeVisible();
  await other.getByRole('button', { name: /show all/i }).click();
  const scored = await other.getByTestId('bar').evaluateAll((els) =>
    els.map((el) => ({
      score: el.getAttribute('data-score'),
      similarity: Number(el.getAttribute('data-similarity')),
    })),
  );
  expect(scored.length).toBeGreaterThan(40);
  for (const bar of scored) {
    const expected = 1 / (1 + Math.exp(-(SCALE * bar.similarity + BIAS)));
    expect(Math.abs(Number(bar.score) - expected)).toBeLessThan(1e-5);
  }
});
