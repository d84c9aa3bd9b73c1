import { normalizeRows } from './similarity';

export interface Ranked {
  /** Index of the candidate in the list given. */
  index: number;
  /** Cosine similarity to the query, in [-1, 1]. */
  score: number;
}

/**
 * Ranks candidate embeddings by cosine similarity to a query embedding, best first (ties keep the given order).
 * Works for text-to-image search and image-to-image "more like this" alike: both live in CLIP's one space.
 * Embeddings may be unnormalised, as the model outputs them; a candidate of another length is skipped.
 */
export function rankByCosine(query: Float32Array, candidates: readonly Float32Array[]): Ranked[] {
  const dim = query.length;
  const unitQuery = normalizeRows(query, dim);
  const ranked: Ranked[] = [];
  candidates.forEach((candidate, index) => {
    if (candidate.length !== dim) return;
    const unit = normalizeRows(candidate, dim);
    let dot = 0;
    for (let k = 0; k < dim; k++) dot += unitQuery[k]! * unit[k]!;
    ranked.push({ index, score: dot });
  });
  return ranked.sort((a, b) => b.score - a.score || a.index - b.index);
}
