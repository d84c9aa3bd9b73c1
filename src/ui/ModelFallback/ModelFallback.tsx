import { findModel, FALLBACK_MODEL_ID } from '../../model/catalogue/catalogue';
import { selectModel } from '../../store/model-loading';
import { useAppStore } from '../../store/store';
import { focusFirst, modelPicker } from '../focus/focus';

/** Says that the model host failed the model asked for, that the bundled shapes model runs instead, and what to do. */
export function ModelFallback() {
  const fallback = useAppStore((s) => s.fallback);
  const setFallback = useAppStore((s) => s.setFallback);
  if (!fallback) return null;
  // Both buttons end this notice: focus goes to the model picker under it.
  const then = (action: () => void) => () => {
    focusFirst(modelPicker());
    action();
  };
  const bundled = findModel(FALLBACK_MODEL_ID)!.name;
  // A model the user chose is named as it was chosen; the default is introduced as the real CLIP model.
  const what = fallback.explicit ? fallback.failedName : `The real CLIP model, ${fallback.failedName},`;
  return (
    <div
      className="notices model-fallback"
      role="alert"
      data-testid="model-fallback"
      data-failed-model={fallback.failedId}
    >
      <p>
        {what} could not be loaded from {fallback.host} and is not cached ({fallback.reason}), so Clipscope switched to{' '}
        {bundled}: it only knows coloured shapes, so real photos get no real answer.
      </p>
      <p>
        Check the internet connection and try again, set a mirror under &ldquo;Models and settings&rdquo;, or open a
        model folder from this computer there.
      </p>
      <button type="button" onClick={then(() => selectModel(fallback.failedId, fallback.explicit))}>
        Try {fallback.failedName} again
      </button>{' '}
      <button type="button" onClick={then(() => setFallback(undefined))}>
        Dismiss
      </button>
    </div>
  );
}
