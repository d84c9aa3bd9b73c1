import { expandTemplate } from '../model/text/label-text';
import { buildLabelMatrix, currentLabels, type LabelMatrix } from './selectors';
import type { AppState } from './store';

/** The comparison model's label embeddings for the current labels and template, like selectLabelMatrix. */
export function compareLabelMatrix(
  state: Pick<AppState, 'labelsText' | 'template' | 'compareTextEmbeds'>,
): LabelMatrix {
  return buildLabelMatrix(currentLabels(state), (label) =>
    state.compareTextEmbeds.get(expandTemplate(state.template, label)),
  );
}
