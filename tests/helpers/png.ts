import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { Pixels } from '../../src/model/image/preprocess';

/** Decodes a PNG file to RGBA pixels (pngjs expands every colour type and bit depth to 8-bit RGBA). */
export function readPng(path: string): Pixels {
  const png = PNG.sync.read(readFileSync(path));
  return { data: new Uint8Array(png.data), width: png.width, height: png.height, channels: 4 };
}
