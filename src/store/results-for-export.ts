// The rows an export holds: every scored image against every encoded label, each image's labels best first, the
// same numbers and order as its chart.
import type { ExportContext, ResultRow } from '../shared/results-csv-tsv-json';
import { COSINE_ONLY, scoreImage } from '../model/scoring/score-image';
import { selectLabelMatrix } from './selectors';
import type { AppState } from './store';

export interface ImageResult {
  name: string;
  thumbnailUrl?: string;
  rows: ResultRow[];
}

export function imageResults(state: AppState): ImageResult[] {
  const matrix = selectLabelMatrix(state);
  if (!matrix.labels.length) return [];
  const rule = state.scoringRule;
  return state.images.flatMap((item) => {
    if (item.state !== 'done' || !item.embeds) return [];
    const scores = scoreImage(item.embeds, matrix.embeds, rule ?? COSINE_ONLY);
    const order = matrix.labels.map((_, i) => i).sort((a, b) => scores.probabilities[b]! - scores.probabilities[a]!);
    const rows = order.map((i) => ({
      image: item.name,
      label: matrix.labels[i]!,
      probability: rule ? scores.probabilities[i] : undefined,
      similarity: scores.similarities[i]!,
    }));
    return [{ name: item.name, thumbnailUrl: item.thumbnailUrl, rows }];
  });
}

export function exportContext(state: AppState): ExportContext {
  return {
    model: state.modelId,
    template: state.template,
    scoring: state.scoringRule?.kind ?? 'none',
  };
}
