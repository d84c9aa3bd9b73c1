import type { Dtype } from './catalogue';

export interface DtypeChoice {
  dtype: Dtype;
  /** Why the dtype differs from what was asked for; empty when it does not. */
  notice: string;
}

export interface DtypeContext {
  backend: 'webgpu' | 'wasm';
  /** Dtypes the model's repo provides. */
  available: readonly Dtype[];
  /** The model's preferred dtype on WASM. */
  wasmDtype: Dtype;
  /** Whether the WebGPU adapter can run fp16 shaders. */
  shaderF16: boolean;
  /** The user's choice (settings or `?dtype=`), if any. */
  requested?: Dtype;
}

/**
 * WASM: the model's preferred dtype (int8 for the Hub CLIPs). WebGPU: fp16 where the adapter has shader-f16,
 * else fp32; never int8, which is wrong or slow there. A request is honoured when the backend and repo allow it.
 */
export function chooseDtype(context: DtypeContext): DtypeChoice {
  const { backend, available, requested } = context;
  const has = (d: Dtype) => available.includes(d);
  const fallback = (): Dtype => {
    if (backend === 'wasm') return has(context.wasmDtype) ? context.wasmDtype : 'fp32';
    return context.shaderF16 && has('fp16') ? 'fp16' : 'fp32';
  };
  if (!requested) return { dtype: fallback(), notice: '' };
  if (backend === 'webgpu' && requested === 'q8') {
    return { dtype: fallback(), notice: 'int8 (q8) runs badly on WebGPU, so the model uses a float type there.' };
  }
  if (backend === 'webgpu' && requested === 'fp16' && !context.shaderF16) {
    return { dtype: 'fp32', notice: 'This GPU cannot run fp16 shaders, so the model uses fp32.' };
  }
  if (!has(requested)) return { dtype: fallback(), notice: `This model has no ${requested} files.` };
  return { dtype: requested, notice: '' };
}

const DTYPES: readonly Dtype[] = ['fp32', 'fp16', 'q8'];

export function parseDtype(value: string | null | undefined): Dtype | undefined {
  return DTYPES.find((d) => d === value);
}
