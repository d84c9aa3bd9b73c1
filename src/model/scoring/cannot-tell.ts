// When a card's scores are too close to call: the model sees no difference between the labels worth a winner.

/**
 * The spread (highest minus lowest share) below which the labels count as tied, as a fraction of the share each
 * would get if all were equal (1/n): 0.2 means the scores differ by less than a fifth of the uniform share. With
 * two labels that is 55% vs 45%; with 12, 9.2% vs 7.5%.
 */
const CANNOT_TELL_SPREAD = 0.2;

/**
 * Whether the model cannot tell the labels apart for this image. `scores` are the chart's probabilities (softmax,
 * or SigLIP's sigmoid, compared as shares of their sum); `groupSizes[i]` is how many of the user's labels bar i
 * stands for (labels the tokenizer reads the same are one bar, e.g. words the Mini does not know), so one bar
 * standing for twelve labels is twelve equal scores, not a winner at 100%. One label alone is never "cannot tell".
 */
export function cannotTell(scores: ArrayLike<number>, groupSizes?: ArrayLike<number>): boolean {
  const size = (i: number) => groupSizes?.[i] ?? 1;
  let labels = 0;
  let total = 0;
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    labels += size(i);
    total += size(i) * score;
    max = Math.max(max, score);
    min = Math.min(min, score);
  }
  if (labels < 2) return false;
  if (!(total > 0)) return true; // every score is zero: nothing stands out
  return (max - min) / total < CANNOT_TELL_SPREAD / labels;
}
