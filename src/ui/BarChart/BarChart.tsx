import { useMemo, useState } from 'react';
import { BarBody, ShowAllBars } from './BarParts';
import type { LabelScores, ScoringRule } from '../../model/scoring/score-image';
import { DEFAULT_VISIBLE_BARS } from '../../shared/settings';
import { useAppStore } from '../../store/store';

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
              <BarBody label={labels[i]!} value={value} mode={mode} />
            </li>
          );
        })}
      </ol>
      <ShowAllBars count={order.length} showAll={showAll} onToggle={() => setShowAll(!showAll)} />
    </div>
  );
}
