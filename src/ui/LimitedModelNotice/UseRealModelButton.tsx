import { DEFAULT_MODEL_ID, findModel, type CatalogueModel } from '../../model/catalogue/catalogue';
import type { Backend } from '../../shared/protocol';
import { selectModel } from '../../store/model-loading';
import { useAppStore } from '../../store/store';
import { loadedModel } from '../../store/model-status';

/** The download the real model needs on this backend with automatic weights (int8 on WASM, fp16 on WebGPU). */
function downloadMb(model: CatalogueModel, backend: Backend | undefined): number | undefined {
  return backend === 'webgpu' ? (model.sizeMb.fp16 ?? model.sizeMb.fp32) : model.sizeMb[model.wasmDtype];
}

/** Loads the catalogue's default real CLIP model; the button names its download, so a click is consent to it. */
export function UseRealModelButton({ testId }: { testId: string }) {
  const backend = useAppStore((s) => loadedModel(s.modelStatus)?.model.backend);
  const setDtype = useAppStore((s) => s.setDtype);
  const real = findModel(DEFAULT_MODEL_ID)!;
  const size = downloadMb(real, backend);
  const useReal = () => {
    setDtype(undefined); // weights chosen for the Mini may not suit it: its own choice, whose size is shown
    selectModel(DEFAULT_MODEL_ID);
  };
  return (
    <button type="button" data-testid={testId} onClick={useReal}>
      Use a real CLIP model ({real.name}
      {size !== undefined ? `, ${size} MB` : ''})
    </button>
  );
}
