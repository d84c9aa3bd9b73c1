import { findModel } from '../../model/catalogue/catalogue';
import type { MemoryAdvice as Advice } from '../../model/catalogue/memory-advice';
import { selectDtype, selectModel } from '../../store/model-loading';

/** After the model ran out of memory while starting: one button per smaller choice. */
export function MemoryAdvice({ advice }: { advice: Advice }) {
  if (!advice.smallerDtype && !advice.smallerModelId) return null;
  const smallerModel = advice.smallerModelId && findModel(advice.smallerModelId);
  return (
    <span className="memory-advice" data-testid="memory-advice">
      {advice.smallerDtype && (
        <button type="button" onClick={() => selectDtype(advice.smallerDtype!)}>
          Use smaller {advice.smallerDtypeWords} weights
        </button>
      )}
      {smallerModel && (
        <button type="button" onClick={() => selectModel(smallerModel.id)}>
          Use {smallerModel.name}
        </button>
      )}
    </span>
  );
}
