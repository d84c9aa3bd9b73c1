import { normalizeRows } from './similarity';

/**
 * A prompt ensemble for one label, as in the CLIP paper: each prompt's text embedding is normalised, the unit
 * vectors are averaged, and the mean is normalised again (so every template counts the same, whatever its norm).
 * Returns undefined for no rows.
 */
export function ensembleEmbedding(rows: readonly Float32Array[]): Float32Array | undefined {
  const dim = rows[0]?.length;
  if (!dim) return undefined;
  const sum = new Float32Array(dim);
  for (const row of rows) {
    if (row.length !== dim)
      throw new Error(`Embeddings of different sizes (${row.length} vs ${dim}) cannot be averaged.`);
    const unit = normalizeRows(row, dim);
    for (let k = 0; k < dim; k++) sum[k]! += unit[k]!;
  }
  return normalizeRows(sum, dim);
}
