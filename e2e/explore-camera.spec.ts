import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium';
import { card, openApp, setLabels, topLabel } from './helpers';
import { writeCircleVideo } from './y4m';

// Chromium's fake camera plays this generated video: a red circle on white, which Clipscope Mini recognises.
const VIDEO = join(mkdtempSync(join(tmpdir(), 'clipscope-camera-')), 'red-circle.y4m');
writeCircleVideo(VIDEO);

const FAKE_CAMERA = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${VIDEO}`,
];

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, ...FAKE_CAMERA] } });

test('the camera classifies frames live, shows fps, pauses and stops', async ({ page }) => {
  // Counts camera frames sent to the model worker and not yet answered, to check that only one is ever in flight.
  await page.addInitScript(() => {
    const frameLog = { inFlight: 0, max: 0, sent: 0 };
    Object.assign(window, { frameLog });
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker & { watched?: boolean }, message: unknown, ...rest: never[]) {
      if (!this.watched) {
        this.watched = true;
        this.addEventListener('message', (e) => e.data?.type === 'frameEmbeds' && frameLog.inFlight--);
      }
      if ((message as { type?: string })?.type === 'encodeFrame') {
        frameLog.sent++;
        frameLog.max = Math.max(frameLog.max, ++frameLog.inFlight);
      }
      return post.call(this, message, ...rest);
    };
  });
  await openApp(page, '?backend=wasm');
  await setLabels(page, ['blue square', 'red circle', 'green triangle', 'yellow star']);
  await page.getByRole('tab', { name: 'Camera' }).click();
  await page.getByTestId('camera-toggle').click();
  const camera = card(page, 'camera');
  await expect(camera).toHaveAttribute('data-state', 'done');
  expect(await topLabel(page, 'camera')).toBe('red circle');
  // The chart keeps updating in place: more frames are classified and the rate is measured.
  const frames = page.getByText(/\d+ frames classified/);
  const count = async () => Number((await frames.textContent())!.match(/(\d+) frames/)![1]);
  const first = await count();
  await expect.poll(count).toBeGreaterThan(first + 2);
  await expect.poll(async () => Number(await page.getByTestId('fps').getAttribute('data-fps'))).toBeGreaterThan(0);
  await expect(page.getByTestId('fps')).toHaveText(/^\d+\.\d fps$/);

  const log = await page.evaluate(() => (window as unknown as { frameLog: { max: number; sent: number } }).frameLog);
  expect(log.sent).toBeGreaterThan(2);
  expect(log.max).toBe(1);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('fps')).toHaveText('paused');
  const paused = await count();
  await page.waitForTimeout(1000);
  expect(await count()).toBe(paused);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(count).toBeGreaterThan(paused);

  // One fake camera plays the file, so the picker lists just it (switching: explore-camera-switch.spec.ts).
  await expect(page.getByLabel('Camera device')).toHaveValue(/.+/);

  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('camera-toggle')).toHaveText('Start camera');
  await expect(camera).toBeHidden();
});
