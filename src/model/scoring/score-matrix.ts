import { scoreImage, type ScoringRule } from './score-image';

/** A table of every image against every label, row-major [images, labels]. */
export interface ScoreMatrix {
  rows: number;
  columns: number;
  similarities: Float32Array;
  probabilities: Float32Array;
}

/** Scores each image embedding against label embeddings (row-major [labels, dim]) with the model's rule. */
export function scoreMatrix(images: readonly Float32Array[], textEmbeds: Float32Array, rule: ScoringRule): ScoreMatrix {
  const columns = images[0] ? textEmbeds.length / images[0].length : 0;
  const similarities = new Float32Array(images.length * columns);
  const probabilities = new Float32Array(images.length * columns);
  images.forEach((image, r) => {
    const scores = scoreImage(image, textEmbeds, rule);
    similarities.set(scores.similarities, r * columns);
    probabilities.set(scores.probabilities, r * columns);
  });
  return { rows: images.length, columns, similarities, probabilities };
}

/** Sort the images by one label's column, or the labels by one image's row; best first. */
export type MatrixSort = { by: 'none' } | { by: 'label'; column: number } | { by: 'image'; row: number };

export interface MatrixOrder {
  rowOrder: number[];
  columnOrder: number[];
}

/** The order rows and columns are shown in; ties keep the original order. */
export function matrixOrder(values: Float32Array, rows: number, columns: number, sort: MatrixSort): MatrixOrder {
  const rowOrder = Array.from({ length: rows }, (_, i) => i);
  const columnOrder = Array.from({ length: columns }, (_, i) => i);
  if (sort.by === 'label' && sort.column < columns) {
    rowOrder.sort((a, b) => values[b * columns + sort.column]! - values[a * columns + sort.column]! || a - b);
  } else if (sort.by === 'image' && sort.row < rows) {
    columnOrder.sort((a, b) => values[sort.row * columns + b]! - values[sort.row * columns + a]! || a - b);
  }
  return { rowOrder, columnOrder };
}

/** Maps a value to [0, 1] for colouring: probabilities as they are, cosines between the table's own min and max. */
export function heatLevel(value: number, min: number, max: number): number {
  if (!(max > min)) return 0.5;
  return Math.max(0, Math.min(1, (value - min) / (max - min)));
}
