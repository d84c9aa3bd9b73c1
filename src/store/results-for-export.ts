// The rows an export holds: every scored image against every encoded label, each image's labels best first, the
// same numbers and order as its chart.
import type { DescribedRow, ExportContext, ResultRow } from '../shared/results-csv-tsv-json';
import { likelihoodPrefix } from './describe/describe-work';
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
      describe: describedRow(state, item.id, matrix.labels[i]!),
    }));
    return [{ name: item.name, thumbnailUrl: item.thumbnailUrl, rows }];
  });
}

/** Whether the Describe view was ever opened: its columns are exported only then. */
const describeOpened = (state: AppState) => state.generatorStatus.phase !== 'idle';

/** The PrefixLM's texts for an image and its likelihood of `label` (only what is finished). */
function describedRow(state: AppState, imageId: string, label: string): DescribedRow | undefined {
  if (!describeOpened(state)) return undefined;
  const image = state.describeByImage[imageId];
  const done = (text: { state: string; text: string } | undefined) => (text?.state === 'done' ? text.text : undefined);
  const likelihood = image?.likelihood?.state === 'done' ? image.likelihood : undefined;
  const index = likelihood?.labels.indexOf(label) ?? -1;
  return {
    likelihood: index >= 0 ? likelihood!.probabilities[index] : undefined,
    caption: done(image?.caption),
    answer: done(image?.answer),
    continuation: done(image?.continuation),
  };
}

export function exportContext(state: AppState): ExportContext {
  return {
    model: state.modelId,
    template: state.template,
    scoring: state.scoringRule?.kind ?? 'none',
    describe: describeOpened(state)
      ? {
          question: state.describeQuestion,
          prefix: state.describePrefix,
          beams: state.describeBeams,
          likelihoodPrefix: likelihoodPrefix(state.template),
        }
      : undefined,
  };
}
