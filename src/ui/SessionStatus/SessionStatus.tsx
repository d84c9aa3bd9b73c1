import type { ReactNode } from 'react';
import { phaseLabel, phaseProgress, type LoadPhase } from '../../shared/load-phase';
import { formatBytes, formatDuration, transferStats } from '../../shared/transfer-format';
import type { MemoryAdvice } from '../../model/catalogue/memory-advice';
import type { KindLoaded } from '../../shared/protocol';
import { errorWords, runningModelId, statusStep, type ModelStatus } from '../../store/model-status';
import { VisibleText } from '../VisibleText/VisibleText';

/** Bytes, percent, speed and time left of a download, e.g. " 3.1 MB of 6.0 MB (52%), 1.2 MB/s, 3 s left". */
function downloadDetails(step: LoadPhase, elapsedMs: number): string {
  if (step.kind !== 'downloading' || step.totalBytes <= 0) return '';
  const stats = transferStats(step.loadedBytes, step.totalBytes, elapsedMs);
  let text = ` ${formatBytes(step.loadedBytes)} of ${formatBytes(step.totalBytes)} (${stats.percent.toFixed(0)}%)`;
  if (step.fromCache) return text;
  if (stats.bytesPerSecond > 0) text += `, ${formatBytes(stats.bytesPerSecond)}/s`;
  if (stats.secondsLeft !== undefined) text += `, ${formatDuration(stats.secondsLeft)} left`;
  return text;
}

type Loading = Extract<ModelStatus, { phase: 'loading' }>;

/** Any kind of loaded model the status can name: CLIP's, the generator's. */
type Shown = KindLoaded & { threads: number; dtype: string };

/** The load's step with a bar: bytes while downloading, towers while compiling, runs while warming up. */
function LoadProgress({ status, name, onCancel }: { status: Loading; name: string; onCancel?: () => void }) {
  const { step } = status;
  const progress = phaseProgress(step);
  return (
    <span className="progress-line">
      {phaseLabel(step)}
      {downloadDetails(step, status.updatedAt - status.startedAt)}…{' '}
      <progress
        max={progress?.max}
        value={progress?.value}
        aria-label={`${name} loading: ${phaseLabel(step)}`}
        data-testid="load-progress"
      />
      {onCancel && step.kind === 'downloading' && !step.fromCache && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </span>
  );
}

export interface SessionStatusProps<L extends Shown> {
  status: ModelStatus<L>;
  /** The model's name as shown (a catalogue name, a repo id, a folder). */
  name: string;
  testId: string;
  /** What the idle phase says (how to start a session). */
  idle?: ReactNode;
  /** What the ready phase says in place of "<name> ready (<dtype>)". */
  ready?: ReactNode;
  /** Said after "<name> ready (<dtype>)" (how the model scores, when that needs saying). */
  readyNote?: ReactNode;
  /** Handlers for what an error offers, and for stopping a download; without a handler there is no button. */
  onRetry?: () => void;
  onRestart?: () => void;
  onCancel?: () => void;
  /** The choices that need less memory, after an out-of-memory error. */
  lessMemory?: (advice: MemoryAdvice) => ReactNode;
  /** A live region whose errors are alerts (the comparison); the main status leaves speaking to the Announcer. */
  live?: boolean;
  className?: string;
}

/** Any model session's status: the same phase labels, bar and error actions for the main model and the comparison. */
export function SessionStatus<L extends Shown>(props: SessionStatusProps<L>) {
  const { status, name, live = false } = props;
  const title = (
    <strong>
      <VisibleText text={name} />
    </strong>
  );
  return (
    <div
      className={props.className}
      data-testid={props.testId}
      data-state={status.phase}
      data-phase={statusStep(status)}
      data-model-id={runningModelId(status) ?? ''}
      aria-live={live ? 'polite' : undefined}
      // Progress ticks are not read out one by one: the region speaks once the load ends.
      aria-busy={live && status.phase === 'loading' ? true : undefined}
    >
      {status.phase === 'idle' && props.idle}
      {status.phase === 'loading' && (
        <>
          {title} <LoadProgress status={status} name={name} onCancel={props.onCancel} />
        </>
      )}
      {status.phase === 'ready' &&
        (props.ready ?? (
          <>
            {title} <span className="ok">ready ({status.model.dtype})</span>
            {props.readyNote}
          </>
        ))}
      {status.phase === 'error' && (
        <>
          {title}{' '}
          <span className="error" role={live ? 'alert' : undefined}>
            {errorWords(status.kind)}: {status.message}{' '}
            {status.actions.includes('retry') && props.onRetry && (
              <button type="button" onClick={props.onRetry}>
                Retry
              </button>
            )}
            {status.actions.includes('restart') && props.onRestart && (
              <button type="button" onClick={props.onRestart}>
                Restart
              </button>
            )}{' '}
            {status.actions.includes('use-less-memory') &&
              status.memoryAdvice &&
              props.lessMemory?.(status.memoryAdvice)}
          </span>
        </>
      )}
    </div>
  );
}
