import { expect, test } from '@playwright/test';
import { dropFiles, fixtureFile, openApp, setLabels, trueLabel } from './helpers';
import { SLOW_TOKENS, generated, likelihoods, openDescribe, patchNextWorker, tokenIds } from './describe-helpers';

// The same Describe view on WebGPU, which headless Chromium here gives only as a software adapter (SwiftShader):
// far slower than WASM, so two images and a short label list.
const FILES = ['red-circle.png', 'blue-star.png'];

test('on WebGPU (software adapter) captions, answers, continuations and likelihoods are right', async ({ page }) => {
  test.setTimeout(600_000);
  await openDescribe(page, '?backend=webgpu', 300_000);
  await expect(page.getByTestId('generator-backend')).toHaveAttribute('data-backend', 'webgpu');
  const labels = ['red circle', 'blue star', 'yellow triangle'];
  await setLabels(page, labels);
  await page.getByTestId('question-input').fill('is there a triangle?');
  await page.getByTestId('prefix-input').fill('a photo of a');
  await dropFiles(
    page,
    FILES.map((f) => fixtureFile(f)),
  );
  for (const file of FILES) {
    const caption = generated(page, 'caption', file);
    await expect(caption).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
    const [c, s] = trueLabel(file).split(' ') as [string, string];
    await expect(caption).toHaveText(new RegExp(`\\b${c}\\b.*\\b${s}\\b`));
    await expect(generated(page, 'answer', file)).toHaveText('no', { timeout: 300_000 });
    await expect(generated(page, 'continuation', file)).toHaveText(new RegExp(`\\b${c}\\b.*\\b${s}\\b`), {
      timeout: 300_000,
    });
    await expect.poll(async () => (await likelihoods(page, file)).size, { timeout: 300_000 }).toBe(labels.length);
    const scores = await likelihoods(page, file);
    expect(Math.abs([...scores.values()].reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-4);
    expect([...scores].sort((a, b) => b[1] - a[1])[0]![0]).toBe(trueLabel(file));
  }
  await expect(page.getByTestId('generator-backend')).toHaveAttribute('data-backend', 'webgpu');
});

test('on WebGPU (software adapter) Stop leaves a stopped, partial caption', async ({ page }) => {
  test.setTimeout(600_000);
  await openApp(page, '?backend=webgpu');
  await patchNextWorker(page, SLOW_TOKENS(700));
  await page.getByTestId('tab-describe').click();
  await expect(page.getByTestId('generator-status')).toHaveAttribute('data-state', 'ready', { timeout: 300_000 });
  await expect(page.getByTestId('generator-backend')).toHaveAttribute('data-backend', 'webgpu');
  await dropFiles(page, [fixtureFile('red-circle.png')]);
  const caption = generated(page, 'caption', 'red-circle.png');
  await expect.poll(async () => (await tokenIds(caption)).length, { timeout: 300_000 }).toBeGreaterThanOrEqual(2);
  await page.getByTestId('stop-generation').click();
  await expect(caption).toHaveAttribute('data-stopped', 'true');
  await expect(caption).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('stop-generation')).toBeDisabled();
  expect((await caption.textContent())!.trim()).not.toBe('');
});
