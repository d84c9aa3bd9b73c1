import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { listCachedModels } from '../../client/model-cache';
import { CATALOGUE, SPEED_WORDS, type CatalogueModel, type Dtype } from '../../model/catalogue';
import { repoUrl } from '../../shared/hub-host';
import { selectDtype, selectModel } from '../../store/controller';
import { modelEntry } from '../../store/load-request';
import { useAppStore, type AppState } from '../../store/store';

const DTYPE_LABEL: Record<Dtype, string> = { fp32: 'fp32', fp16: 'fp16', q8: 'int8 (q8)' };
const DTYPE_ORDER: readonly Dtype[] = ['fp32', 'fp16', 'q8'];

/**
 * The weights the picker offers: those the loaded model has (for a model outside the catalogue, the files found),
 * else the catalogue's; while a model loads, the requested weights too, so the picker never shows a blank.
 */
function offeredDtypes(state: AppState, current: CatalogueModel | undefined): Dtype[] {
  const known = state.model?.dtypes ?? (current ? (Object.keys(current.sizeMb) as Dtype[]) : []);
  const offered = new Set<Dtype>(known);
  if (state.modelState !== 'ready' && state.dtype) offered.add(state.dtype);
  return DTYPE_ORDER.filter((d) => offered.has(d));
}

export function ModelPicker() {
  const id = useId();
  const modelId = useAppStore((s) => s.modelId);
  const dtype = useAppStore((s) => s.dtype);
  const running = useAppStore((s) => s.model?.dtype);
  const hubHost = useAppStore((s) => s.hubHost);
  const modelState = useAppStore((s) => s.modelState);
  const current = modelEntry(modelId);
  const dtypes = useAppStore(useShallow((s) => offeredDtypes(s, current)));
  const [cachedFolders, setCachedFolders] = useState<string[]>([]);
  useEffect(() => {
    void listCachedModels().then((models) => setCachedFolders(models.map((m) => m.folder)));
  }, [modelState]);
  const downloaded = (m: CatalogueModel) =>
    m.bundledPath !== undefined || cachedFolders.includes(repoUrl(hubHost, m.id, m.revision));
  const models = CATALOGUE.some((m) => m.id === modelId) || !current ? CATALOGUE : [...CATALOGUE, current];
  return (
    <div className="model-picker">
      <label htmlFor={`${id}-model`}>Model</label>
      <select
        id={`${id}-model`}
        data-testid="model-select"
        value={modelId}
        onChange={(e) => selectModel(e.target.value)}
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {sizeText(m, dtype)} · {SPEED_WORDS[m.speedClass]} · {m.uncatalogued && 'not in the catalogue · '}
            {downloaded(m) ? 'available offline' : 'downloads on first use'}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-dtype`}>Weights</label>
      <select
        id={`${id}-dtype`}
        data-testid="dtype-select"
        value={dtype ?? 'auto'}
        onChange={(e) => selectDtype(e.target.value === 'auto' ? undefined : (e.target.value as Dtype))}
      >
        <option value="auto">automatic{!dtype && running ? ` (${DTYPE_LABEL[running]})` : ''}</option>
        {dtypes.map((d) => (
          <option key={d} value={d}>
            {DTYPE_LABEL[d]}
          </option>
        ))}
      </select>
      {current && (
        <span className="hint">
          {current.uncatalogued ? 'Not in the catalogue: scored as its config.json says' : current.family} · licence:{' '}
          {current.licence}
          {current.scoring === 'sigmoid' && ' · scores are independent probabilities per label, not a softmax'}
        </span>
      )}
    </div>
  );
}

/** The download the model needs with the chosen weights (by default those WASM uses), e.g. " · 152 MB (q8)". */
function sizeText(model: CatalogueModel, chosen: Dtype | undefined): string {
  const dtype = chosen && model.sizeMb[chosen] !== undefined ? chosen : model.wasmDtype;
  const megabytes = model.sizeMb[dtype];
  return megabytes === undefined ? '' : ` · ${megabytes} MB (${dtype})`;
}
