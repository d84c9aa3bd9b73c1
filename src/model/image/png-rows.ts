// PNG pieces that need no I/O: the header, undoing row filters, and reading a pixel of any colour type and bit
// depth as 8-bit RGBA (png-stream.ts streams the rows through them).

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

/** Samples per pixel of each PNG colour type. */
export const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function readPngHeader(head: Uint8Array): PngHeader | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length < 29 || String.fromCharCode(...head.subarray(12, 16)) !== 'IHDR') return undefined;
  const colourType = head[25]!;
  if (CHANNELS[colourType] === undefined) return undefined;
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: head[24]!,
    colourType,
    interlaced: head[28] === 1,
  };
}

/**
 * Whether a PNG carries transparency (an alpha channel, or a tRNS chunk before the image data in `head`): a canvas
 * would premultiply it away, while PIL's convert('RGB') keeps the colour stored under transparent pixels.
 */
export function pngHasAlpha(head: Uint8Array): boolean {
  const header = readPngHeader(head);
  if (!header) return false;
  if (header.colourType === 4 || header.colourType === 6) return true;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  for (let at = 8; at + 8 <= head.length; at += 12 + view.getUint32(at)) {
    const type = String.fromCharCode(...head.subarray(at + 4, at + 8));
    if (type === 'tRNS') return true;
    if (type === 'IDAT' || type === 'IEND') return false;
  }
  return false;
}

/** Reads one pixel of an unfiltered row as 8-bit RGBA into `out` at `o`. */
export type PixelReader = (row: Uint8Array, x: number, out: Float64Array, o: number) => void;

export function pixelReader(h: PngHeader, palette: Uint8Array, alphas: Uint8Array): PixelReader {
  const depth = h.bitDepth;
  const step = depth === 16 ? 2 : 1; // bytes per sample
  const channels = CHANNELS[h.colourType]!;
  const add = (out: Float64Array, o: number, r: number, g: number, b: number, a: number) => {
    out[o]! += r;
    out[o + 1]! += g;
    out[o + 2]! += b;
    out[o + 3]! += a;
  };
  if (depth < 8) {
    const mask = (1 << depth) - 1;
    const sample = (row: Uint8Array, x: number) => {
      const bit = x * depth;
      return (row[bit >> 3]! >> (8 - depth - (bit & 7))) & mask;
    };
    if (h.colourType === 3) {
      return (row, x, out, o) => {
        const i = sample(row, x);
        add(out, o, palette[3 * i] ?? 0, palette[3 * i + 1] ?? 0, palette[3 * i + 2] ?? 0, alphas[i] ?? 255);
      };
    }
    return (row, x, out, o) => {
      const v = (sample(row, x) * 255) / mask;
      add(out, o, v, v, v, 255);
    };
  }
  const stride = channels * step;
  // 16-bit samples are brought to 0-255 with rounding, as browsers do (not by keeping the high byte).
  const at =
    depth === 16
      ? (row: Uint8Array, i: number) => ((row[i]! << 8) | row[i + 1]!) / 257
      : (row: Uint8Array, i: number) => row[i]!;
  switch (h.colourType) {
    case 3:
      return (row, x, out, o) => {
        const i = row[x]!;
        add(out, o, palette[3 * i] ?? 0, palette[3 * i + 1] ?? 0, palette[3 * i + 2] ?? 0, alphas[i] ?? 255);
      };
    case 0:
      return (row, x, out, o) => {
        const v = at(row, x * stride);
        add(out, o, v, v, v, 255);
      };
    case 4:
      return (row, x, out, o) => {
        const v = at(row, x * stride);
        add(out, o, v, v, v, at(row, x * stride + step));
      };
    case 2:
      return (row, x, out, o) => {
        const i = x * stride;
        add(out, o, at(row, i), at(row, i + step), at(row, i + 2 * step), 255);
      };
    default:
      return (row, x, out, o) => {
        const i = x * stride;
        add(out, o, at(row, i), at(row, i + step), at(row, i + 2 * step), at(row, i + 3 * step));
      };
  }
}

/** Undoes a row's PNG filter in place (PNG spec section 9), given the previous unfiltered row. */
export function unfilterRow(filter: number, row: Uint8Array, prev: Uint8Array, bpp: number): void {
  const n = row.length;
  switch (filter) {
    case 0:
      return;
    case 1:
      for (let i = bpp; i < n; i++) row[i] = (row[i]! + row[i - bpp]!) & 0xff;
      return;
    case 2:
      for (let i = 0; i < n; i++) row[i] = (row[i]! + prev[i]!) & 0xff;
      return;
    case 3:
      for (let i = 0; i < n; i++) row[i] = (row[i]! + (((i >= bpp ? row[i - bpp]! : 0) + prev[i]!) >> 1)) & 0xff;
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? row[i - bpp]! : 0;
        const b = prev[i]!;
        const c = i >= bpp ? prev[i - bpp]! : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        row[i] = (row[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
      return;
    default:
      throw new Error(`unknown PNG row filter ${filter}`);
  }
}
