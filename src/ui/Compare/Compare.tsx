import { memo, useId, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CATALOGUE, findModel, type Dtype } from '../../model/catalogue/catalogue';
import { countOf } from '../text/plural';
import type { LabelScores, ScoringRule } from '../../model/scoring/score-image';
import { argmaxRows } from '../../model/scoring/similarity';
import { startComparison, stopComparison } from '../../store/comparison-lifecycle';
import { compareLabelMatrix } from '../../store/compare-selectors';
import type { ImageItem } from '../../store/images-slice';
import { scoreLabels, selectLabelMatrix, type LabelMatrix } from '../../store/selectors';
import { loadedModel } from '../../store/model-status';
import { useAppStore } from '../../store/store';
import { BarChart } from '../BarChart/BarChart';
import { CardHead } from '../CardHead/CardHead';
import { SessionStatus } from '../SessionStatus/SessionStatus';

const DTYPES: Dtype[] = ['fp32', 'fp16', 'q8'];

interface Side {
  name: string;
  matrix: LabelMatrix;
  rule?: ScoringRule;
}

const score = (embeds: Float32Array | undefined, side: Side): LabelScores | undefined =>
  scoreLabels(embeds, side.matrix, side.rule);

const top = (side: Side, scores: LabelScores | undefined) =>
  scores && side.matrix.labels[argmaxRows(scores.probabilities, scores.probabilities.length)[0]!];

/** Two models, same images and labels, charts side by side. */
export function Compare() {
  const id = useId();
  const startButton = useRef<HTMLButtonElement>(null);
  // The comparison model keeps its worker while the user looks at other tabs, until "Stop comparing".
  const s = useAppStore(
    useShallow((state) => ({
      images: state.images,
      labelsText: state.labelsText,
      template: state.template,
      modelId: state.modelId,
      model: loadedModel(state.modelStatus)?.model,
      scoringRule: state.scoringRule,
      compareModelId: state.compareModelId,
      compareDtype: state.compareDtype,
      compareStatus: state.compareStatus,
      compareRule: state.compareRule,
      compareTextEmbeds: state.compareTextEmbeds,
      compareImageEmbeds: state.compareImageEmbeds,
      setCompare: state.setCompare,
    })),
  );
  const primaryMatrix = useAppStore(selectLabelMatrix);
  const { labelsText, template, compareTextEmbeds } = s;
  const otherMatrix = useMemo(
    () => compareLabelMatrix({ labelsText, template, compareTextEmbeds }),
    [labelsText, template, compareTextEmbeds],
  );
  const describe = (modelId: string, loaded: typeof s.model) =>
    `${findModel(modelId)?.name ?? modelId}${loaded ? ` (${loaded.dtype}, ${loaded.backend})` : ''}`;
  const primary: Side = { name: describe(s.modelId, s.model), matrix: primaryMatrix, rule: s.scoringRule };
  const other: Side = {
    name: describe(s.compareModelId, loadedModel(s.compareStatus)?.model),
    matrix: otherMatrix,
    rule: s.compareRule,
  };
  const encoded = s.images.filter((i) => i.embeds);
  const both = encoded.filter((i) => s.compareImageEmbeds.has(i.id));
  const agree = both.filter(
    (i) => top(primary, score(i.embeds, primary)) === top(other, score(s.compareImageEmbeds.get(i.id), other)),
  ).length;
  const phase = s.compareStatus.phase;
  const running = phase === 'loading' || phase === 'ready';
  const otherId = phase === 'idle' ? s.compareModelId : s.compareStatus.modelId;

  return (
    <section className="compare" aria-label="Compare models">
      <h2 className="visually-hidden">Compare models</h2>
      <p>Run a second model on the same images and labels and see both charts side by side.</p>
      <div className="toolbar">
        <label htmlFor={`${id}-model`}>Compare with</label>
        <select
          id={`${id}-model`}
          value={s.compareModelId}
          onChange={(e) => s.setCompare({ compareModelId: e.target.value })}
        >
          {CATALOGUE.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-dtype`}>Its weights</label>
        <select
          id={`${id}-dtype`}
          value={s.compareDtype ?? 'auto'}
          onChange={(e) =>
            s.setCompare({ compareDtype: e.target.value === 'auto' ? undefined : (e.target.value as Dtype) })
          }
        >
          <option value="auto">automatic</option>
          {DTYPES.map((d) => (
            <option key={d} value={d}>
              {d === 'q8' ? 'int8 (q8)' : d}
            </option>
          ))}
        </select>
        <button type="button" ref={startButton} data-testid="compare-start" onClick={() => void startComparison()}>
          {running ? 'Compare again' : 'Compare'}
        </button>
        {running && (
          <button
            type="button"
            onClick={() => {
              startButton.current?.focus(); // this button goes away
              stopComparison();
            }}
          >
            Stop comparing
          </button>
        )}
      </div>
      <SessionStatus
        status={s.compareStatus}
        name={findModel(otherId)?.name ?? otherId}
        testId="compare-status"
        className="hint"
        live
        idle="Choose a model and press Compare. It runs in a second worker on this device."
        ready={
          both.length === 0
            ? 'Drop images to compare the models on them.'
            : `${primary.name} and ${other.name} agree on the top label for ${agree} of ${countOf(both.length, 'image')}.`
        }
        onRetry={() => void startComparison()}
        onRestart={() => void startComparison()}
      />
      {phase !== 'idle' && (
        <ul className="ensemble-list">
          {encoded.map((item) => (
            <CompareRow
              key={item.id}
              item={item}
              otherEmbeds={s.compareImageEmbeds.get(item.id)}
              primary={primary}
              other={other}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface RowProps {
  item: ImageItem;
  otherEmbeds?: Float32Array;
  primary: Side;
  other: Side;
}

const CompareRow = memo(function CompareRow({ item, otherEmbeds, primary, other }: RowProps) {
  const primaryScores = score(item.embeds, primary);
  const otherScores = score(otherEmbeds, other);
  return (
    <li className="result-card">
      <CardHead item={item} />
      <div className="side-by-side">
        {(
          [
            ['compare-primary', primary, primaryScores],
            ['compare-other', other, otherScores],
          ] as const
        ).map(([testId, side, scores]) => (
          <div key={testId} data-testid={testId} data-image-name={item.name}>
            <h3>{side.name}</h3>
            {scores ? (
              <BarChart labels={side.matrix.labels} scores={scores} rule={side.rule} />
            ) : (
              <p className="hint">Encoding…</p>
            )}
          </div>
        ))}
      </div>
    </li>
  );
});
