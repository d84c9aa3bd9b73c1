import { DEFAULT_MODEL } from '../../model/manifest';
import { loadModel } from '../../store/controller';
import { useAppStore } from '../../store/store';

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function ModelStatus() {
  const state = useAppStore((s) => s.modelState);
  const stage = useAppStore((s) => s.modelStage);
  const loaded = useAppStore((s) => s.loadedBytes);
  const total = useAppStore((s) => s.totalBytes);
  const error = useAppStore((s) => s.modelError);
  return (
    <div className="model-status" data-testid="model-status" data-state={state} aria-live="polite">
      <strong>{DEFAULT_MODEL.name}</strong>{' '}
      {state === 'loading' && (
        <span>
          {stage}
          {total > 0 && ` ${megabytes(loaded)} of ${megabytes(total)}`}…{' '}
          <progress max={total || undefined} value={total ? loaded : undefined} aria-label="Model loading progress" />
        </span>
      )}
      {state === 'ready' && <span className="ok">ready</span>}
      {state === 'error' && (
        <span role="alert" className="error">
          could not start: {error}{' '}
          <button type="button" onClick={() => void loadModel()}>
            Retry
          </button>
        </span>
      )}
    </div>
  );
}
