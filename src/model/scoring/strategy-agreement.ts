// How far the two strategies agree on one image: CLIP's probabilities (matching in one embedding space) and the
// PrefixLM's (likelihood of writing each label), over the labels both scored.

export interface LabelDistribution {
  labels: readonly string[];
  probabilities: ArrayLike<number>;
}

export interface StrategyAgreement {
  /** Both put the same label first. */
  topAgrees: boolean;
  /** Sum over labels of the smaller probability, 0 (disjoint) to 1 (identical). */
  overlap: number;
  topA: string;
  topB: string;
}

/** `d` restricted to `labels` (in that order) and scaled to sum to 1 over them. */
function restricted(d: LabelDistribution, labels: readonly string[]): number[] {
  const at = new Map(d.labels.map((label, i) => [label, d.probabilities[i]!]));
  const values = labels.map((label) => at.get(label)!);
  const sum = values.reduce((a, b) => a + b, 0);
  return values.map((v) => (sum > 0 ? v / sum : 1 / values.length));
}

const argmax = (values: readonly number[]) => values.reduce((best, v, i) => (v > values[best]! ? i : best), 0);

/**
 * The agreement of two distributions over the labels both have (a label one side is still scoring, or has merged
 * into another, is left out and the rest renormalised); undefined when they share no label.
 */
export function strategyAgreement(a: LabelDistribution, b: LabelDistribution): StrategyAgreement | undefined {
  const inB = new Set(b.labels);
  const shared = [...new Set(a.labels)].filter((label) => inB.has(label));
  if (shared.length === 0) return undefined;
  const pa = restricted(a, shared);
  const pb = restricted(b, shared);
  const topA = shared[argmax(pa)]!;
  const topB = shared[argmax(pb)]!;
  const overlap = pa.reduce((sum, p, i) => sum + Math.min(p, pb[i]!), 0);
  return { topAgrees: topA === topB, overlap: Math.min(1, overlap), topA, topB };
}

/** "Agree on `agree` of `total` images", over the images both strategies have scored. */
export function agreementOverImages(per: readonly Pick<StrategyAgreement, 'topAgrees'>[]): {
  agree: number;
  total: number;
} {
  return { agree: per.filter((p) => p.topAgrees).length, total: per.length };
}
