import { findModel } from '../../model/catalogue';
import { formatBytes, formatDuration, transferStats } from '../../model/transfer';
import { cancelDownload, loadModel } from '../../store/controller';
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
  const name = useAppStore((s) => findModel(s.modelId)?.name ?? s.modelId);
  const dtype = useAppStore((s) => s.model?.dtype);
  return (
    <div className="model-status" data-testid="model-status" data-state={state} aria-live="polite">
      <strong>
        <VisibleText text={name} />
      </strong>{' '}
      {state === 'loading' && <DownloadProgress />}
      {state === 'ready' && <span className="ok">ready{dtype && ` (${dtype})`}</span>}
      {state === 'error' && (
        <span role="alert" className="error">
          could not start: {error}{' '}
          <button type="button" onClick={() => void loadModel()}>
            Retry
          </button>{' '}
          <MemoryAdvice />
        </span>
      )}
    </div>
  );
}
