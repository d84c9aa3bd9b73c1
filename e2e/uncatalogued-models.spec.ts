import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { f32Bytes, writeSafetensors } from '../tools/models/safetensors-writer';
import { card, dropFiles, fixtureFile, openApp, setLabels } from './helpers';

// Repos the catalogue does not list are scored as their config.json's model_type says. The Mini's files stand in
// for each kind, with an edited config.json.
const MINI = join(import.meta.dirname, '../public/models/clipscope-mini');
const MINI_CONFIG = JSON.parse(readFileSync(join(MINI, 'config.json'), 'utf8')) as {
  clipscope: { logit_scale: number };
};
const SIGLIP_SCALE = 10;
const SIGLIP_BIAS = -2;
const REPOS = {
  clipScaled: 'someone/clip-with-scale',
  clipUnscaled: 'someone/clip-without-scale',
  siglip: 'someone/siglip-export',
  siglipOrigin: 'someone/siglip-original',
  other: 'someone/blip-export',
};
let root: string;
let hub: HubServer;

/** A copy of the Mini's files whose config.json is edited by `edit`. */
function repo(name: string, edit: (config: Record<string, unknown>) => void): string {
  const dir = join(root, name);
  cpSync(MINI, dir, { recursive: true });
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  edit(config);
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'clipscope-uncatalogued-'));
  const origin = join(root, 'origin');
  mkdirSync(origin);
  const weights = writeSafetensors({
    logit_bias: { dtype: 'F32', shape: [1], bytes: f32Bytes(SIGLIP_BIAS) },
    logit_scale: { dtype: 'F32', shape: [1], bytes: f32Bytes(Math.log(SIGLIP_SCALE)) },
  });
  writeFileSync(join(origin, 'model.safetensors'), weights);
  hub = await startHubServer({
    repos: {
      [REPOS.clipScaled]: repo('clip-scaled', () => {}),
      [REPOS.clipUnscaled]: repo('clip-unscaled', (c) => delete c.clipscope),
      // As transformers.js exports are: the original repo named in _name_or_path, which holds the trained values.
      [REPOS.siglip]: repo('siglip', (c) => {
        delete c.clipscope;
        c.model_type = 'siglip';
        c._name_or_path = REPOS.siglipOrigin;
      }),
      [REPOS.siglipOrigin]: origin,
      [REPOS.other]: repo('blip', (c) => {
        delete c.clipscope;
        c.model_type = 'blip';
      }),
    },
  });
});
test.afterAll(async () => {
  await hub.close();
  rmSync(root, { recursive: true, force: true });
});

interface Bar {
  score: string | null;
  similarity: number;
}

/** Opens `repoId` from the mirror, classifies a blue star against the Mini's labels and returns every bar. */
async function classify(page: Page, repoId: string): Promise<Bar[]> {
  await page.addInitScript((host) => localStorage.setItem('clipscope.hubHost', host), hub.origin);
  await openApp(page, `?backend=wasm&model=${repoId}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-model-id', repoId);
  await setLabels(page, MINI_PAIRS);
  await dropFiles(page, [fixtureFile('blue-star.png')]);
  const bars = card(page, 'blue-star.png').getByTestId('bar');
  await expect(bars.first()).toBeVisible();
  await card(page, 'blue-star.png')
    .getByRole('button', { name: /show all/i })
    .click();
  await expect(bars).toHaveCount(MINI_PAIRS.length);
  expect(await bars.first().getAttribute('data-label')).toBe('blue star');
  return bars.evaluateAll((els) =>
    els.map((el) => ({ score: el.getAttribute('data-score'), similarity: Number(el.getAttribute('data-similarity')) })),
  );
}

test('model_type clip with a trained scale in config.json: softmax with that scale', async ({ page }) => {
  const bars = await classify(page, REPOS.clipScaled);
  const scale = MINI_CONFIG.clipscope.logit_scale;
  const denominator = bars.reduce((sum, bar) => sum + Math.exp(scale * bar.similarity), 0);
  for (const bar of bars) {
    expect(Math.abs(Number(bar.score) - Math.exp(scale * bar.similarity) / denominator)).toBeLessThan(1e-5);
  }
  await expect(page.getByTestId('scoring-note')).toHaveCount(0);
});

test('model_type clip without a trained scale: cosine similarities only, with the usual note', async ({ page }) => {
  const bars = await classify(page, REPOS.clipUnscaled);
  for (const bar of bars) expect(bar.score).toBeNull();
  await expect(card(page, 'blue-star.png')).toContainText('trained logit scale is unknown');
});

test('model_type siglip: sigmoid with the trained scale and bias read from the original weights', async ({ page }) => {
  const bars = await classify(page, REPOS.siglip);
  for (const bar of bars) {
    const expected = 1 / (1 + Math.exp(-(SIGLIP_SCALE * bar.similarity + SIGLIP_BIAS)));
    expect(Math.abs(Number(bar.score) - expected)).toBeLessThan(1e-5);
  }
  await expect(page.getByText('Independent probabilities per label (sigmoid)')).toBeVisible();
  const ranges = hub.requests.filter((r) => r.path === `/${REPOS.siglipOrigin}/resolve/main/model.safetensors`);
  expect(ranges.length).toBeGreaterThan(0);
});

test('another model_type: cosine similarities only, with a note naming the type', async ({ page }) => {
  const bars = await classify(page, REPOS.other);
  for (const bar of bars) expect(bar.score).toBeNull();
  await expect(page.getByTestId('scoring-note')).toContainText('"blip" models');
});
