import { useId, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CatalogueModel, Dtype } from '../../model/catalogue/catalogue';
import { modelEntry } from '../../store/load-request';
import { chooseWeights } from '../../store/model-choice';
import { useAppStore, type AppState } from '../../store/store';
import { LoadChoice } from '../LoadChoice/LoadChoice';
import { loadedModel } from '../../store/model-status';

const DTYPE_LABEL: Record<Dtype, string> = { fp32: 'fp32', fp16: 'fp16', q8: 'int8 (q8)' };
const DTYPE_ORDER: readonly Dtype[] = ['fp32', 'fp16', 'q8'];

/**
 * The weights offered for the chosen model: those it has (for a model outside the catalogue, the files found when
 * it ran), else the catalogue's; the weights asked for too, so the picker never shows a blank.
 */
function offeredDtypes(state: AppState, modelId: string, chosen: Dtype | undefined): Dtype[] {
  const listed = Object.keys(modelEntry(modelId)?.sizeMb ?? {}) as Dtype[];
  const loaded = loadedModel(state.modelStatus);
  const offered = new Set<Dtype>(loaded?.modelId === modelId ? loaded.model.dtypes : listed);
  if (chosen) offered.add(chosen);
  return DTYPE_ORDER.filter((d) => offered.has(d));
}

/** "Models and settings": the weights of the chosen model (a download waits for "Download and load"), its licence. */
export function WeightsPicker() {
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  const modelId = useAppStore((s) => s.pendingChoice?.modelId ?? s.modelId);
  const dtype = useAppStore((s) => (s.pendingChoice ? s.pendingChoice.dtype : s.dtype));
  const running = useAppStore((s) => {
    const loaded = loadedModel(s.modelStatus);
    return loaded?.modelId === modelId ? loaded.model.dtype : undefined;
  });
  const dtypes = useAppStore(useShallow((s) => offeredDtypes(s, modelId, dtype)));
  const waiting = useAppStore((s) => s.pendingChoice?.kind === 'needs-download' && s.pendingChoice.from === 'weights');
  const model = modelEntry(modelId);
  return (
    <div className="weights-picker">
      <label htmlFor={`${id}-dtype`}>Weights</label>
      <select
        id={`${id}-dtype`}
        ref={select}
        data-testid="dtype-select"
        value={dtype ?? 'auto'}
        aria-describedby={waiting ? `${id}-load` : undefined}
        onChange={(e) => void chooseWeights(e.target.value === 'auto' ? undefined : (e.target.value as Dtype))}
      >
        <option value="auto">automatic{!dtype && running ? ` (${DTYPE_LABEL[running]})` : ''}</option>
        {dtypes.map((d) => (
          <option key={d} value={d}>
            {DTYPE_LABEL[d]}
          </option>
        ))}
      </select>
      <LoadChoice from="weights" id={`${id}-load`} picker={select} />
      {model && <p className="hint">{aboutModel(model)}</p>}
    </div>
  );
}

function aboutModel(model: CatalogueModel): string {
  const family = model.uncatalogued ? 'Not in the catalogue: scored as its config.json says' : model.family;
  const scoring = model.scoring === 'sigmoid' ? ' · scores are independent probabilities per label, not a softmax' : '';
  return `${model.name}: ${family} · licence: ${model.licence}${scoring}`;
}
