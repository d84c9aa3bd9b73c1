import { memo, useEffect, useMemo, useRef } from 'react';
import type { ImageItem } from '../../store/images-slice';
import { removeImage } from '../../store/model-loading';
import { scoreLabels, selectLabelMatrix } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { BarChart } from '../BarChart/BarChart';
import { CardHead } from '../CardHead/CardHead';
import { MoreLikeThis } from '../MoreLikeThis/MoreLikeThis';
import { UnfamiliarImage } from '../UnfamiliarImage/UnfamiliarImage';
import { cannotTell } from '../../model/scoring/cannot-tell';
import { isUnfamiliar } from '../../model/scoring/unfamiliar-image';
import { visibleText } from '../../shared/visible-text';
import { focusNeighbourOf, imagePicker } from '../focus/focus';
import { loadedModel } from '../../store/model-status';

// Memoised: when one image finishes, the other cards keep their rendered charts.
export const ResultCard = memo(function ResultCard({ item }: { item: ImageItem }) {
  const matrix = useAppStore(selectLabelMatrix);
  const rule = useAppStore((s) => s.scoringRule);
  const labelCount = useAppStore((s) => s.labelsText.trim().length);
  // While the model downloads or starts, a queued image is waiting, not being classified.
  const modelReady = useAppStore((s) => s.modelStatus.phase === 'ready');
  // A matrix cell chose this card: bring it into view and mark the label.
  const focusLabel = useAppStore((s) => (s.focusTarget?.imageId === item.id ? s.focusTarget.label : undefined));
  const cardRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focusLabel === undefined) return;
    cardRef.current?.scrollIntoView({ block: 'center' });
    cardRef.current?.focus();
  }, [focusLabel]);
  const scores = useMemo(() => scoreLabels(item.embeds, matrix, rule), [item.embeds, matrix, rule]);
  // Labels the tokenizer reads alike share a bar: it counts as that many equal scores.
  const tied = useMemo(() => {
    if (!scores || !rule) return false; // cosines alone have no scale to judge a tie by
    const sizes = matrix.labels.map((label) => 1 + (matrix.merged.find((m) => m.label === label)?.same.length ?? 0));
    return cannotTell(scores.probabilities, sizes);
  }, [scores, rule, matrix]);
  const calibration = useAppStore((s) => loadedModel(s.modelStatus)?.model.unfamiliar);
  const unfamiliar = useMemo(
    () => item.embeds !== undefined && isUnfamiliar(item.embeds, calibration),
    [item.embeds, calibration],
  );
  return (
    <li
      ref={cardRef}
      tabIndex={-1}
      className={`result-card${focusLabel !== undefined ? ' focused' : ''}`}
      data-testid="result-card"
      data-image-name={item.name}
      data-state={item.state}
      data-width={item.width}
      data-height={item.height}
      data-unfamiliar={unfamiliar || undefined}
      data-cannot-tell={tied || undefined}
    >
      <CardHead item={item}>
        {item.embeds && <MoreLikeThis id={item.id} name={item.name} />}
        <button
          type="button"
          className="remove"
          data-testid="remove-image"
          onClick={(e) => {
            focusNeighbourOf(e.currentTarget.closest('li'), '[data-testid="remove-image"]', imagePicker);
            removeImage(item.id);
          }}
          aria-label={`Remove ${visibleText(item.name)}`}
        >
          ×
        </button>
      </CardHead>
      {item.state === 'error' && (
        <p role="alert" className="error">
          {item.error}
          {!item.modelStopped && ' Other images are not affected; remove this one or try another file.'}
        </p>
      )}
      {(item.state === 'queued' || item.state === 'encoding') && (
        <p className="hint" data-testid="card-waiting">
          {modelReady ? 'Classifying…' : 'Waiting for the model…'}
        </p>
      )}
      {item.state === 'done' && !scores && labelCount === 0 && <p className="hint">Add labels to see scores.</p>}
      {tied && (
        <p className="hint cannot-tell" data-testid="cannot-tell">
          The model cannot tell these labels apart for this image: their scores are about equal, so none is the answer.
          Try other labels{matrix.merged.length > 0 ? ' with words it knows' : ''}, or another model.
        </p>
      )}
      {scores && unfamiliar && (
        <UnfamiliarImage domain={calibration!.domain}>
          <BarChart labels={matrix.labels} scores={scores} rule={rule} focusLabel={focusLabel} winner={!tied} />
        </UnfamiliarImage>
      )}
      {scores && !unfamiliar && (
        <BarChart labels={matrix.labels} scores={scores} rule={rule} focusLabel={focusLabel} winner={!tied} />
      )}
    </li>
  );
});
