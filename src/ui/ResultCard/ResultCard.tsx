import { memo, useMemo } from 'react';
import { scoreImage, type ScoringRule } from '../../model/scoring';
import type { ImageItem } from '../../store/images-slice';
import { removeImage } from '../../store/controller';
import { selectLabelMatrix } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { BarChart } from '../BarChart/BarChart';

// Orders labels when the model's trained scale is unknown; its "probabilities" are never shown.
const COSINE_ONLY: ScoringRule = { kind: 'softmax', logitScale: 1, logitBias: 0 };

// Memoised: when one image finishes, the other cards keep their rendered charts.
export const ResultCard = memo(function ResultCard({ item }: { item: ImageItem }) {
  const matrix = useAppStore(selectLabelMatrix);
  const rule = useAppStore((s) => s.scoringRule);
  const labelCount = useAppStore((s) => s.labelsText.trim().length);
  const scores = useMemo(
    () =>
      item.embeds && matrix.labels.length ? scoreImage(item.embeds, matrix.embeds, rule ?? COSINE_ONLY) : undefined,
    [item.embeds, matrix, rule],
  );
  return (
    <li
      className="result-card"
      data-testid="result-card"
      data-image-name={item.name}
      data-state={item.state}
      data-width={item.width}
      data-height={item.height}
    >
      <div className="card-head">
        {item.thumbnailUrl ? (
          <img src={item.thumbnailUrl} alt={item.name} className="thumbnail" loading="lazy" decoding="async" />
        ) : (
          <div className="thumbnail placeholder" aria-hidden="true" />
        )}
        <span className="image-name" title={item.name}>
          {item.name}
        </span>
        <button
          type="button"
          className="remove"
          onClick={() => removeImage(item.id)}
          aria-label={`Remove ${item.name}`}
        >
          ×
        </button>
      </div>
      {item.state === 'error' && (
        <p role="alert" className="error">
          {item.error} Other images are not affected; remove this one or try another file.
        </p>
      )}
      {(item.state === 'queued' || item.state === 'encoding') && <p className="hint">Classifying…</p>}
      {item.state === 'done' && !scores && labelCount === 0 && <p className="hint">Add labels to see scores.</p>}
      {scores && <BarChart labels={matrix.labels} scores={scores} rule={rule} />}
    </li>
  );
});
