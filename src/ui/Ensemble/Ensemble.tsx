import { memo, useMemo } from 'react';
import { argmaxRows } from '../../model/scoring/similarity';
import { countOf } from '../text/plural';
import { ENSEMBLE_TEMPLATES } from '../../model/text/prompt-templates';
import type { LabelScores, ScoringRule } from '../../model/scoring/score-image';
import { ensembleLabelMatrix } from '../../store/explore-selectors';
import type { ImageItem } from '../../store/images-slice';
import { scoreLabels, selectLabelMatrix, type LabelMatrix } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { BarChart } from '../BarChart/BarChart';
import { CardHead } from '../CardHead/CardHead';

const score = (item: ImageItem, matrix: LabelMatrix, rule: ScoringRule | undefined) =>
  scoreLabels(item.embeds, matrix, rule);

const topLabel = (matrix: LabelMatrix, scores: LabelScores | undefined) =>
  scores ? matrix.labels[argmaxRows(scores.probabilities, scores.probabilities.length)[0]!] : undefined;

/** Prompt ensembles: each image scored with the single template and with the averaged templates, side by side. */
export function Ensemble() {
  const images = useAppStore((s) => s.images);
  const labelsText = useAppStore((s) => s.labelsText);
  const textEmbeds = useAppStore((s) => s.textEmbeds);
  const promptTokens = useAppStore((s) => s.promptTokens);
  const template = useAppStore((s) => s.template);
  const single = useAppStore(selectLabelMatrix);
  const rule = useAppStore((s) => s.scoringRule);
  const ensemble = useMemo(
    () => ensembleLabelMatrix({ labelsText, textEmbeds, promptTokens }),
    [labelsText, textEmbeds, promptTokens],
  );
  const encoded = useMemo(() => images.filter((i) => i.embeds), [images]);
  const changed = useMemo(
    () =>
      encoded.filter((i) => topLabel(single, score(i, single, rule)) !== topLabel(ensemble, score(i, ensemble, rule)))
        .length,
    [encoded, single, ensemble, rule],
  );
  const ready = ensemble.pending === 0 && single.pending === 0 && ensemble.labels.length > 0;

  return (
    <section className="ensemble" aria-label="Prompt ensembles">
      {/* The rows' h3 headings sit under this one (headings in order, WCAG 1.3.1). */}
      <h2 className="visually-hidden">Prompt ensembles</h2>
      <p>
        One template can favour some labels by its wording. A prompt ensemble encodes each label in{' '}
        {ENSEMBLE_TEMPLATES.length} templates, averages their normalised text embeddings and normalises the mean, as in
        the CLIP paper; it usually scores more steadily. Each prompt is encoded once and cached.
      </p>
      <details>
        <summary>The {ENSEMBLE_TEMPLATES.length} templates</summary>
        <ul>
          {ENSEMBLE_TEMPLATES.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      </details>
      <p className="hint" aria-live="polite" data-testid="ensemble-status">
        {encoded.length === 0 || single.labels.length + single.pending === 0
          ? 'Drop images and type labels to compare the single template with the ensemble.'
          : !ready
            ? `Encoding the ensemble's prompts (${countOf(ensemble.pending, 'label')} to go)…`
            : `The ensemble changes the top label of ${changed} of ${countOf(encoded.length, 'image')}.`}
      </p>
      <ul className="ensemble-list">
        {encoded.map((item) => (
          <EnsembleRow key={item.id} item={item} single={single} ensemble={ensemble} rule={rule} template={template} />
        ))}
      </ul>
    </section>
  );
}

interface RowProps {
  item: ImageItem;
  single: LabelMatrix;
  ensemble: LabelMatrix;
  rule: ScoringRule | undefined;
  template: string;
}

const EnsembleRow = memo(function EnsembleRow({ item, single, ensemble, rule, template }: RowProps) {
  const singleScores = useMemo(() => score(item, single, rule), [item, single, rule]);
  const ensembleScores = useMemo(() => score(item, ensemble, rule), [item, ensemble, rule]);
  return (
    <li className="ensemble-row result-card">
      <CardHead item={item} />
      <div className="side-by-side">
        <div data-testid="ensemble-single" data-image-name={item.name}>
          <h3>Single template &ldquo;{template}&rdquo;</h3>
          {singleScores && <BarChart labels={single.labels} scores={singleScores} rule={rule} />}
        </div>
        <div data-testid="ensemble-mean" data-image-name={item.name}>
          <h3>Ensemble of {ENSEMBLE_TEMPLATES.length} templates</h3>
          {ensembleScores ? (
            <BarChart labels={ensemble.labels} scores={ensembleScores} rule={rule} />
          ) : (
            <p className="hint">Encoding…</p>
          )}
        </div>
      </div>
    </li>
  );
});
