import { switchToWasm } from '../../store/model-loading';
import { useAppStore } from '../../store/store';
import { loadedModel } from '../../store/model-status';

/** WebGPU forced (`?backend=webgpu`) onto a software adapter runs, but far slower than WASM: says so, one click away. */
export function SoftwareAdapterNotice() {
  const slow = useAppStore((s) => {
    const model = loadedModel(s.modelStatus)?.model;
    return model?.backend === 'webgpu' && model.softwareAdapter === true;
  });
  if (!slow) return null;
  return (
    <p className="notice" data-testid="software-adapter">
      This WebGPU adapter is a software renderer (no GPU): expect it to be 30-150x slower than WASM.{' '}
      <button type="button" onClick={() => void switchToWasm()}>
        Use WASM
      </button>
    </p>
  );
}
