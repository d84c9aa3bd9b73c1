import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import type { StaticServer } from '../tools/static-server/static-server';
import { DEFAULT_TEMPLATE } from '../src/shared/settings';
import { decodeShare, sharePayload } from '../src/shared/share-link-codec';
import { MINI_PAIRS, MINI_SHAPES } from '../src/model/catalogue/label-presets';
import { classifyShapeFixtures, openApp, SHAPE_FIXTURES, setLabels, trueLabel } from './helpers';
import { expectThreadsOn, startSite } from './site-helpers';

const REPO = 'clipscope/clipscope-mini';
let site: StaticServer | undefined;
let hub: HubServer | undefined;

test.use({ serviceWorkers: 'allow' });
test.afterEach(async () => {
  await Promise.all([site?.close(), hub?.close()]);
  [site, hub] = [undefined, undefined];
});

/** Clicks Share and returns the new link (it differs from the one shown before: the setup changed in between). */
async function makeLink(page: Page, previous = ''): Promise<string> {
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).not.toHaveValue(previous);
  await expect(page.getByTestId('share-link')).not.toHaveValue('');
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#share=[A-Za-z0-9_-]+$/);
  return link;
}

/** Opens a link as someone else would: a fresh browser profile, on a page that is isolated once the worker runs. */
async function openAsReceiver(browser: Browser, link: string): Promise<Page> {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(link);
  await expectThreadsOn(page);
  return page;
}

test('a share link round-trips labels, template, model, host, backend, dtype and preset; never images', async ({
  page,
  context,
  browser,
}) => {
  site = await startSite();
  hub = await startHubServer({ repos: { [REPO]: join(import.meta.dirname, '../public/models/clipscope-mini') } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${site.url}?backend=wasm&dtype=fp32&model=${REPO}&hub=${encodeURIComponent(hub.origin)}`);
  await expectThreadsOn(page);
  await page.getByTestId('confirm-host').click();
  await expect(page.getByTestId('model-status')).toContainText(`${REPO} ready (fp32)`);
  const labels = [...SHAPE_FIXTURES.map(trueLabel), 'purple cross, "quoted"', 'étoile ✨ 星'];
  await setLabels(page, labels);
  await page.getByTestId('template-input').fill('a drawing of a {}');
  await classifyShapeFixtures(page);

  const link = await makeLink(page);
  expect(link.startsWith(site.url)).toBe(true);
  const shared = await decodeShare(sharePayload(new URL(link).hash)!);
  expect(shared.ok).toBe(true);
  expect(JSON.stringify(shared)).not.toContain('.png'); // no image names, let alone images
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const receiver = await openAsReceiver(browser, link);
  await expect(receiver.getByTestId('labels-editor')).toHaveValue(labels.join('\n'));
  await expect(receiver.getByTestId('template-input')).toHaveValue('a drawing of a {}');
  // The model host travels in the link but, as with any link, is used only once the receiver agrees.
  await expect(receiver.getByText(`download models from ${hub.origin}`)).toBeVisible();
  await receiver.getByTestId('confirm-host').click();
  await expect(receiver.getByTestId('model-status')).toContainText(`${REPO} ready (fp32)`);
  await expect(receiver.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(receiver.getByTestId('result-card')).toHaveCount(0);
  // The model came from the other origin, in a cross-origin isolated page, and works.
  await classifyShapeFixtures(receiver);

  // A preset travels as its id, and the receiver's preset menu shows it.
  await page.getByTestId('preset').selectOption('mini-shape-only');
  const presetLink = await makeLink(page, link);
  expect(presetLink.length).toBeLessThan(link.length);
  // Opened in the receiver's open tab: only the fragment changes, and the app starts over with it.
  await receiver.goto(presetLink);
  await expect(receiver.getByTestId('preset')).toHaveValue('mini-shape-only');
  await expect(receiver.getByTestId('labels-editor')).toHaveValue(MINI_SHAPES.join('\n'));
  await expect(receiver.getByTestId('template-input')).toHaveValue('a drawing of a {}');
  await receiver.context().close();
});

for (const [what, fragment, message] of [
  ['malformed', '#share=not*base64!', /damaged/],
  ['cut short', '#share=q1YqU7KyNNFRKlay', /damaged/],
  ['oversized', `#share=${'A'.repeat(40_000)}`, /too long/],
] as const) {
  test(`a share link that is ${what} is refused with a message and the app starts clean`, async ({ page }) => {
    await openApp(page, `?backend=wasm${fragment}`);
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(page.getByTestId('labels-editor')).toHaveValue(MINI_PAIRS.join('\n'));
    await expect(page.getByTestId('template-input')).toHaveValue(DEFAULT_TEMPLATE);
    expect(new URL(page.url()).hash).toBe('');
    await classifyShapeFixtures(page);
  });
}

test('a damaged share link is refused but the rest of the link (backend, weights, model) still applies', async ({
  page,
}) => {
  const query = '?backend=wasm&dtype=q8&model=clipscope-mini';
  await page.goto(`./${query}#share=garbage`);
  await expect(page.getByRole('alert')).toContainText(/damaged/);
  const status = page.getByTestId('model-status');
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status).toContainText('Clipscope Mini');
  await expect(status).toContainText('ready (q8)'); // the Mini's own default on WASM is fp32
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  const url = new URL(page.url());
  expect([url.search, url.hash]).toEqual([query, '']);
  await classifyShapeFixtures(page);
});
