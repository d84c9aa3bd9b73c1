import type { LabelScores, ScoringRule } from '../../model/scoring/score-image';
import type { LikelihoodState } from '../../store/describe/describe-types';
import { BarChart } from '../BarChart/BarChart';
import { LikelihoodChart } from './LikelihoodChart';

export interface ClipSide {
  name: string;
  labels: string[];
  scores: LabelScores | undefined;
  rule?: ScoringRule;
}

/** Whether the two strategies pick the same top label for an image, and how much their distributions overlap. */
export interface CardAgreement {
  topAgrees: boolean;
  /** Sum over labels of the smaller of the two probabilities, 0..1. */
  overlap: number;
}

/** CLIP's bars and the PrefixLM's likelihood bars for one image and the same labels, side by side. */
export function StrategyCharts({
  imageName,
  clip,
  likelihood,
  agreement,
}: {
  imageName: string;
  clip: ClipSide;
  likelihood: LikelihoodState | undefined;
  agreement: CardAgreement | undefined;
}) {
  return (
    <div className="strategies">
      <div className="side-by-side">
        <div data-testid="clip-chart" data-image-name={imageName}>
          <h3>{clip.name}: matching</h3>
          {clip.scores ? (
            <BarChart labels={clip.labels} scores={clip.scores} rule={clip.rule} />
          ) : (
            <p className="hint">Encoding…</p>
          )}
        </div>
        <div data-testid="likelihood-chart" data-image-name={imageName} data-state={likelihood?.state ?? 'queued'}>
          <h3>PrefixLM: likelihood after &ldquo;{likelihood?.prefix ?? '…'}&rdquo;</h3>
          {likelihood?.state === 'done' && <LikelihoodChart imageName={imageName} likelihood={likelihood} />}
          {likelihood?.state === 'error' && (
            <p className="error">
              {likelihood.message ?? 'The labels could not be scored. Edit a label to try again, or reload the page.'}
            </p>
          )}
          {(likelihood === undefined || likelihood.state === 'queued') && <p className="hint">Scoring the labels…</p>}
        </div>
      </div>
      {agreement && (
        <p className="agreement" data-testid="strategy-agreement" data-agree={agreement.topAgrees}>
          {agreement.topAgrees ? 'Both pick the same top label' : 'They pick different top labels'}; their distributions
          overlap by {(agreement.overlap * 100).toFixed(0)}%.
        </p>
      )}
    </div>
  );
}
