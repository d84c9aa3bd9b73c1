import { expect, test } from '@playwright/test';
import { SHAPE_FIXTURES, dropFiles, fixtureFile, openApp, setLabels, trueLabel } from './helpers';
import {
  SLOW_TOKENS,
  clipBars,
  generated,
  likelihoods,
  openDescribe,
  patchNextWorker,
  tokenIds,
} from './describe-helpers';

// The bundled Clipscope Mini PrefixLM on WASM, on the e2e fixtures (one clear shape each, e.g. red-circle.png).
const [colourOf, shapeOf] = [(f: string) => trueLabel(f).split(' ')[0]!, (f: string) => trueLabel(f).split(' ')[1]!];
const word = (w: string) => new RegExp(`\\b${w}\\b`);

test('each image gets a streamed caption naming its colour and shape, and the speed is shown', async ({ page }) => {
  await openDescribe(page);
  await dropFiles(
    page,
    SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
  for (const file of SHAPE_FIXTURES) {
    const caption = generated(page, 'caption', file);
    await expect(caption).toHaveAttribute('data-state', 'done');
    await expect(caption).toHaveText(word(colourOf(file)));
    await expect(caption).toHaveText(word(shapeOf(file)));
    expect((await tokenIds(caption)).length).toBeGreaterThan(1);
    await expect(caption).not.toHaveAttribute('data-stopped', 'true');
  }
  const speed = page.getByTestId('tokens-per-second');
  await expect(speed).toHaveAttribute('data-value', /^\d/);
  expect(Number(await speed.getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(speed).toContainText('first token after');
  await expect(page.getByTestId('stop-generation')).toBeDisabled();
  // Finished captions are spoken once each, as whole texts.
  await expect(page.getByTestId('describe-announcer')).toContainText('Caption of');
});

test('a shared question is answered per image, and a typed start is continued', async ({ page }) => {
  await openDescribe(page);
  const files = ['yellow-triangle.png', 'red-circle.png', 'blue-star.png'];
  await dropFiles(
    page,
    files.map((f) => fixtureFile(f)),
  );
  for (const file of files) await expect(generated(page, 'caption', file)).toHaveAttribute('data-state', 'done');

  await page.getByTestId('question-input').fill('is there a triangle?');
  for (const file of files) {
    const answer = generated(page, 'answer', file);
    await expect(answer).toHaveAttribute('data-state', 'done');
    await expect(answer).toHaveText(file.includes('triangle') ? 'yes' : 'no');
  }
  // A new question re-asks only the answers: the captions stay as they were.
  const captionIds = await tokenIds(generated(page, 'caption', 'red-circle.png'));
  await page.getByTestId('question-input').fill('what colour is the star?');
  await expect(generated(page, 'answer', 'blue-star.png')).toHaveText('blue');
  expect(await tokenIds(generated(page, 'caption', 'red-circle.png'))).toEqual(captionIds);

  await page.getByTestId('prefix-input').fill('a photo of a');
  for (const file of files) {
    const continuation = generated(page, 'continuation', file);
    await expect(continuation).toHaveAttribute('data-state', 'done');
    await expect(continuation).toHaveText(word(colourOf(file)));
    await expect(continuation).toHaveText(word(shapeOf(file)));
  }
  // Shown as "prefix + continuation".
  await expect(page.locator('.generated', { has: generated(page, 'continuation', 'red-circle.png') })).toContainText(
    /^a photo of a\s+\S/,
  );
});

test('the likelihood chart sums to 1, picks the true label, and sits beside CLIP\u2019s', async ({ page }) => {
  await openDescribe(page);
  const labels = SHAPE_FIXTURES.map(trueLabel).concat(['green square', 'purple hexagon']);
  await setLabels(page, labels);
  await dropFiles(
    page,
    SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
  for (const file of SHAPE_FIXTURES) {
    await expect.poll(async () => (await likelihoods(page, file)).size).toBe(labels.length);
    const scores = await likelihoods(page, file);
    const sum = [...scores.values()].reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1), file).toBeLessThan(1e-4);
    const best = [...scores].sort((a, b) => b[1] - a[1])[0]![0];
    expect(best, file).toBe(trueLabel(file));
    // CLIP's bars for the same image and labels.
    await expect(clipBars(page, file)).toHaveCount(labels.length);
    await expect(clipBars(page, file).first()).toHaveAttribute('data-label', trueLabel(file));
  }
  await expect(page.getByTestId('strategy-summary')).toHaveText(/agree on the top label for 4 of 4 images/);
  await expect(page.getByTestId('strategy-agreement').first()).toHaveAttribute('data-agree', 'true');
  await expect(page.getByText('Why can the two charts differ?')).toBeVisible();

  // A label edit re-scores the likelihoods too.
  await setLabels(page, ['red circle', 'blue star', 'red star']);
  await expect
    .poll(async () => [...(await likelihoods(page, 'red-star.png')).keys()].sort())
    .toEqual(['blue star', 'red circle', 'red star']);
});

test('label edits update CLIP\u2019s bars while a caption streams', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await patchNextWorker(page, SLOW_TOKENS(1500));
  await page.getByTestId('tab-describe').click();
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  const caption = generated(page, 'caption', 'red-circle.png');
  await expect(caption).toHaveAttribute('data-state', 'streaming');
  await expect(clipBars(page, 'red-circle.png').first()).toBeVisible();
  await setLabels(page, ['blue star', 'red circle', 'green square']);
  await expect(clipBars(page, 'red-circle.png')).toHaveCount(3, { timeout: 10_000 });
  await expect(clipBars(page, 'red-circle.png').first()).toHaveAttribute('data-label', 'red circle');
  // The caption was still being written when CLIP's chart followed the edit.
  await expect(caption).toHaveAttribute('data-state', 'streaming');
});
