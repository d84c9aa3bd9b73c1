// A score as text, written the same way everywhere it is shown (chart bars, matrix cells, the chart image, the
// copied table): a probability as a percentage with one decimal, a cosine similarity with three decimals.

/** Which of a label's two scores is shown: the model's probability or the raw cosine similarity. */
export type ScoreMode = 'probability' | 'similarity';

/** `value` (a probability in 0..1, or a cosine in -1..1) as text for `mode`: 0.4567 is "45.7%" or "0.457". */
export function scoreText(value: number, mode: ScoreMode): string {
  return mode === 'probability' ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}
