import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { findModel } from '../../model/catalogue/catalogue';
import { agreementOverImages, strategyAgreement } from '../../model/scoring/strategy-agreement';
import { describeAgain, retryDescribe, stopGeneration } from '../../store/describe/describe-actions';
import type { DescribeImageState } from '../../store/describe/describe-types';
import { loadedModel } from '../../store/model-status';
import { scoreLabels, selectLabelMatrix } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { SessionStatus } from '../SessionStatus/SessionStatus';
import { countOf } from '../text/plural';
import { DescribeCard } from './DescribeCard';
import { DescribeControls } from './DescribeControls';
import { DoneAnnouncer } from './DoneAnnouncer';
import type { ClipSide } from './StrategyCharts';
import './describe.css';

const texts = (state: DescribeImageState) => [state.caption, state.answer, state.continuation];

/** Something is being written, or is queued to be and not held back by a Stop. */
const isGenerating = (byImage: Record<string, DescribeImageState>, paused: boolean) =>
  Object.values(byImage).some((state) =>
    texts(state).some((t) => t?.state === 'streaming' || (!paused && t?.state === 'queued')),
  );

/** A Stop or a failure left something that "Describe again" would run. */
const leftUndone = (byImage: Record<string, DescribeImageState>, paused: boolean) =>
  paused ||
  Object.values(byImage).some(
    (state) => texts(state).some((t) => t?.stopped || t?.state === 'error') || state.likelihood?.state === 'error',
  );

/** The PrefixLM's view: streamed captions, answers and continuations, and both strategies' charts per image. */
export function Describe() {
  const s = useAppStore(
    useShallow((state) => ({
      images: state.images,
      status: state.generatorStatus,
      question: state.describeQuestion,
      prefix: state.describePrefix,
      beams: state.describeBeams,
      byImage: state.describeByImage,
      speed: state.generationSpeed,
      paused: state.describePaused,
      setQuestion: state.setDescribeQuestion,
      setPrefix: state.setDescribePrefix,
      setBeams: state.setDescribeBeams,
      rule: state.scoringRule,
      clipModelId: state.modelId,
    })),
  );
  const matrix = useAppStore(selectLabelMatrix);
  const clipName = findModel(s.clipModelId)?.name ?? s.clipModelId;
  const generatorName = findModel(loadedModel(s.status)?.modelId ?? '')?.name ?? 'Clipscope Mini PrefixLM';
  const rows = useMemo(
    () =>
      s.images.map((item) => {
        const scores = scoreLabels(item.embeds, matrix, s.rule);
        const clip: ClipSide = { name: clipName, labels: matrix.labels, scores, rule: s.rule };
        const likelihood = s.byImage[item.id]?.likelihood;
        const agreement =
          scores && likelihood?.state === 'done'
            ? strategyAgreement(
                { labels: matrix.labels, probabilities: Array.from(scores.probabilities) },
                { labels: likelihood.labels, probabilities: likelihood.probabilities },
              )
            : undefined;
        return { item, clip, agreement };
      }),
    [s.images, s.byImage, matrix, s.rule, clipName],
  );
  const compared = rows.flatMap((r) => (r.agreement ? [r.agreement] : []));
  const summary = agreementOverImages(compared);
  const generating = isGenerating(s.byImage, s.paused);

  return (
    <section className="describe" aria-label="Describe">
      <h2 className="visually-hidden">Describe</h2>
      <p>
        {generatorName} writes about each image: a caption, an answer to your question, the rest of a sentence you
        start. Beside it, the labels are scored both ways.
      </p>
      <SessionStatus
        status={s.status}
        name={generatorName}
        testId="generator-status"
        className="hint"
        live
        idle="The caption model starts when this view opens. It runs in its own worker on this device."
        readyNote={
          s.status.phase === 'ready' && (
            <>
              {' '}
              on{' '}
              <span data-testid="generator-backend" data-backend={s.status.model.backend}>
                {s.status.model.backend === 'webgpu' ? 'WebGPU' : 'WebAssembly'}
              </span>
              {s.status.model.notice && <span className="hint"> ({s.status.model.notice})</span>}
            </>
          )
        }
        onRetry={() => void retryDescribe()}
        onRestart={() => void retryDescribe()}
      />
      <DescribeControls
        question={s.question}
        prefix={s.prefix}
        beams={s.beams}
        generating={generating}
        speed={s.speed}
        onQuestion={s.setQuestion}
        onPrefix={s.setPrefix}
        onBeams={s.setBeams}
        onStop={() => stopGeneration()}
        onDescribeAgain={leftUndone(s.byImage, s.paused) ? () => describeAgain() : undefined}
      />
      {compared.length > 0 && (
        <p data-testid="strategy-summary" data-agree={summary.agree} data-total={summary.total}>
          {clipName} and {generatorName} agree on the top label for {summary.agree} of {countOf(summary.total, 'image')}
          .
        </p>
      )}
      <details className="why-differ">
        <summary>Why can the two charts differ?</summary>
        <p>
          CLIP matches: two encoders put the image and each label&rsquo;s prompt into one shared embedding space, and
          the closest prompt wins. The PrefixLM reads the image and the prompt&rsquo;s start as one sequence through one
          model, and scores each label by how likely it is to write that label next, the same way it writes captions.
        </p>
      </details>
      {s.images.length === 0 ? (
        <p className="hint">Drop images to have them described.</p>
      ) : (
        <ul className="ensemble-list">
          {rows.map(({ item, clip, agreement }) => (
            <DescribeCard
              key={item.id}
              item={item}
              state={s.byImage[item.id]}
              question={s.question}
              prefix={s.prefix}
              clip={clip}
              agreement={agreement}
            />
          ))}
        </ul>
      )}
      <DoneAnnouncer />
    </section>
  );
}
