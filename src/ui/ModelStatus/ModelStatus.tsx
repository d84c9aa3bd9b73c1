import { cancelDownload, loadModel, restartWorker } from '../../store/model-loading';
import { modelEntry } from '../../store/load-request';
import { runningModel } from '../../store/model-status';
import { useAppStore } from '../../store/store';
import { MemoryAdvice } from '../MemoryAdvice/MemoryAdvice';
import { SessionStatus } from '../SessionStatus/SessionStatus';

/** The main model's status line. Not a live region: it changes with every progress tick; the Announcer speaks. */
export function ModelStatus() {
  const status = useAppStore((s) => s.modelStatus);
  const modelId = useAppStore((s) => (s.modelStatus.phase === 'idle' ? s.modelId : s.modelStatus.modelId));
  const config = runningModel(status)?.configScoring;
  return (
    <SessionStatus
      status={status}
      name={modelEntry(modelId)?.name ?? modelId}
      testId="model-status"
      className="model-status"
      onRetry={() => void loadModel()}
      onRestart={() => void restartWorker()}
      onCancel={cancelDownload}
      lessMemory={(advice) => <MemoryAdvice advice={advice} />}
      readyNote={
        config?.kind === 'cosine' && (
          <span className="hint" data-testid="scoring-note">
            {' '}
            {config.note}
          </span>
        )
      }
    />
  );
}
