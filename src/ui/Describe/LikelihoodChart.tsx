import { useMemo, useState } from 'react';
import type { LikelihoodState } from '../../store/describe/describe-types';
import { scoreText } from '../../shared/score-text';
import { DEFAULT_VISIBLE_BARS } from '../../shared/settings';
import { VisibleText } from '../VisibleText/VisibleText';

/** The PrefixLM's bars: each label's probability as the continuation of the template's prefix, best first. */
export function LikelihoodChart({ imageName, likelihood }: { imageName: string; likelihood: LikelihoodState }) {
  const [showAll, setShowAll] = useState(false);
  const { labels, probabilities } = likelihood;
  const order = useMemo(
    () => labels.map((_, i) => i).sort((a, b) => probabilities[b]! - probabilities[a]!),
    [labels, probabilities],
  );
  const visible = showAll ? order : order.slice(0, DEFAULT_VISIBLE_BARS);
  return (
    <div className="chart">
      <ol className="bars" aria-label="Likelihood by label">
        {visible.map((i, rank) => (
          <li
            key={labels[i]}
            className={`bar${rank === 0 ? ' top' : ''}`}
            data-testid="likelihood-bar"
            data-image-name={imageName}
            data-label={labels[i]}
            data-score={probabilities[i]!.toFixed(6)}
            data-mean-log-prob={likelihood.meanLogProbs[i]?.toFixed(6)}
          >
            <VisibleText className="bar-label" text={labels[i]!} />
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(1, probabilities[i]!)) * 100}%` }} />
            </span>
            <span className="bar-value">{scoreText(probabilities[i]!, 'probability')}</span>
          </li>
        ))}
      </ol>
      {order.length > DEFAULT_VISIBLE_BARS && (
        <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show top ${DEFAULT_VISIBLE_BARS}` : `Show all ${order.length} labels`}
        </button>
      )}
    </div>
  );
}
