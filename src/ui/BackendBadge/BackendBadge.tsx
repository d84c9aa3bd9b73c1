import { useSyncExternalStore } from 'react';
import '../share-export-badge.css';
import { isolationState, subscribeIsolation, type IsolationState } from '../../client/service-worker-registration';
import { wasmThreadCount } from '../../shared/settings';
import type { BackendPreference, LoadedModel } from '../../shared/protocol';
import { reloadKeepingSetup } from '../../store/share-link-actions';
import { useAppStore } from '../../store/store';
import { loadedModel } from '../../store/model-status';

const WHY_ONE: Record<Exclude<IsolationState, 'isolated'>, string> = {
  unsupported: 'This page is not cross-origin isolated, so WASM runs on one thread.',
  installing: 'Setting up offline use; WASM threads turn on with the next load.',
  'reload-ready': 'Offline use is set up: a reload turns WASM threads on.',
  failed: 'This browser or host does not allow cross-origin isolation, so WASM runs on one thread.',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why the model runs where it runs. */
function whereWords(model: LoadedModel, preference: BackendPreference): string {
  const where = model.backend === 'webgpu' ? 'on the graphics card (WebGPU)' : 'on the processor (WebAssembly, WASM)';
  const why = preference === 'auto' ? 'chosen automatically' : `as the link asks (?backend=${preference})`;
  return `The model runs ${where}, ${why}.`;
}

/** Why WASM has the threads it has. */
function threadWords(threads: number, isolation: IsolationState): string {
  if (threads > 1) return `Cross-origin isolated: WASM runs on ${plural(threads, 'thread')}, one per processor core.`;
  return isolation === 'isolated'
    ? 'This device reports one processor core, so WASM runs on one thread.'
    : WHY_ONE[isolation];
}

/**
 * The one backend badge ("WASM · 2 threads" or "WebGPU"); a disclosure, so the reasons are one click or Enter away
 * for mouse, keyboard and touch alike.
 */
export function BackendBadge() {
  const isolation = useSyncExternalStore(subscribeIsolation, isolationState);
  const model = useAppStore((s) => loadedModel(s.modelStatus)?.model);
  const preference = useAppStore((s) => s.backendPreference);
  const threads =
    model?.backend === 'wasm' ? model.threads : wasmThreadCount(crossOriginIsolated, navigator.hardwareConcurrency);
  return (
    <div className="backend">
      {model && (
        <details className="backend-badge" data-testid="threads" data-threads={threads}>
          <summary className="badge" data-testid="backend" data-backend={model.backend}>
            {model.backend === 'webgpu' ? 'WebGPU' : `WASM · ${plural(threads, 'thread')}`}
            <span aria-hidden="true"> ▾</span>
          </summary>
          <div className="backend-details">
            <p>{whereWords(model, preference)}</p>
            <p>
              {model.backend === 'webgpu' && 'Were it to fall back to WASM: '}
              {threadWords(threads, isolation)}
            </p>
          </div>
        </details>
      )}
      {isolation === 'reload-ready' && threads === 1 && (
        <button
          type="button"
          onClick={() => void reloadKeepingSetup()}
          title="Labels are kept; images must be added again"
        >
          Reload for threads
        </button>
      )}
      {model?.notice && (
        <span className="notice" role="status">
          {model.notice}
        </span>
      )}
    </div>
  );
}
