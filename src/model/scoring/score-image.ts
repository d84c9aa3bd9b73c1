import type { Scoring } from '../catalogue/catalogue';
import { cosineMatrix, normalizeRows, softmaxRows } from './similarity';

export interface LabelScores {
  /**
   * CLIP: softmax over the labels of logitScale * cosine (they sum to 1). SigLIP: an independent sigmoid of
   * logitScale * cosine + logitBias per label.
   */
  probabilities: Float32Array;
  similarities: Float32Array;
}

export interface ScoringRule {
  kind: Scoring;
  logitScale: number;
  logitBias: number;
}

/** Orders labels when the model's trained scale is unknown; its "probabilities" are never shown. */
export const COSINE_ONLY: ScoringRule = { kind: 'softmax', logitScale: 1, logitBias: 0 };

/**
 * Scores one image against label embeddings (both unnormalised, as the model outputs them).
 * `textEmbeds` is row-major [labels, dim].
 */
export function scoreImage(imageEmbed: Float32Array, textEmbeds: Float32Array, rule: ScoringRule): LabelScores {
  const dim = imageEmbed.length;
  const similarities = cosineMatrix(normalizeRows(imageEmbed, dim), normalizeRows(textEmbeds, dim), dim);
  const probabilities =
    rule.kind === 'softmax'
      ? softmaxRows(similarities, similarities.length, rule.logitScale)
      : similarities.map((cos) => 1 / (1 + Math.exp(-(rule.logitScale * cos + rule.logitBias))));
  return { similarities, probabilities };
}
