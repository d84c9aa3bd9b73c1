import { useSyncExternalStore } from 'react';
import '../site.css';
import { isolationState, subscribeIsolation } from '../../client/service-worker';
import { wasmThreadCount } from '../../shared/settings';
import { reloadKeepingSetup } from '../../store/share';
import { useAppStore } from '../../store/store';

const WHY_ONE: Record<string, string> = {
  unsupported: 'This page is not cross-origin isolated, so WASM runs on one thread.',
  installing: 'Setting up offline use; WASM threads turn on with the next load.',
  failed: 'This browser or host does not allow cross-origin isolation, so WASM runs on one thread.',
};

/** How many threads the WASM backend has, and how to get more when the host sends no isolation headers. */
export function ThreadsBadge() {
  const isolation = useSyncExternalStore(subscribeIsolation, isolationState);
  const model = useAppStore((s) => s.model);
  const threads =
    model?.backend === 'wasm' ? model.threads : wasmThreadCount(crossOriginIsolated, navigator.hardwareConcurrency);
  const why = threads > 1 ? 'Cross-origin isolated: ONNX Runtime runs WASM on several threads.' : WHY_ONE[isolation];
  return (
    <div className="threads">
      <span className="badge" data-testid="threads" data-threads={threads} title={why}>
        {threads > 1 ? `${threads} WASM threads` : 'WASM threads off'}
      </span>
      {isolation === 'reload-ready' && threads === 1 && (
        <button
          type="button"
          onClick={() => void reloadKeepingSetup()}
          title="Labels are kept; images must be added again"
        >
          Reload for threads
        </button>
      )}
      <span className="visually-hidden">{why}</span>
    </div>
  );
}
