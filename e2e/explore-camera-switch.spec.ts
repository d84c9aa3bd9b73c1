import { expect, test } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium';
import { card, openApp } from './helpers';

// Two of Chromium's generated fake cameras (a moving test pattern each; no file, which gives only one camera).
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream=device-count=2'],
  },
});

test('switching cameras keeps classifying, from the new camera', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByRole('tab', { name: 'Camera' }).click();
  await page.getByTestId('camera-toggle').click();
  await expect(card(page, 'camera')).toHaveAttribute('data-state', 'done');
  const picker = page.getByLabel('Camera device');
  await expect(picker.locator('option')).toHaveCount(2);
  const before = await picker.inputValue();
  const other = (
    await picker.locator('option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value))
  ).find((value) => value !== before)!;
  await picker.selectOption(other);
  await expect(picker).toHaveValue(other);
  await expect(card(page, 'camera')).toHaveAttribute('data-state', 'done');
  const count = async () =>
    Number((await page.getByText(/\d+ frames classified/).textContent())!.match(/(\d+) frames/)![1]);
  const now = await count();
  await expect.poll(count).toBeGreaterThan(now);
  const label = await page.evaluate(() => {
    const video = document.querySelector('video') as HTMLVideoElement;
    return (video.srcObject as MediaStream).getVideoTracks()[0]!.label;
  });
  expect(label).toBe('fake_device_1');
});
