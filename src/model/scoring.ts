import { cosineMatrix, normalizeRows, softmaxRows } from './similarity';

export interface LabelScores {
  /** Softmax over the labels of logitScale * cosine: CLIP's zero-shot probabilities. */
  probabilities: Float32Array;
  similarities: Float32Array;
}

/**
 * Scores one image against label embeddings (both unnormalised, as the model outputs them).
 * `textEmbeds` is row-major [labels, dim].
 */
export function scoreImage(imageEmbed: Float32Array, textEmbeds: Float32Array, logitScale: number): LabelScores {
  const dim = imageEmbed.length;
  const similarities = cosineMatrix(normalizeRows(imageEmbed, dim), normalizeRows(textEmbeds, dim), dim);
  return { similarities, probabilities: softmaxRows(similarities, similarities.length, logitScale) };
}
