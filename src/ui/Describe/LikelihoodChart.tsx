import { useMemo, useState } from 'react';
import { BarBody, ShowAllBars } from '../BarChart/BarParts';
import type { LikelihoodState } from '../../store/describe/describe-types';
import { DEFAULT_VISIBLE_BARS } from '../../shared/settings';

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
            <BarBody label={labels[i]!} value={probabilities[i]!} mode="probability" />
          </li>
        ))}
      </ol>
      <ShowAllBars count={order.length} showAll={showAll} onToggle={() => setShowAll(!showAll)} />
    </div>
  );
}
