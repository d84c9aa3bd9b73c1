import { describe, expect, it } from 'vitest';
import { FALLBACK_MODEL_ID, findModel } from './catalogue';
import { isOutOfMemory, memoryAdvice, outOfMemoryMessage } from './memory-advice';

describe('out-of-memory advice', () => {
  it("recognises ONNX Runtime's and the browser's out-of-memory errors, and nothing else", () => {
    expect(isOutOfMemory("Can't create a session. ERROR_CODE: 6, ERROR_MESSAGE: std::bad_alloc")).toBe(true);
    expect(isOutOfMemory('RangeError: Array buffer allocation failed')).toBe(true);
    expect(isOutOfMemory('WebAssembly.Memory.grow(): Maximum memory size exceeded')).toBe(true);
    expect(isOutOfMemory('Failed to fetch')).toBe(false);
    expect(isOutOfMemory('protobuf parsing failed')).toBe(false);
  });

  it('offers smaller weights of the same model, then the bundled model', () => {
    const b32 = findModel('Xenova/clip-vit-base-patch32')!;
    expect(memoryAdvice(b32, 'fp32')).toEqual({
      smallerDtype: 'q8',
      smallerDtypeWords: 'int8',
      smallerModelId: FALLBACK_MODEL_ID,
    });
    expect(memoryAdvice(b32, 'q8')).toEqual({ smallerModelId: FALLBACK_MODEL_ID });
    const mini = findModel(FALLBACK_MODEL_ID)!;
    expect(memoryAdvice(mini, 'fp32')).toEqual({ smallerDtype: 'q8', smallerDtypeWords: 'int8' });
    expect(memoryAdvice(mini, 'q8')).toEqual({});
  });

  it('says what happened and what to do', () => {
    expect(outOfMemoryMessage('Clipscope Mini', 'fp32')).toMatch(
      /not enough memory .* fp32 weights\. Close other tabs/,
    );
  });
});
