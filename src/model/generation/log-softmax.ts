// Log-probabilities from logits, in double precision (as PyTorch's log_softmax is accurate to well below 1e-4).

export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const shift = max + Math.log(sum);
  return Float64Array.from({ length: logits.length }, (_, i) => logits[i]! - shift);
}

/** The index of the largest value (the first of equal ones, as torch.argmax). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
