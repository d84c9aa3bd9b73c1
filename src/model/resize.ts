import type { Pixels } from './preprocess';

// Keys' cubic with a = -0.5, the kernel PIL (and so Hugging Face's CLIPImageProcessor) uses for BICUBIC.
const CUBIC_A = -0.5;
const CUBIC_SUPPORT = 2;

function cubic(x: number): number {
  const t = Math.abs(x);
  if (t < 1) return ((CUBIC_A + 2) * t - (CUBIC_A + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * CUBIC_A;
  return 0;
}

interface Taps {
  first: Int32Array;
  count: Int32Array;
  weights: Float32Array;
  stride: number;
}

// Every image of a batch usually has the same sizes, so the filter taps are computed once per size pair.
const tapsCache = new Map<string, Taps>();
const TAPS_CACHE_ENTRIES = 16;

/** Per output index, the input window and normalised weights; widened when shrinking so it antialiases. */
function taps(inputSize: number, outputSize: number): Taps {
  const key = `${inputSize}>${outputSize}`;
  const cached = tapsCache.get(key);
  if (cached) return cached;
  const scale = inputSize / outputSize;
  const filterScale = Math.max(scale, 1);
  const support = CUBIC_SUPPORT * filterScale;
  const stride = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outputSize);
  const count = new Int32Array(outputSize);
  const weights = new Float32Array(outputSize * stride);
  for (let out = 0; out < outputSize; out++) {
    const centre = (out + 0.5) * scale;
    const min = Math.max(0, Math.trunc(centre - support + 0.5));
    const max = Math.min(inputSize, Math.trunc(centre + support + 0.5));
    let total = 0;
    for (let i = min; i < max; i++) total += weights[out * stride + i - min] = cubic((i - centre + 0.5) / filterScale);
    for (let i = 0; i < max - min; i++) weights[out * stride + i] = total ? weights[out * stride + i]! / total : 0;
    first[out] = min;
    count[out] = max - min;
  }
  if (tapsCache.size >= TAPS_CACHE_ENTRIES) tapsCache.clear();
  const result = { first, count, weights, stride };
  tapsCache.set(key, result);
  return result;
}

function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}

/** A rectangle of the resized image: columns [left, left + width), rows [top, top + height). */
export interface ResizeWindow {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Horizontal pass over source rows [rowStart, rowEnd) for output columns [left, left + width) of a resize to
 * `fullWidth`, keeping the first `channels` channels. Sums in the same order as PIL, rounding to bytes.
 */
function horizontal(
  source: Pixels,
  fullWidth: number,
  rowStart: number,
  rowEnd: number,
  left: number,
  width: number,
  channels: number,
): Pixels {
  const { data: input, channels: inChannels } = source;
  const data = new Uint8ClampedArray(width * (rowEnd - rowStart) * channels);
  let o = 0;
  if (source.width === fullWidth) {
    // No horizontal resize: PIL skips this pass, so only the window's columns are copied.
    for (let y = rowStart; y < rowEnd; y++) {
      for (let i = (y * source.width + left) * inChannels, x = 0; x < width; x++, i += inChannels) {
        for (let c = 0; c < channels; c++) data[o++] = input[i + c]!;
      }
    }
    return { data, width, height: rowEnd - rowStart, channels: channels as 3 | 4 };
  }
  const { first, count, weights, stride } = taps(source.width, fullWidth);
  for (let y = rowStart; y < rowEnd; y++) {
    const row = y * source.width;
    for (let x = left; x < left + width; x++) {
      const start = (row + first[x]!) * inChannels;
      const end = start + count[x]! * inChannels;
      let w = x * stride;
      if (channels === 3) {
        // RGB summed together: one pass over the taps, each channel still summed in PIL's order.
        let r = 0;
        let g = 0;
        let b = 0;
        for (let i = start; i < end; i += inChannels, w++) {
          const weight = weights[w]!;
          r += input[i]! * weight;
          g += input[i + 1]! * weight;
          b += input[i + 2]! * weight;
        }
        data[o++] = clampByte(r);
        data[o++] = clampByte(g);
        data[o++] = clampByte(b);
        continue;
      }
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let i = start + c, k = w; i < end; i += inChannels, k++) sum += input[i]! * weights[k]!;
        data[o++] = clampByte(sum);
      }
    }
  }
  return { data, width, height: rowEnd - rowStart, channels: channels as 3 | 4 };
}

/** Vertical pass: output rows [top, top + height) of a resize to `fullHeight`; `source` starts at row `rowStart`. */
function vertical(
  source: Pixels,
  sourceHeight: number,
  rowStart: number,
  fullHeight: number,
  top: number,
  height: number,
) {
  const { data: input, width, channels } = source;
  const { first, count, weights, stride } = taps(sourceHeight, fullHeight);
  const rowLength = width * channels;
  const data = new Uint8ClampedArray(rowLength * height);
  // Row by row, tap by tap: contiguous reads; each value still sums its taps in PIL's order, starting from 0.
  const sums = new Float64Array(rowLength);
  for (let y = top; y < top + height; y++) {
    sums.fill(0);
    const start = (first[y]! - rowStart) * rowLength;
    for (let k = 0; k < count[y]!; k++) {
      const weight = weights[y * stride + k]!;
      const base = start + k * rowLength;
      for (let i = 0; i < rowLength; i++) sums[i] = sums[i]! + input[base + i]! * weight;
    }
    const o = (y - top) * rowLength;
    for (let i = 0; i < rowLength; i++) data[o + i] = clampByte(sums[i]!);
  }
  return { data, width, height, channels };
}

/**
 * The pixels of `window` (inside the image) of a bicubic resize to width x height, in the first `channels`
 * channels: the same bytes as cropping resizeBicubic's output, without computing what the crop throws away.
 */
export function resizeBicubicWindow(
  pixels: Pixels,
  width: number,
  height: number,
  window: ResizeWindow,
  channels: 3 | 4 = pixels.channels,
): Pixels {
  const resizeY = pixels.height !== height;
  // The source rows the vertical taps of the window's rows read (all of the window's rows when not resizing).
  let rowStart = window.top;
  let rowEnd = window.top + window.height;
  if (resizeY && window.height > 0) {
    const plan = taps(pixels.height, height);
    rowStart = plan.first[window.top]!;
    rowEnd = 0;
    for (let y = window.top; y < window.top + window.height; y++) {
      rowEnd = Math.max(rowEnd, plan.first[y]! + plan.count[y]!);
    }
  }
  const wide = horizontal(pixels, width, rowStart, rowEnd, window.left, window.width, channels);
  if (!resizeY) return wide;
  return vertical(wide, pixels.height, rowStart, height, window.top, window.height);
}

/** Bicubic resize of 8-bit pixels, matching PIL's Image.resize(size, BICUBIC) to within rounding. */
export function resizeBicubic(pixels: Pixels, width: number, height: number): Pixels {
  if (pixels.width === width && pixels.height === height) return pixels;
  return resizeBicubicWindow(pixels, width, height, { left: 0, top: 0, width, height });
}
