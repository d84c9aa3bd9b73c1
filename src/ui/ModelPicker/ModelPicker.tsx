import { useId } from 'react';
import { CATALOGUE, findModel, type Dtype } from '../../model/catalogue';
import { loadModel, selectModel } from '../../store/controller';
import { useAppStore } from '../../store/store';

const DTYPE_LABEL: Record<Dtype, string> = { fp32: 'fp32', fp16: 'fp16', q8: 'int8 (q8)' };

export function ModelPicker() {
  const id = useId();
  const modelId = useAppStore((s) => s.modelId);
  const dtype = useAppStore((s) => s.dtype);
  const setDtype = useAppStore((s) => s.setDtype);
  const current = findModel(modelId);
  const models = CATALOGUE.some((m) => m.id === modelId) || !current ? CATALOGUE : [...CATALOGUE, current];
  return (
    <div className="model-picker">
      <label htmlFor={`${id}-model`}>Model</label>
      <select id={`${id}-model`} value={modelId} onChange={(e) => selectModel(e.target.value)}>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {(m.sizeMb.q8 ?? m.sizeMb.fp32) ? ` · ${m.sizeMb.q8 ?? m.sizeMb.fp32} MB+` : ''} · {m.speedClass}
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
