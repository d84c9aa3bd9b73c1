import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_MODEL_ID, MINI_ID } from '../src/model/catalogue/catalogue';
import { EXAMPLES } from '../src/model/catalogue/example-sets';
import { startHubServer, type HubServer } from '../tools/hub-server/hub-server';
import { TWIN_REPO, TWIN_SMALL_DIR } from '../tools/models/twin-reference';
import { ALL_SHAPE_FIXTURES, card, dropFiles, fixtureFile, pinMini, scores, setLabels, topLabel } from './helpers';

// The first screen (three steps and "Try an example"), the sort menu, "Copy results", the matrix while images run
// and counts in words.
let hub: HubServer | undefined;
// The machines that run this share two cores among many jobs: starting the Mini has taken over a minute there.
const START_MS = 300_000;
test.beforeEach(() => test.setTimeout(600_000));
test.afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

/** openApp with room for a slow start: the bundled Mini pinned, on WASM, ready. */
async function start(page: Page): Promise<void> {
  await page.goto(`./${pinMini('?backend=wasm')}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: START_MS });
}

const example = (page: Page, id: string) => page.locator(`[data-testid="try-example"][data-example="${id}"]`);
const shownNames = (page: Page) =>
  page.getByTestId('result-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-image-name')!));

test('the shapes example classifies four shapes with one click, on the bundled model', async ({ page }) => {
  await start(page);
  const steps = page.getByTestId('first-steps');
  await expect(steps).toContainText('Add images');
  await expect(steps).toContainText('Nothing leaves this device');
  await expect(example(page, 'shapes')).toContainText('no download');
  await example(page, 'shapes').click();
  const shapes = EXAMPLES.find((e) => e.id === 'shapes')!;
  await expect(page.getByTestId('result-card')).toHaveCount(shapes.files.length);
  await expect(page.getByTestId('labels-editor')).toHaveValue(shapes.labels.join('\n'));
  for (const file of shapes.files) {
    // blue-circle.png is a circle: the file names say what was drawn (tools/models/make_examples.py).
    expect(await topLabel(page, file), file).toBe(file.replace(/\.png$/, '').split('-')[1]);
  }
  await expect(page.getByTestId('answering-model')).toContainText('Clipscope Mini');
  await expect(page.getByTestId('answering-model')).toHaveAttribute('data-model-id', MINI_ID);
  await expect(steps).toHaveCount(0);
  // The button that had focus is gone: focus moved to the cards, not to the page's body.
  await expect(page.getByRole('list', { name: 'Results' })).toBeFocused();
});

test('the photos example downloads a real CLIP only on the click, with progress and Cancel, then names it', async ({
  page,
}) => {
  // The ViT-B/32 twin (real widths, vocabulary and signatures, 2 layers) stands in for ViT-B/32 on a mirror.
  hub = await startHubServer({ repos: { [TWIN_REPO]: TWIN_SMALL_DIR } });
  await page.addInitScript((host) => localStorage.setItem('clipscope.hubHost', host), hub.origin);
  await start(page);
  const photos = example(page, 'photos');
  await expect(photos).toContainText('OpenAI CLIP ViT-B/32, downloads 152 MB');
  expect(hub.requests, 'nothing is downloaded before the click').toEqual([]);

  hub.setFault('vision_model_quantized.onnx', 'slow', 1);
  await photos.click();
  const status = page.getByTestId('model-status');
  await expect(status).toContainText('Downloading model');
  await status.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toContainText('cancelled');

  hub.clearFaults();
  await status.getByRole('button', { name: 'Retry' }).click();
  await expect(status).toHaveAttribute('data-model-id', DEFAULT_MODEL_ID, { timeout: 240_000 });
  const set = EXAMPLES.find((e) => e.id === 'photos')!;
  await expect(page.getByTestId('labels-editor')).toHaveValue(set.labels.join('\n'));
  for (const file of set.files) {
    await expect(card(page, file).getByTestId('bar')).toHaveCount(set.labels.length, { timeout: 120_000 });
  }
  await expect(page.getByTestId('answering-model')).toContainText('OpenAI CLIP ViT-B/32');
  await expect(page.getByTestId('answering-model')).toHaveAttribute('data-model-id', DEFAULT_MODEL_ID);
  expect(hub.requests.some((r) => r.path.endsWith('/onnx/vision_model_quantized.onnx'))).toBe(true);
});

const FOUR = ['red-circle.png', 'blue-star.png', 'yellow-triangle.png', 'red-star.png'];
const FOUR_LABELS = ['red circle', 'blue star', 'yellow triangle', 'red star'];

/** Drops the four fixtures against their own four labels and waits until every card shows all four bars. */
async function classifyFour(page: Page): Promise<Map<string, Map<string, number>>> {
  await setLabels(page, FOUR_LABELS);
  await dropFiles(
    page,
    FOUR.map((f) => fixtureFile(f)),
  );
  const all = new Map<string, Map<string, number>>();
  for (const file of FOUR) {
    await expect(card(page, file).getByTestId('bar')).toHaveCount(FOUR_LABELS.length);
    all.set(file, await scores(page, file));
  }
  return all;
}

test('the sort menu orders the cards by name, top score or one label, and back', async ({ page }) => {
  await start(page);
  const shown = await classifyFour(page);
  const sort = page.getByTestId('sort-cards');
  await expect(sort).toHaveValue('added');
  expect(await shownNames(page)).toEqual(FOUR);
  // Expected orders from the scores the cards show.
  const byScore = (score: (s: Map<string, number>) => number) =>
    [...FOUR].sort((a, b) => score(shown.get(b)!) - score(shown.get(a)!));

  await sort.selectOption({ label: 'name' });
  expect(await shownNames(page)).toEqual(['blue-star.png', 'red-circle.png', 'red-star.png', 'yellow-triangle.png']);
  await sort.selectOption({ label: 'top score' });
  expect(await shownNames(page)).toEqual(byScore((s) => Math.max(...s.values())));
  await sort.selectOption({ label: 'score for red star' });
  const byRedStar = byScore((s) => s.get('red star')!);
  expect(byRedStar[0]).toBe('red-star.png');
  expect(await shownNames(page)).toEqual(byRedStar);
  await sort.selectOption({ label: 'order added' });
  expect(await shownNames(page)).toEqual(FOUR);
});

test('Copy results puts a table on the clipboard: image, then one percentage per label', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await start(page);
  const shown = await classifyFour(page);
  await page.getByTestId('copy-results').click();
  await expect(page.getByTestId('copy-outcome')).toHaveText(
    'Copied 4 images by 4 labels: paste into a spreadsheet or a document.',
  );
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const lines = text
    .trimEnd()
    .split('\n')
    .map((line) => line.split('\t'));
  expect(lines[0]).toEqual(['image', ...FOUR_LABELS]);
  expect(lines.slice(1).map((cells) => cells[0])).toEqual(FOUR);
  for (const [file, ...cells] of lines.slice(1)) {
    const values = cells.map((cell) => {
      expect(cell).toMatch(/^\d+\.\d%$/);
      return Number(cell.slice(0, -1));
    });
    expect(values.length).toBe(FOUR_LABELS.length);
    values.forEach((value, i) =>
      expect(Math.abs(value - shown.get(file!)!.get(FOUR_LABELS[i]!)! * 100)).toBeLessThan(0.051),
    );
  }
});

test('Copy results says what to do when the browser refuses the clipboard', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () =>
      Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  await start(page);
  await classifyFour(page);
  await page.getByTestId('copy-results').click();
  const outcome = page.getByTestId('copy-outcome');
  await expect(outcome).toContainText('did not allow copying to the clipboard');
  await expect(outcome).toContainText('Allow clipboard access');
});

test('counts read "1 image", in the results and in search', async ({ page }) => {
  await start(page);
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  await expect(card(page, 'red-circle.png')).toHaveAttribute('data-state', 'done');
  const progress = page.locator('.toolbar').first();
  await expect(progress).toContainText(/(^|\s)1 image(?!s)/);
  await expect(progress).not.toContainText('1 images');
  await page.getByTestId('tab-search').click();
  await page.getByTestId('search-input').fill('red circle');
  await expect(page.getByText('1 image ranked by cosine similarity to the text.')).toBeVisible();
});

test('the matrix says "Classifying…" while images are still running, not "Drop images"', async ({ page }) => {
  await start(page);
  await page.getByTestId('tab-matrix').click();
  await expect(page.getByText('Drop images and type labels to fill the matrix.')).toBeVisible();
  // Slows the page and its workers, so the run surely lasts long enough to be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const files = Array.from({ length: 3 }, (_, copy) =>
    ALL_SHAPE_FIXTURES.map((f) => ({ ...fixtureFile(f), name: `${copy}-${f}` })),
  ).flat();
  await dropFiles(page, files);
  await expect(page.getByText(/Classifying \d+ images?…/)).toBeVisible();
  await expect(page.getByText('Drop images and type labels to fill the matrix.')).toHaveCount(0);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await expect(page.getByRole('grid')).toBeVisible();
  await expect(page.getByText(/Classifying \d+ images?…/)).toHaveCount(0, { timeout: 120_000 });
});
