import { useEffect, useId, useRef, useState } from 'react';
import { cachedUrls } from '../../client/model-cache';
import { CATALOGUE, SPEED_WORDS, type CatalogueModel, type Dtype } from '../../model/catalogue/catalogue';
import { modelEntry } from '../../store/load-request';
import { chooseModel, downloadFor } from '../../store/model-choice';
import { appStore, useAppStore } from '../../store/store';
import { LoadChoice } from '../LoadChoice/LoadChoice';

/**
 * The model picker. Choosing (even with the arrow keys) loads at once only a model already on this device;
 * one that needs a download shows its size and waits for "Download and load".
 */
export function ModelPicker() {
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  const modelId = useAppStore((s) => s.modelId);
  const chosenId = useAppStore((s) => s.pendingChoice?.modelId ?? s.modelId);
  const dtype = useAppStore((s) => (s.pendingChoice ? s.pendingChoice.dtype : s.dtype));
  const phase = useAppStore((s) => s.modelStatus.phase);
  const hubHost = useAppStore((s) => s.hubHost);
  const waiting = useAppStore((s) => s.pendingChoice?.kind === 'needs-download' && s.pendingChoice.from === 'model');
  const [cached, setCached] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    void cachedUrls().then(setCached);
  }, [phase, hubHost]);
  const onDevice = (m: CatalogueModel) => downloadFor(appStore.getState(), m.id, dtype, cached) === undefined;
  const current = modelEntry(modelId);
  const models = CATALOGUE.some((m) => m.id === modelId) || !current ? CATALOGUE : [...CATALOGUE, current];
  return (
    <div className="model-picker">
      <label htmlFor={`${id}-model`}>Model</label>
      <select
        id={`${id}-model`}
        ref={select}
        data-testid="model-select"
        value={chosenId}
        aria-describedby={waiting ? `${id}-load` : undefined}
        onChange={(e) => void chooseModel(e.target.value)}
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {sizeText(m, dtype)} · {SPEED_WORDS[m.speedClass]} · {m.uncatalogued && 'not in the catalogue · '}
            {onDevice(m) ? 'available offline' : 'downloads on first use'}
          </option>
        ))}
      </select>
      <LoadChoice from="model" id={`${id}-load`} picker={select} />
    </div>
  );
}

/** The download the model needs with the chosen weights (by default those WASM uses), e.g. " · 152 MB (q8)". */
function sizeText(model: CatalogueModel, chosen: Dtype | undefined): string {
  const dtype = chosen && model.sizeMb[chosen] !== undefined ? chosen : model.wasmDtype;
  const megabytes = model.sizeMb[dtype];
  return megabytes === undefined ? '' : ` · ${megabytes} MB (${dtype})`;
}
