import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';
import { expect, type JSHandle, type Locator, type Page } from '@playwright/test';
import { MINI_ID } from '../src/model/catalogue/catalogue';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const SHAPE_FIXTURES = ['red-circle.png', 'blue-star.png', 'yellow-triangle.png', 'red-star.png'];
/** Every single-shape fixture in e2e/fixtures, for tests that need many distinct images. */
export const ALL_SHAPE_FIXTURES = [
  ...SHAPE_FIXTURES,
  'green-square.png',
  'purple-hexagon.png',
  'orange-cross.png',
  'black-circle.png',
  'white-square.png',
  'blue-triangle.png',
];

/** The true "<colour> <shape>" label of a fixture file name. */
export const trueLabel = (file: string) => file.replace(/\.png$/, '').replace('-', ' ');

/**
 * `query` (e.g. "?backend=wasm", maybe with a "#share=" fragment) with the bundled Mini pinned unless it names a
 * model: tests that need the Mini must not depend on the app's default model, which comes from the model host.
 */
export function pinMini(query: string): string {
  const [search = '', fragment = ''] = query.split(/(?=#)/);
  if (new URLSearchParams(search).has('model')) return query;
  return `${search}${search.startsWith('?') ? '&' : '?'}model=${MINI_ID}${fragment}`;
}

/** Opens the app (on the Mini unless `query` names a model) and waits until its model is ready. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${pinMini(query)}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
}

export interface DropFile {
  name: string;
  type: string;
  base64: string;
}

export function fixtureFile(name: string, type = 'image/png'): DropFile {
  return { name, type, base64: readFileSync(join(FIXTURES, name)).toString('base64') };
}

export function textFile(name: string, text: string, type = 'image/png'): DropFile {
  return { name, type, base64: Buffer.from(text).toString('base64') };
}

/** A DataTransfer holding `files` as File objects, built in the page (also used by the UI benchmark). */
export function makeTransfer(page: Page, files: DropFile[]): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return transfer;
  }, files);
}

/** A real drop: a DataTransfer with File objects, dispatched as dragenter, dragover and drop on the drop zone. */
export async function dropFiles(page: Page, files: DropFile[]): Promise<void> {
  const dataTransfer = await makeTransfer(page, files);
  const zone = page.getByTestId('drop-zone');
  for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer });
}

/** Drops every shape fixture and checks that each gets its true "<colour> <shape>" label first. */
export async function classifyShapeFixtures(page: Page): Promise<void> {
  await dropFiles(
    page,
    SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
  for (const file of SHAPE_FIXTURES) expect(await topLabel(page, file)).toBe(trueLabel(file));
}

export function card(page: Page, name: string): Locator {
  return page.locator(`[data-testid="result-card"][data-image-name="${name}"]`);
}

/** The label of a card's top bar, once its chart is drawn. */
export async function topLabel(page: Page, name: string): Promise<string | null> {
  const first = card(page, name).getByTestId('bar').first();
  await expect(first).toBeVisible();
  return first.getAttribute('data-label');
}

/** label -> probability (or cosine similarity) for every bar a card shows. */
export async function scores(
  page: Page,
  name: string,
  attribute: 'data-score' | 'data-similarity' = 'data-score',
): Promise<Map<string, number>> {
  const bars = card(page, name).getByTestId('bar');
  await expect(bars.first()).toBeVisible();
  const pairs = await bars.evaluateAll(
    (els, attr) => els.map((el) => [el.getAttribute('data-label')!, Number(el.getAttribute(attr))] as const),
    attribute,
  );
  return new Map(pairs);
}

export async function setLabels(page: Page, labels: string[]): Promise<void> {
  await page.getByTestId('labels-editor').fill(labels.join('\n'));
}

/** Runs `prelude` at the top of the model worker's script, to simulate faults inside the worker. */
export async function patchWorker(page: Page, prelude: string): Promise<void> {
  await page.route('**/assets/clip.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: prelude + (await response.text()) });
  });
}

/**
 * `count` labels that the Mini's tokenizer reads as different token sequences (it knows only colour and shape
 * words, so "thing 1" and "thing 2" would be one label to it and share one bar): four of its words, counted in
 * base (number of words), leaving out `avoid` so that no label competes with the true one.
 */
export function distinctMiniLabels(count: number, avoid: string[] = []): string[] {
  const words = [...new Set(MINI_PAIRS.flatMap((pair) => pair.split(' ')))].filter((w) => !avoid.includes(w));
  return Array.from({ length: count }, (_, i) =>
    [0, 1, 2, 3].map((digit) => words[Math.floor(i / words.length ** digit) % words.length]).join(' '),
  );
}

/** Opens "Models and settings" (the weights picker, the model host, downloaded models) unless it is open. */
export async function openSettings(page: Page): Promise<void> {
  const panel = page.locator('details.models-panel');
  if (!(await panel.evaluate((details: HTMLDetailsElement) => details.open))) await panel.locator('summary').click();
  await expect(panel).toHaveAttribute('open', '');
}
