import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium';
import {
  card,
  dropFiles,
  fixtureFile,
  FIXTURES,
  openApp,
  setLabels,
  textFile,
  topLabel,
  type DropFile,
} from './helpers';
import { treeResidentBytes, watchPeak } from './process-memory';

// Files from tools/models/make_hostile_fixtures.py (npm run models:hostile-fixtures).
const HOSTILE = join(FIXTURES, 'hostile');
const file = (name: string, type = '') => ({
  name,
  type,
  base64: readFileSync(join(HOSTILE, name)).toString('base64'),
});
const LABELS = ['red circle', 'blue star', 'blue circle', 'green square', 'yellow triangle'];

test('awkward but valid images are classified; broken ones get their own specific message', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await setLabels(page, LABELS);
  await dropFiles(page, [
    file('blue-star-16bit.png', 'image/png'),
    file('red-circle-cmyk.jpg', 'image/jpeg'),
    file('one-pixel.png', 'image/png'),
    file('truncated.jpg', 'image/jpeg'),
    file('drawing.svg', 'image/svg+xml'),
    textFile('holiday.png', 'Dear all, the photos follow next week.\n'),
    fixtureFile('yellow-triangle.png'),
  ]);
  expect(await topLabel(page, 'blue-star-16bit.png')).toBe('blue star');
  expect(await topLabel(page, 'red-circle-cmyk.jpg')).toBe('red circle');
  expect(await topLabel(page, 'yellow-triangle.png')).toBe('yellow triangle');
  // A single pixel is a valid picture: it gets scores (its colour is all it has).
  await expect(card(page, 'one-pixel.png')).toHaveAttribute('data-width', '1');
  await expect(card(page, 'one-pixel.png').getByTestId('bar')).toHaveCount(LABELS.length);
  await expect(card(page, 'truncated.jpg').getByRole('alert')).toContainText(
    'This JPEG could not be decoded: it ends early',
  );
  await expect(card(page, 'drawing.svg').getByRole('alert')).toContainText('This is an SVG drawing');
  await expect(card(page, 'drawing.svg').getByRole('alert')).toContainText('Export it as PNG');
  await expect(card(page, 'holiday.png').getByRole('alert')).toContainText('"holiday.png" holds text, not an image');
  for (const ok of ['blue-star-16bit.png', 'red-circle-cmyk.jpg', 'one-pixel.png', 'yellow-triangle.png']) {
    await expect(card(page, ok).getByRole('alert')).toHaveCount(0);
  }
});

/** A GIF header announcing `width` x `height` pixels, followed by almost nothing: a decompression bomb's shape. */
function bombGif(width: number, height: number): DropFile {
  const header = Buffer.from('GIF89a');
  const size = Buffer.alloc(7);
  size.writeUInt16LE(width, 0);
  size.writeUInt16LE(height, 2);
  return {
    name: 'bomb.gif',
    type: 'image/gif',
    base64: Buffer.concat([header, size, Buffer.from([0x3b])]).toString('base64'),
  };
}

test('a huge picture in a format that cannot be decoded scaled is refused before decoding', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await dropFiles(page, [bombGif(60000, 60000), fixtureFile('red-circle.png')]);
  const alert = card(page, 'bomb.gif').getByRole('alert');
  await expect(alert).toContainText('This GIF is 60000 x 60000 px (3600 megapixels): too large to open safely');
  await expect(alert).toContainText('Save a smaller copy');
  expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
});

test('a 20000 x 20000 PNG is decoded at reduced size with bounded memory', async () => {
  // A browser of our own, to measure the memory of its processes (the worker decodes outside the JS heap).
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const browser = await chromium.connect(server.wsEndpoint());
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    await openApp(page, '?backend=wasm');
    await setLabels(page, LABELS);
    const huge = file('huge-blue-circle.png', 'image/png');
    const pid = server.process().pid!;
    const before = treeResidentBytes(pid);
    const peak = watchPeak(pid);
    await dropFiles(page, [huge, fixtureFile('red-circle.png')]);
    expect(await topLabel(page, 'huge-blue-circle.png')).toBe('blue circle');
    const extraBytes = peak() - before;
    await expect(card(page, 'huge-blue-circle.png')).toHaveAttribute('data-width', '20000');
    expect(await topLabel(page, 'red-circle.png')).toBe('red circle');
    // Decoded whole it would need 1.6 GB of RGBA (measured +2.1 GB with createImageBitmap); streamed, far less.
    test.info().annotations.push({ type: 'peak extra memory', description: `${Math.round(extraBytes / 1e6)} MB` });
    expect(extraBytes).toBeLessThan(400e6);
  } finally {
    await browser.close();
    await server.close();
  }
});
