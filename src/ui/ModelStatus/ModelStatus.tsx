import { phaseLabel, phaseProgress, type LoadPhase } from '../../model/load-phase';
import { formatBytes, formatDuration, transferStats } from '../../model/transfer';
import { cancelDownload, loadModel, restartWorker } from '../../store/controller';
import { modelEntry } from '../../store/load-request';
import { useAppStore } from '../../store/store';
import { MemoryAdvice } from '../MemoryAdvice/MemoryAdvice';
import { VisibleText } from '../VisibleText/VisibleText';

/** Bytes, percent, speed and time left of a download, e.g. " 3.1 MB of 6.0 MB (52%), 1.2 MB/s, 3 s left". */
function downloadDetails(phase: LoadPhase, elapsedMs: number): string {
  if (phase.kind !== 'downloading' || phase.totalBytes <= 0) return '';
  const stats = transferStats(phase.loadedBytes, phase.totalBytes, elapsedMs);
  let text = ` ${formatBytes(phase.loadedBytes)} of ${formatBytes(phase.totalBytes)} (${stats.percent.toFixed(0)}%)`;
  if (phase.fromCache) return text;
  if (stats.bytesPerSecond > 0) text += `, ${formatBytes(stats.bytesPerSecond)}/s`;
  if (stats.secondsLeft !== undefined) text += `, ${formatDuration(stats.secondsLeft)} left`;
  return text;
}

/** The load's phase with a bar: bytes while downloading, towers while compiling, runs while warming up. */
function LoadProgress() {
  const phase = useAppStore((s) => s.loadPhase);
  const elapsedMs = useAppStore((s) => s.progressAt - s.downloadStartedAt);
  const progress = phaseProgress(phase);
  const downloading = phase.kind === 'downloading' && !phase.fromCache;
  return (
    <span className="progress-line">
      {phaseLabel(phase)}
      {downloadDetails(phase, elapsedMs)}…{' '}
      <progress
        max={progress?.max}
        value={progress?.value}
        aria-label={`Model loading: ${phaseLabel(phase)}`}
        data-testid="load-progress"
      />
      {downloading && (
        <button type="button" onClick={cancelDownload}>
          Cancel
        </button>
      )}
    </span>
  );
}

export function ModelStatus() {
  const state = useAppStore((s) => s.modelState);
  // Not a live region: it changes with every progress tick. The Announcer speaks the milestones.
  const phase = useAppStore((s) => s.loadPhase.kind);
  const error = useAppStore((s) => s.modelError);
  const stopped = useAppStore((s) => s.modelErrorKind === 'worker-stopped');
  const name = useAppStore((s) => modelEntry(s.modelId)?.name ?? s.modelId);
  const dtype = useAppStore((s) => s.model?.dtype);
  // The id of the model actually running; empty while none is.
  const runningId = useAppStore((s) => (s.modelState === 'ready' ? s.loadedModelId : undefined));
  const scoringNote = useAppStore((s) => (s.model?.configScoring?.kind === 'cosine' ? s.model.configScoring.note : ''));
  return (
    <div
      className="model-status"
      data-testid="model-status"
      data-state={state}
      data-model-id={runningId ?? ''}
      data-phase={state === 'loading' ? phase : state}
    >
      <strong>
        <VisibleText text={name} />
      </strong>{' '}
      {state === 'loading' && <LoadProgress />}
      {state === 'ready' && <span className="ok">ready{dtype && ` (${dtype})`}</span>}
      {state === 'ready' && scoringNote && (
        <span className="hint" data-testid="scoring-note">
          {' '}
          {scoringNote}
        </span>
      )}
      {state === 'error' && (
        <span className="error">
          {stopped ? 'stopped' : 'could not start'}: {error}{' '}
          <button type="button" onClick={() => void (stopped ? restartWorker() : loadModel())}>
            {stopped ? 'Restart' : 'Retry'}
          </button>{' '}
          <MemoryAdvice />
        </span>
      )}
    </div>
  );
}
