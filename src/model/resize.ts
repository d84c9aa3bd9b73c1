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

/** Per output index, the input window and normalised weights; widened when shrinking so it antialiases. */
function taps(inputSize: number, outputSize: number): Taps {
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
  return { first, count, weights, stride };
}

function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}

/** One separable pass along x (horizontal) or y, rounding to bytes between passes as PIL does. */
function pass(source: Pixels, width: number, height: number, horizontal: boolean): Pixels {
  const { channels } = source;
  const plan = horizontal ? taps(source.width, width) : taps(source.height, height);
  const data = new Uint8ClampedArray(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const out = horizontal ? x : y;
      const start = plan.first[out]!;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < plan.count[out]!; k++) {
          const sx = horizontal ? start + k : x;
          const sy = horizontal ? y : start + k;
          sum += source.data[(sy * source.width + sx) * channels + c]! * plan.weights[out * plan.stride + k]!;
        }
        data[(y * width + x) * channels + c] = clampByte(sum);
      }
    }
  }
  return { data, width, height, channels };
}

/** Bicubic resize of 8-bit pixels, matching PIL's Image.resize(size, BICUBIC) to within rounding. */
export function resizeBicubic(pixels: Pixels, width: number, height: number): Pixels {
  if (pixels.width === width && pixels.height === height) return pixels;
  const wide = pixels.width === width ? pixels : pass(pixels, width, pixels.height, true);
  return wide.height === height ? wide : pass(wide, width, height, false);
}
