import { useEffect, useId, useState } from 'react';
import { listCachedModels } from '../../client/model-cache';
import { CATALOGUE, findModel, type CatalogueModel, type Dtype } from '../../model/catalogue';
import { repoUrl } from '../../shared/hub-host';
import { loadModel, selectModel } from '../../store/controller';
import { useAppStore } from '../../store/store';

const DTYPE_LABEL: Record<Dtype, string> = { fp32: 'fp32', fp16: 'fp16', q8: 'int8 (q8)' };

export function ModelPicker() {
  const id = useId();
  const modelId = useAppStore((s) => s.modelId);
  const dtype = useAppStore((s) => s.dtype);
  const setDtype = useAppStore((s) => s.setDtype);
  const hubHost = useAppStore((s) => s.hubHost);
  const modelState = useAppStore((s) => s.modelState);
  const [cachedFolders, setCachedFolders] = useState<string[]>([]);
  useEffect(() => {
    void listCachedModels().then((models) => setCachedFolders(models.map((m) => m.folder)));
  }, [modelState]);
  const downloaded = (m: CatalogueModel) =>
    m.bundledPath !== undefined || cachedFolders.includes(repoUrl(hubHost, m.id, m.revision));
  const current = findModel(modelId);
  const models = CATALOGUE.some((m) => m.id === modelId) || !current ? CATALOGUE : [...CATALOGUE, current];
  return (
    <div className="model-picker">
      <label htmlFor={`${id}-model`}>Model</label>
      <select id={`${id}-model`} value={modelId} onChange={(e) => selectModel(e.target.value)}>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {sizeText(m, dtype)} · {m.speedClass} · {downloaded(m) ? 'available offline' : 'downloads on first use'}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-dtype`}>Weights</label>
      <select
        id={`${id}-dtype`}
        value={dtype ?? 'auto'}
        onChange={(e) => {
          setDtype(e.target.value === 'auto' ? undefined : (e.target.value as Dtype));
          void loadModel();
        }}
      >
        <option value="auto">automatic</option>
        {(['fp32', 'fp16', 'q8'] as const).map((d) => (
          <option key={d} value={d}>
            {DTYPE_LABEL[d]}
          </option>
        ))}
      </select>
      {current && (
        <span className="hint">
          {current.family} · licence: {current.licence}
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
