// How far the two pre-training strategies agree on the same image and labels: CLIP's contrastive scores and the
// PrefixLM's likelihood scores, each a probability distribution over the labels.

/** One strategy's distribution over labels (probabilities summing to 1). */
export interface LabelDistribution {
  labels: readonly string[];
  probabilities: readonly number[];
}

export interface ImageAgreement {
  /** Both strategies rank the same label first. */
  agree: boolean;
  clipTop: string;
  prefixLmTop: string;
  /** Sum over the labels of the smaller of the two probabilities: 1 for equal distributions, 0 for disjoint. */
  overlap: number;
}

export interface AgreementSummary {
  /** Images whose top labels agree ("agree on N of M"). */
  agreeing: number;
  /** Images both strategies scored. */
  compared: number;
  /** Mean overlap over those images; undefined when none was compared. */
  meanOverlap?: number;
}

function topLabel({ labels, probabilities }: LabelDistribution): string | undefined {
  let best = -1;
  labels.forEach((_, i) => {
    if (best < 0 || probabilities[i]! > probabilities[best]!) best = i;
  });
  return best < 0 ? undefined : labels[best];
}

/** The two strategies compared on one image, over the labels both scored; undefined when they share none. */
export function imageAgreement(clip: LabelDistribution, prefixLm: LabelDistribution): ImageAgreement | undefined {
  const prefixByLabel = new Map(prefixLm.labels.map((label, i) => [label, prefixLm.probabilities[i]!]));
  const shared = clip.labels.flatMap((label, i) =>
    prefixByLabel.has(label) ? [{ label, p: clip.probabilities[i]!, q: prefixByLabel.get(label)! }] : [],
  );
  if (!shared.length) return undefined;
  const clipTop = topLabel(clip)!;
  const prefixLmTop = topLabel(prefixLm)!;
  const overlap = shared.reduce((sum, { p, q }) => sum + Math.min(p, q), 0);
  return { agree: clipTop === prefixLmTop, clipTop, prefixLmTop, overlap: Math.min(1, overlap) };
}

/** Agreement over images (those not compared, undefined, are left out). */
export function agreementSummary(images: readonly (ImageAgreement | undefined)[]): AgreementSummary {
  const compared = images.filter((a): a is ImageAgreement => a !== undefined);
  const agreeing = compared.filter((a) => a.agree).length;
  if (!compared.length) return { agreeing, compared: 0 };
  return {
    agreeing,
    compared: compared.length,
    meanOverlap: compared.reduce((s, a) => s + a.overlap, 0) / compared.length,
  };
}
