import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { startHubServer } from '../tools/hub-server/hub-server';
import { FIXTURES, SHAPE_FIXTURES, dropFiles, fixtureFile, setLabels, topLabel, trueLabel } from './helpers';

const REPO = 'clipscope/clipscope-mini';

/** Pieces of a file's bytes, as base64 and hex, as they would appear if the file were sent in a URL or header. */
function fingerprints(file: string): string[] {
  const bytes = readFileSync(join(FIXTURES, file));
  const pieces: string[] = [];
  for (let at = 64; at + 18 <= bytes.length; at += Math.floor(bytes.length / 6)) {
    const piece = bytes.subarray(at, at + 18);
    pieces.push(piece.toString('base64'), piece.toString('base64url'), piece.toString('hex'));
  }
  return pieces;
}

test('a whole session sends no image anywhere and talks only to the page origin and the model host', async ({
  page,
  baseURL,
}) => {
  const hub = await startHubServer({ repos: { [REPO]: join(import.meta.dirname, '../public/models/clipscope-mini') } });
  try {
    const requests: Request[] = [];
    page.context().on('request', (r) => requests.push(r));
    await page.goto(`./?backend=wasm&model=${REPO}&hub=${encodeURIComponent(hub.origin)}`);
    await page.getByTestId('confirm-host').click();
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('model-status')).toContainText(REPO);
    await setLabels(page, ['red circle', 'blue star', 'yellow triangle', 'red star', 'green square']);
    await dropFiles(
      page,
      SHAPE_FIXTURES.map((f) => fixtureFile(f)),
    );
    for (const file of SHAPE_FIXTURES) expect(await topLabel(page, file)).toBe(trueLabel(file));
    await page.getByTestId('template-input').fill('a drawing of a {}');
    await page.getByRole('button', { name: 'Clear all' }).click();

    const allowed = new Set([new URL(baseURL!).origin, hub.origin]);
    const network = requests.filter((r) => /^https?:/.test(r.url()));
    expect(network.length).toBeGreaterThan(5);
    // The model really came from the model host, and the worker's requests are among those recorded.
    expect(network.filter((r) => r.url().startsWith(hub.origin)).length).toBeGreaterThan(0);
    expect(network.map((r) => new URL(r.url()).origin).filter((o) => !allowed.has(o))).toEqual([]);
    // Nothing is uploaded: only reads, without bodies.
    expect(network.filter((r) => !['GET', 'HEAD'].includes(r.method()) || r.postDataBuffer())).toEqual([]);
    // Scripts, styles and fonts come from the site itself: no analytics, CDN scripts or web fonts.
    const code = network.filter((r) => ['script', 'stylesheet', 'font'].includes(r.resourceType()));
    expect(code.length).toBeGreaterThan(0);
    expect(code.filter((r) => new URL(r.url()).origin !== new URL(baseURL!).origin)).toEqual([]);
    // No image bytes in any URL or header.
    const sent = await Promise.all(network.map(async (r) => r.url() + JSON.stringify(await r.allHeaders())));
    const leaks = SHAPE_FIXTURES.flatMap(fingerprints).filter((piece) => sent.some((text) => text.includes(piece)));
    expect(leaks).toEqual([]);
    // Images the model host saw: none (it only served model files).
    expect(hub.requests.filter((r) => !r.path.startsWith(`/${REPO}/resolve/`))).toEqual([]);
  } finally {
    await hub.close();
  }
});

test('the built page loads no third-party script, style or font', async () => {
  const html = readFileSync(join(import.meta.dirname, '../dist/index.html'), 'utf8');
  const external = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map((m) => m[1]!)
    .filter((u) => /^(https?:)?\/\//.test(u));
  expect(external).toEqual([]);
});
