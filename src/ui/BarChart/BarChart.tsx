import { useMemo, useState } from 'react';
import type { LabelScores, ScoringRule } from '../../model/scoring/score-image';
import { scoreText } from '../../shared/score-text';
import { DEFAULT_VISIBLE_BARS } from '../../shared/settings';
import { useAppStore } from '../../store/store';
import { VisibleText } from '../VisibleText/VisibleText';

/** Horizontal bars of every label, best first; the top label stands out. */
export function BarChart({
  labels,
  scores,
  rule,
  focusLabel,
  winner = true,
}: {
  labels: string[];
  scores: LabelScores;
  rule?: ScoringRule;
  /** A label to mark (chosen in the matrix); it is shown even when outside the top bars. */
  focusLabel?: string;
  /** False when the model cannot tell the labels apart: no bar is presented as the answer. */
  winner?: boolean;
}) {
  const chosenMode = useAppStore((s) => s.scoreMode);
  const mode = rule ? chosenMode : 'similarity';
  const [showAll, setShowAll] = useState(false);
  const order = useMemo(
    () => labels.map((_, i) => i).sort((a, b) => scores.probabilities[b]! - scores.probabilities[a]!),
    [labels, scores],
  );
  const top = order.slice(0, DEFAULT_VISIBLE_BARS);
  const focusIndex = focusLabel === undefined ? -1 : labels.indexOf(focusLabel);
  const visible = showAll ? order : focusIndex >= 0 && !top.includes(focusIndex) ? [...top, focusIndex] : top;
  return (
    <div className="chart">
      {!rule && (
        <p className="hint">
          This model&rsquo;s trained logit scale is unknown, so only cosine similarities are shown.
        </p>
      )}
      {rule?.kind === 'sigmoid' && mode === 'probability' && (
        <p className="hint">Independent probabilities per label (sigmoid): they need not add up to 100%.</p>
      )}
      <ol className="bars" aria-label="Scores by label">
        {visible.map((i, rank) => {
          const probability = scores.probabilities[i]!;
          const similarity = scores.similarities[i]!;
          const value = mode === 'probability' ? probability : similarity;
          return (
            <li
              key={labels[i]}
              className={`bar${rank === 0 && winner ? ' top' : ''}${i === focusIndex ? ' focused' : ''}`}
              aria-current={i === focusIndex ? 'true' : undefined}
              data-testid="bar"
              data-label={labels[i]}
              data-score={rule ? probability.toFixed(6) : undefined}
              data-similarity={similarity.toFixed(6)}
            >
              <VisibleText className="bar-label" text={labels[i]!} />
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }} />
              </span>
              <span className="bar-value">{scoreText(value, mode)}</span>
            </li>
          );
        })}
      </ol>
      {order.length > DEFAULT_VISIBLE_BARS && (
        <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show top ${DEFAULT_VISIBLE_BARS}` : `Show all ${order.length} labels`}
        </button>
      )}
    </div>
  );
}
