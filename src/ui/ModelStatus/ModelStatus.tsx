import { formatBytes, formatDuration, transferStats } from '../../model/transfer';
import { cancelDownload, loadModel, restartWorker } from '../../store/controller';
import { modelEntry } from '../../store/load-request';
import { useAppStore } from '../../store/store';
import { MemoryAdvice } from '../MemoryAdvice/MemoryAdvice';
import { VisibleText } from '../VisibleText/VisibleText';

function DownloadProgress() {
  const stage = useAppStore((s) => s.modelStage);
  const loaded = useAppStore((s) => s.loadedBytes);
  const total = useAppStore((s) => s.totalBytes);
  const elapsedMs = useAppStore((s) => s.progressAt - s.downloadStartedAt);
  const downloading = stage === 'Downloading model' && total > 0;
  const stats = transferStats(loaded, total, elapsedMs);
  return (
    <span className="progress-line">
      {stage}
      {total > 0 && ` ${formatBytes(loaded)} of ${formatBytes(total)} (${stats.percent.toFixed(0)}%)`}
      {downloading && stats.bytesPerSecond > 0 && `, ${formatBytes(stats.bytesPerSecond)}/s`}
      {downloading && stats.secondsLeft !== undefined && `, ${formatDuration(stats.secondsLeft)} left`}…{' '}
      <progress max={total || undefined} value={total ? loaded : undefined} aria-label="Model loading progress" />
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
      aria-live="polite"
    >
      <strong>
        <VisibleText text={name} />
      </strong>{' '}
      {state === 'loading' && <DownloadProgress />}
      {state === 'ready' && <span className="ok">ready{dtype && ` (${dtype})`}</span>}
      {state === 'ready' && scoringNote && (
        <span className="hint" data-testid="scoring-note">
          {' '}
          {scoringNote}
        </span>
      )}
      {state === 'error' && (
        <span role="alert" className="error">
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
