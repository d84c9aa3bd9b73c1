// PIL's resampling filters, numbered as preprocessor_config.json's `resample` numbers them (PIL.Image.Resampling),
// and their filter taps in PIL's own fixed-point form (libImaging/Resample.c), so the 8-bit results are PIL's bytes.

/** PIL.Image.Resampling: the values `resample` may take in a preprocessor_config.json. */
const RESAMPLE = { nearest: 0, lanczos: 1, bilinear: 2, bicubic: 3, box: 4, hamming: 5 } as const;
export type ResampleName = keyof typeof RESAMPLE;

/** CLIPImageProcessor's default when a config names no filter. */
const DEFAULT_RESAMPLE = RESAMPLE.bicubic;

interface Kernel {
  support: number;
  weight: (x: number) => number;
}

const sinc = (x: number) => (x === 0 ? 1 : Math.sin(x * Math.PI) / (x * Math.PI));

// Written as in Resample.c, so each weight is the same double before it is rounded to fixed point.
const KERNELS: Record<Exclude<ResampleName, 'nearest'>, Kernel> = {
  box: { support: 0.5, weight: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0) },
  bilinear: {
    support: 1,
    weight: (x) => {
      const t = Math.abs(x);
      return t < 1 ? 1 - t : 0;
    },
  },
  hamming: {
    support: 1,
    weight: (x) => {
      const t = Math.abs(x);
      if (t === 0) return 1;
      if (t >= 1) return 0;
      const p = t * Math.PI;
      return (Math.sin(p) / p) * (0.54 + 0.46 * Math.cos(p));
    },
  },
  bicubic: {
    // Keys' cubic with a = -0.5.
    support: 2,
    weight: (x) => {
      const a = -0.5;
      const t = Math.abs(x);
      if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
      if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
      return 0;
    },
  },
  lanczos: { support: 3, weight: (x) => (x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0) },
};

/** The filter a preprocessor config's `resample` names; a value PIL does not define is an error a person can act on. */
export function resampleName(resample: number | undefined): ResampleName {
  const value = resample ?? DEFAULT_RESAMPLE;
  const name = (Object.keys(RESAMPLE) as ResampleName[]).find((key) => RESAMPLE[key] === value);
  if (name) return name;
  throw new Error(
    `This model's preprocessor_config.json asks for resample = ${JSON.stringify(resample)}, which is not a PIL ` +
      `filter (0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming). Fix "resample" in that file, or ` +
      `pick another model.`,
  );
}

/** Per output index: the first input index, how many inputs it reads, and their fixed-point weights. */
export interface Taps {
  first: Int32Array;
  count: Int32Array;
  weights: Int32Array;
  stride: number;
}

/** Fixed-point weights carry this many fraction bits; sums start at half a unit and are shifted back (PIL). */
export const PRECISION_BITS = 32 - 8 - 2;
const ONE = 2 ** PRECISION_BITS;

/** PIL's precompute_coeffs + normalize_coeffs_8bpc: widened when shrinking, so the resize antialiases. */
export function filterTaps(name: Exclude<ResampleName, 'nearest'>, inputSize: number, outputSize: number): Taps {
  const kernel = KERNELS[name];
  const scale = inputSize / outputSize;
  const filterScale = Math.max(scale, 1);
  const support = kernel.support * filterScale;
  const stride = Math.ceil(support) * 2 + 1;
  const inverse = 1 / filterScale;
  const first = new Int32Array(outputSize);
  const count = new Int32Array(outputSize);
  const weights = new Int32Array(outputSize * stride);
  const k = new Float64Array(stride);
  for (let out = 0; out < outputSize; out++) {
    const centre = (out + 0.5) * scale;
    const min = Math.max(0, Math.trunc(centre - support + 0.5));
    const n = Math.min(inputSize, Math.trunc(centre + support + 0.5)) - min;
    let total = 0;
    for (let i = 0; i < n; i++) total += k[i] = kernel.weight((i + min - centre + 0.5) * inverse);
    for (let i = 0; i < n; i++) {
      const w = total !== 0 ? k[i]! / total : k[i]!;
      weights[out * stride + i] = Math.trunc(w < 0 ? -0.5 + w * ONE : 0.5 + w * ONE);
    }
    first[out] = min;
    count[out] = n;
  }
  return { first, count, weights, stride };
}

/** PIL's nearest-neighbour resize (an affine scale): the input index of each output index. */
export function nearestIndices(inputSize: number, outputSize: number): Int32Array {
  const scale = inputSize / outputSize;
  const indices = new Int32Array(outputSize);
  // Accumulated step by step, as ImagingScaleAffine does: a multiplication could round the other way.
  let position = scale * 0.5;
  for (let out = 0; out < outputSize; out++, position += scale) {
    indices[out] = Math.min(inputSize - 1, position < 0 ? 0 : Math.trunc(position));
  }
  return indices;
}
