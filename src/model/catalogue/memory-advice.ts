// Out-of-memory while starting a model: recognised from ONNX Runtime's and the browser's words for it, and
// answered with what would need less memory (smaller weights of the same model, or the bundled small model).
import { FALLBACK_MODEL_ID, type CatalogueModel, type Dtype } from './catalogue';

// std::bad_alloc from ONNX Runtime's WASM heap, RangeErrors from the JS engine, GPU buffer allocation failures.
const OUT_OF_MEMORY =
  /bad_alloc|out of memory|\bOOM\b|Maximum memory size|Array buffer allocation failed|Cannot enlarge memory|(could not|failed to) allocate/i;
const SMALLEST_FIRST: readonly Dtype[] = ['q8', 'fp16', 'fp32'];
const DTYPE_WORDS: Record<Dtype, string> = { q8: 'int8', fp16: 'fp16', fp32: 'fp32' };

export interface MemoryAdvice {
  /** Smaller weights of the same model, if it has any. */
  smallerDtype?: Dtype;
  smallerDtypeWords?: string;
  /** The bundled small model, unless it is the one that failed. */
  smallerModelId?: string;
}

export const isOutOfMemory = (message: string) => OUT_OF_MEMORY.test(message);

export function memoryAdvice(model: CatalogueModel, attempted: Dtype): MemoryAdvice {
  const smallerDtype = SMALLEST_FIRST.slice(0, SMALLEST_FIRST.indexOf(attempted)).find(
    (d) => model.sizeMb[d] !== undefined,
  );
  return {
    smallerDtype,
    smallerDtypeWords: smallerDtype && DTYPE_WORDS[smallerDtype],
    smallerModelId: model.id === FALLBACK_MODEL_ID ? undefined : FALLBACK_MODEL_ID,
  };
}

export function outOfMemoryMessage(modelName: string, attempted: Dtype): string {
  return (
    `there is not enough memory to start ${modelName} with ${DTYPE_WORDS[attempted]} weights. Close other tabs ` +
    'or apps and retry, or choose something smaller below.'
  );
}
