import { useAppStore } from '../../store/store';

export function BackendBadge() {
  const model = useAppStore((s) => s.model);
  if (!model) return null;
  const label =
    model.backend === 'webgpu' ? 'WebGPU' : `WASM, ${model.threads} thread${model.threads === 1 ? '' : 's'}`;
  return (
    <div className="backend">
      <span className="badge" data-testid="backend" data-backend={model.backend} title="Where the model runs">
        {label}
      </span>
      {model.notice && (
        <span className="notice" role="status">
          {model.notice}
        </span>
      )}
    </div>
  );
}
