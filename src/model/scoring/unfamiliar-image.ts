// Tells when a model that declares a narrow training domain (Clipscope Mini: coloured shapes) is shown an image
// unlike anything it was trained on. The rule is a linear probe on the image embedding, fitted and thresholded on
// data by tools/models/calibrate-unfamiliar.ts and stored in the model's config.json under
// `clipscope.unfamiliar`; real CLIP models declare none and never get the warning.

/** A logistic probe over [unit embedding, ln |embedding|]; an image scoring above `threshold` is unfamiliar. */
export interface UnfamiliarCalibration {
  /** One weight per embedding dimension, then one for the log of the embedding's length. */
  weights: number[];
  bias: number;
  threshold: number;
  /** What the model knows, for the message ("coloured shapes"). */
  domain: string;
}

/** The probe's logit for one raw (unnormalised) image embedding. */
export function unfamiliarScore(embeds: Float32Array, calibration: UnfamiliarCalibration): number {
  const { weights, bias } = calibration;
  if (weights.length !== embeds.length + 1) {
    throw new Error(`The unfamiliar-image calibration has ${weights.length - 1} weights for ${embeds.length} dims.`);
  }
  let sumSquares = 0;
  for (const value of embeds) sumSquares += value * value;
  const length = Math.sqrt(sumSquares);
  if (length === 0) return bias;
  let dot = 0;
  for (let i = 0; i < embeds.length; i++) dot += weights[i]! * embeds[i]!;
  return dot / length + weights[embeds.length]! * Math.log(length) + bias;
}

export function isUnfamiliar(embeds: Float32Array, calibration: UnfamiliarCalibration | undefined): boolean {
  return calibration !== undefined && unfamiliarScore(embeds, calibration) > calibration.threshold;
}

/** Reads `clipscope.unfamiliar` from a config.json; undefined unless it is well-formed for `embedDim` dimensions. */
export function readUnfamiliarCalibration(value: unknown, embedDim: number): UnfamiliarCalibration | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { weights, bias, threshold, domain } = value as Record<string, unknown>;
  const numbers = Array.isArray(weights) && weights.length === embedDim + 1 && weights.every(Number.isFinite);
  if (!numbers || !Number.isFinite(bias) || !Number.isFinite(threshold) || typeof domain !== 'string') {
    return undefined;
  }
  return { weights: weights as number[], bias: bias as number, threshold: threshold as number, domain };
}
