// Resizing 8-bit pixels exactly as PIL's Image.resize does (libImaging/Resample.c for the filters, an affine scale
// for nearest): two passes, horizontal then vertical, each rounding to bytes, with PIL's fixed-point weights.
import type { Pixels } from './preprocess';
import { filterTaps, nearestIndices, PRECISION_BITS, resampleName, type Taps } from './resample';

/** A rectangle of the resized image: columns [left, left + width), rows [top, top + height). */
export interface ResizeWindow {
  left: number;
  top: number;
  width: number;
  height: number;
}

const HALF = 2 ** (PRECISION_BITS - 1);
const UNIT = 2 ** PRECISION_BITS;

/** A fixed-point sum back to a byte: floor(sum / 2^22) clamped, as PIL's clip8. */
function clip8(sum: number): number {
  const value = Math.floor(sum / UNIT);
  return value <= 0 ? 0 : value >= 255 ? 255 : value;
}

/** Nearest neighbour needs no taps: one input per output. */
function nearestTaps(inputSize: number, outputSize: number): Taps {
  const first = nearestIndices(inputSize, outputSize);
  return {
    first,
    count: new Int32Array(outputSize).fill(1),
    weights: new Int32Array(outputSize).fill(UNIT),
    stride: 1,
  };
}

function tapsFor(resample: number | undefined, inputSize: number, outputSize: number): Taps {
  const name = resampleName(resample);
  return name === 'nearest' ? nearestTaps(inputSize, outputSize) : filterTaps(name, inputSize, outputSize);
}

/**
 * Horizontal pass over source rows [rowStart, rowEnd) for output columns [left, left + width) of a resize with
 * taps `plan` (none when the width does not change), keeping the first `channels` channels.
 */
function horizontal(
  source: Pixels,
  plan: Taps | undefined,
  rowStart: number,
  rowEnd: number,
  window: { left: number; width: number },
  channels: 3 | 4,
): Pixels {
  const { data: input, channels: inChannels } = source;
  const { left, width } = window;
  const data = new Uint8ClampedArray(width * (rowEnd - rowStart) * channels);
  let o = 0;
  if (!plan) {
    // No horizontal resize: PIL skips this pass, so only the window's columns are copied.
    for (let y = rowStart; y < rowEnd; y++) {
      for (let i = (y * source.width + left) * inChannels, x = 0; x < width; x++, i += inChannels) {
        for (let c = 0; c < channels; c++) data[o++] = input[i + c]!;
      }
    }
    return { data, width, height: rowEnd - rowStart, channels };
  }
  const { first, count, weights, stride } = plan;
  for (let y = rowStart; y < rowEnd; y++) {
    const row = y * source.width;
    for (let x = left; x < left + width; x++) {
      const start = (row + first[x]!) * inChannels;
      const end = start + count[x]! * inChannels;
      // Integer sums below 2^31, exact in doubles: the order of the additions cannot change the result.
      let r = HALF;
      let g = HALF;
      let b = HALF;
      let a = HALF;
      for (let i = start, w = x * stride; i < end; i += inChannels, w++) {
        const weight = weights[w]!;
        r += input[i]! * weight;
        g += input[i + 1]! * weight;
        b += input[i + 2]! * weight;
        if (channels === 4) a += input[i + 3]! * weight;
      }
      data[o++] = clip8(r);
      data[o++] = clip8(g);
      data[o++] = clip8(b);
      if (channels === 4) data[o++] = clip8(a);
    }
  }
  return { data, width, height: rowEnd - rowStart, channels };
}

/** Vertical pass: output rows [top, top + height) with taps `plan`; `source` starts at source row `rowStart`. */
function vertical(source: Pixels, plan: Taps, rowStart: number, top: number, height: number): Pixels {
  const { data: input, width, channels } = source;
  const { first, count, weights, stride } = plan;
  const rowLength = width * channels;
  const data = new Uint8ClampedArray(rowLength * height);
  // Row by row, tap by tap: contiguous reads.
  const sums = new Float64Array(rowLength);
  for (let y = top; y < top + height; y++) {
    sums.fill(HALF);
    const start = (first[y]! - rowStart) * rowLength;
    for (let k = 0; k < count[y]!; k++) {
      const weight = weights[y * stride + k]!;
      const base = start + k * rowLength;
      for (let i = 0; i < rowLength; i++) sums[i] = sums[i]! + input[base + i]! * weight;
    }
    const o = (y - top) * rowLength;
    for (let i = 0; i < rowLength; i++) data[o + i] = clip8(sums[i]!);
  }
  return { data, width, height, channels };
}

/**
 * The pixels of `window` (inside the image) of a resize to width x height with PIL filter `resample`, in the first
 * `channels` channels: the same bytes as cropping resizePixels' output, without computing what the crop throws away.
 */
export function resizeWindow(
  pixels: Pixels,
  width: number,
  height: number,
  window: ResizeWindow,
  resample: number | undefined,
  channels: 3 | 4 = pixels.channels,
): Pixels {
  const across = pixels.width !== width ? tapsFor(resample, pixels.width, width) : undefined;
  const down = pixels.height !== height ? tapsFor(resample, pixels.height, height) : undefined;
  // The source rows the vertical taps of the window's rows read (all of the window's rows when not resizing).
  let rowStart = window.top;
  let rowEnd = window.top + window.height;
  if (down && window.height > 0) {
    rowStart = down.first[window.top]!;
    rowEnd = 0;
    for (let y = window.top; y < window.top + window.height; y++) {
      rowStart = Math.min(rowStart, down.first[y]!);
      rowEnd = Math.max(rowEnd, down.first[y]! + down.count[y]!);
    }
  }
  const wide = horizontal(pixels, across, rowStart, rowEnd, window, channels);
  return down ? vertical(wide, down, rowStart, window.top, window.height) : wide;
}

/** Resize of 8-bit pixels with PIL filter `resample` (PIL's numbering): the bytes PIL's Image.resize gives. */
export function resizePixels(pixels: Pixels, width: number, height: number, resample: number | undefined): Pixels {
  if (pixels.width === width && pixels.height === height) return pixels;
  return resizeWindow(pixels, width, height, { left: 0, top: 0, width, height }, resample);
}
