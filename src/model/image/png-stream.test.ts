import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG, type PNGOptions } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pngHasAlpha, readPngHeader } from './png-rows';
import { decodePngScaled } from './png-stream';

const FIXTURES = join(import.meta.dirname, '../../../e2e/fixtures');

/** A noisy picture (so every PNG row filter gets used) encoded by pngjs in the given colour type and depth. */
function encode(width: number, height: number, options: PNGOptions): { file: Blob; rgba: Uint8Array } {
  const png = new PNG({ width, height, ...options });
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    png.data[4 * i] = (x * 7 + y * 3) & 0xff;
    png.data[4 * i + 1] = (x * y) & 0xff;
    png.data[4 * i + 2] = (i * 2654435761) >>> 24;
    png.data[4 * i + 3] = options.colorType === 6 || options.colorType === 4 ? (x + y) & 0xff : 255;
  }
  const bytes = PNG.sync.write(png, options);
  const decoded = PNG.sync.read(bytes);
  return { file: new Blob([new Uint8Array(bytes)]), rgba: new Uint8Array(decoded.data) };
}

describe('decodePngScaled', () => {
  it.each([
    ['RGB 8-bit', { colorType: 2, bitDepth: 8 }],
    ['RGBA 8-bit', { colorType: 6, bitDepth: 8 }],
    ['grey 8-bit', { colorType: 0, bitDepth: 8 }],
    ['grey + alpha 8-bit', { colorType: 4, bitDepth: 8 }],
    ['RGBA 16-bit', { colorType: 6, bitDepth: 16 }],
  ] as const)('decodes %s exactly at full size', async (_, options) => {
    const { file, rgba } = encode(37, 23, options as PNGOptions);
    const pixels = await decodePngScaled(file, { width: 37, height: 23 });
    expect(pixels).toMatchObject({ width: 37, height: 23, channels: 4 });
    expect([...pixels.data]).toEqual([...rgba]);
  });

  it('decodes a 16-bit PNG from the fixtures like pngjs does', async () => {
    const bytes = readFileSync(join(FIXTURES, 'hostile/blue-star-16bit.png'));
    const reference = PNG.sync.read(bytes);
    const pixels = await decodePngScaled(new Blob([new Uint8Array(bytes)]), { width: 128, height: 128 });
    expect([...pixels.data]).toEqual([...reference.data]);
  });

  it('averages down to a small size', async () => {
    const { file, rgba } = encode(64, 48, { colorType: 2, bitDepth: 8 });
    const pixels = await decodePngScaled(file, { width: 16, height: 12 });
    // Scale 4: one sample per 4x4 block (stride 1 would need scale 8); each output is a block's plain average.
    const block = (ox: number, oy: number, c: number) => {
      let sum = 0;
      for (let y = 4 * oy; y < 4 * oy + 4; y++)
        for (let x = 4 * ox; x < 4 * ox + 4; x++) sum += rgba[(y * 64 + x) * 4 + c]!;
      return sum / 16;
    };
    for (const [ox, oy] of [
      [0, 0],
      [7, 5],
      [15, 11],
    ] as const) {
      for (let c = 0; c < 3; c++) expect(pixels.data[(oy * 16 + ox) * 4 + c]).toBeCloseTo(block(ox, oy, c), -0.3);
    }
  });

  it('streams a 20000 x 20000 one-bit palette PNG down to 448 px without decoding it whole', async () => {
    const bytes = readFileSync(join(FIXTURES, 'hostile/huge-blue-circle.png'));
    expect(readPngHeader(new Uint8Array(bytes))).toEqual({
      width: 20000,
      height: 20000,
      bitDepth: 1,
      colourType: 3,
      interlaced: false,
    });
    const before = process.memoryUsage().rss;
    const pixels = await decodePngScaled(new Blob([new Uint8Array(bytes)]), { width: 448, height: 448 });
    expect(process.memoryUsage().rss - before).toBeLessThan(200e6); // 1.6 GB if it were decoded whole
    const at = (x: number, y: number) => [...pixels.data.subarray((y * 448 + x) * 4, (y * 448 + x) * 4 + 4)];
    expect(at(224, 224)).toEqual([35, 70, 215, 255]); // the blue disc
    expect(at(5, 5)).toEqual([128, 128, 128, 255]); // the grey background
  });

  it('rejects a PNG cut off in its image data', async () => {
    const { file } = encode(64, 64, { colorType: 2, bitDepth: 8 });
    const cut = file.slice(0, Math.floor(file.size * 0.6));
    await expect(decodePngScaled(cut, { width: 64, height: 64 })).rejects.toThrow();
  });
});

describe('pngHasAlpha', () => {
  const head = async (options: PNGOptions) => new Uint8Array(await encode(5, 4, options).file.arrayBuffer());

  it('is true for an alpha channel, false for plain RGB or grey', async () => {
    expect(pngHasAlpha(await head({ colorType: 6 }))).toBe(true);
    expect(pngHasAlpha(await head({ colorType: 4 }))).toBe(true);
    expect(pngHasAlpha(await head({ colorType: 2 }))).toBe(false);
    expect(pngHasAlpha(await head({ colorType: 0 }))).toBe(false);
  });

  it('finds a tRNS chunk before the image data', async () => {
    const rgb = await head({ colorType: 2 });
    // Signature (8) + IHDR (25), then a tRNS chunk with one grey value.
    const trns = [0, 0, 0, 2, ...[...'tRNS'].map((c) => c.charCodeAt(0)), 0, 7, 0, 0, 0, 0];
    expect(pngHasAlpha(new Uint8Array([...rgb.subarray(0, 33), ...trns, ...rgb.subarray(33)]))).toBe(true);
  });
});
