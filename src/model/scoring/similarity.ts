/** Row-wise L2 normalisation of a row-major [rows, dim] matrix; returns a new array. */
export function normalizeRows(matrix: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(matrix.length);
  for (let start = 0; start < matrix.length; start += dim) {
    let sumSquares = 0;
    for (let i = start; i < start + dim; i++) sumSquares += matrix[i]! * matrix[i]!;
    const inverse = sumSquares > 0 ? 1 / Math.sqrt(sumSquares) : 0;
    for (let i = start; i < start + dim; i++) out[i] = matrix[i]! * inverse;
  }
  return out;
}

/** Cosine similarities [images, texts] of already-normalised rows. */
export function cosineMatrix(images: Float32Array, texts: Float32Array, dim: number): Float32Array {
  const imageCount = images.length / dim;
  const textCount = texts.length / dim;
  const out = new Float32Array(imageCount * textCount);
  for (let i = 0; i < imageCount; i++) {
    for (let t = 0; t < textCount; t++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += images[i * dim + k]! * texts[t * dim + k]!;
      out[i * textCount + t] = dot;
    }
  }
  return out;
}

/** Softmax over each row of `scale * logits` (CLIP's zero-shot probabilities across labels). */
export function softmaxRows(logits: Float32Array, columns: number, scale: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let start = 0; start < logits.length; start += columns) {
    let max = -Infinity;
    for (let i = start; i < start + columns; i++) max = Math.max(max, scale * logits[i]!);
    let sum = 0;
    for (let i = start; i < start + columns; i++) sum += out[i] = Math.exp(scale * logits[i]! - max);
    for (let i = start; i < start + columns; i++) out[i] = out[i]! / sum;
  }
  return out;
}

/** Index of the largest value in each row. */
export function argmaxRows(values: Float32Array, columns: number): Int32Array {
  const out = new Int32Array(values.length / columns);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let c = 1; c < columns; c++) if (values[r * columns + c]! > values[r * columns + best]!) best = c;
    out[r] = best;
  }
  return out;
}
