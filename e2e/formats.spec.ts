import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { card, dropFiles, FIXTURES, openApp, scores, setLabels, topLabel } from './helpers';

const FORMATS = join(FIXTURES, 'formats');
const file = (name: string, type: string) => ({
  name,
  type,
  base64: readFileSync(join(FORMATS, name)).toString('base64'),
});

test('JPEG, WebP, BMP, animated GIF (first frame) and a greyscale PNG are classified', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await dropFiles(page, [
    file('red-circle.jpg', 'image/jpeg'),
    file('red-circle.webp', 'image/webp'),
    file('red-circle.bmp', 'image/bmp'),
    file('red-circle-animated.gif', 'image/gif'),
    file('black-circle-grey.png', 'image/png'),
  ]);
  for (const name of ['red-circle.jpg', 'red-circle.webp', 'red-circle.bmp', 'red-circle-animated.gif']) {
    expect(await topLabel(page, name), name).toBe('red circle');
  }
  expect(await topLabel(page, 'black-circle-grey.png')).toBe('black circle');
});

test('a JPEG with an EXIF orientation is decoded upright', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await dropFiles(page, [file('exif-rotated.jpg', 'image/jpeg')]);
  const exif = card(page, 'exif-rotated.jpg');
  await expect(exif).toHaveAttribute('data-state', 'done');
  // Stored 128x64 with orientation 6: upright it is 64 wide and 128 tall.
  await expect(exif).toHaveAttribute('data-width', '64');
  await expect(exif).toHaveAttribute('data-height', '128');
  expect(await topLabel(page, 'exif-rotated.jpg')).toBe('green square');
  const thumbnail = exif.locator('img');
  // The thumbnail loads lazily: bring the card into view (notices above may push it down) and let it load.
  await thumbnail.scrollIntoViewIfNeeded();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const size = await thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(size[1]!).toBeGreaterThan(size[0]!);
});

test('images pasted from the clipboard are classified', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const base64 = readFileSync(join(FIXTURES, 'blue-star.png')).toString('base64');
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], 'blue-star.png', { type: 'image/png' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer }));
  }, base64);
  expect(await topLabel(page, 'blue-star.png')).toBe('blue star');
});

// PIL's convert('RGB') (CLIPImageProcessor's first step) drops alpha and keeps the colour stored under transparent
// pixels; a canvas premultiplies it away (transparent pixels become black). The RGB file is PIL's conversion of the
// RGBA one (tools/models/make_format_fixtures.py), so the app must score both the same.
test('a PNG with transparency is read as PIL reads it: the stored colour, alpha dropped', async ({ page }) => {
  const labels = ['red circle', 'blue star', 'green square', 'yellow triangle'];
  await openApp(page, '?backend=wasm&dtype=fp32');
  await setLabels(page, labels);
  await dropFiles(page, [file('red-circle-alpha.png', 'image/png'), file('red-circle-alpha-rgb.png', 'image/png')]);
  await expect(card(page, 'red-circle-alpha.png').getByTestId('bar')).toHaveCount(labels.length);
  await expect(card(page, 'red-circle-alpha-rgb.png').getByTestId('bar')).toHaveCount(labels.length);
  const withAlpha = await scores(page, 'red-circle-alpha.png', 'data-similarity');
  const pilRgb = await scores(page, 'red-circle-alpha-rgb.png', 'data-similarity');
  for (const label of labels) expect(Math.abs(withAlpha.get(label)! - pilRgb.get(label)!), label).toBeLessThan(1e-6);
});
