import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { rewritePatchEmbedding } from '../../src/model/onnx/patch-embedding';
import { quantisePerSample } from '../../src/model/onnx/per-sample-quantisation';
import { MISSING_TWIN, TWIN_SMALL_DIR } from '../../tools/models/twin-reference';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const read = (path: string) => new Uint8Array(readFileSync(path));
const MINI = join(import.meta.dirname, '../../public/models/clipscope-mini/onnx');
const TWIN = join(TWIN_SMALL_DIR, 'onnx');

/** A seeded spread of values with a different range per sample, so batch-mates would change a shared scale. */
function samples(count: number, size: number, seed: number): Float32Array[] {
  let state = seed;
  return Array.from({ length: count }, (_, n) =>
    Float32Array.from({ length: size }, () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return ((state / 2 ** 31) * 2 - 1) * (0.5 + 3 * n);
    }),
  );
}

async function session(model: Uint8Array) {
  return ort.InferenceSession.create(model, { graphOptimizationLevel: 'all', intraOpNumThreads: 1 });
}

/** The outputs of `model` for each sample run alone, and for all samples in one batch (split per sample). */
async function aloneAndBatched(model: Uint8Array, inputs: Float32Array[], shape: number[], type = 'float32') {
  const s = await session(model);
  const run = async (data: Float32Array | BigInt64Array, count: number) => {
    const tensor = new ort.Tensor(type as 'float32', data as Float32Array, [count, ...shape]);
    const out = await s.run({ [s.inputNames[0]!]: tensor });
    return out[s.outputNames.at(-1)!]!.data as Float32Array;
  };
  const alone = [];
  for (const input of inputs) alone.push(Array.from(await run(input, 1)));
  const joined = new Float32Array(inputs.reduce((n, i) => n + i.length, 0));
  inputs.forEach((input, i) => joined.set(input, i * input.length));
  const all = await run(joined, inputs.length);
  const size = all.length / inputs.length;
  const batched = inputs.map((_, i) => Array.from(all.subarray(i * size, (i + 1) * size)));
  await s.release();
  return { alone, batched };
}

const maxDifference = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i]![j]!))));

describe('quantisePerSample', () => {
  for (const opset of [17, 18]) {
    it(`makes each sample's int8 result independent of its batch-mates (mixed weights, opset ${opset})`, async () => {
      const original = read(join(FIXTURES, `per-sample/mixed-weights-opset${opset}.onnx`));
      const result = quantisePerSample(original);
      expect(result).toMatchObject({ rewritten: 1, unhandled: 0 });
      const inputs = samples(4, 6 * 16, 7);
      const before = await aloneAndBatched(original, inputs, [6, 16]);
      const after = await aloneAndBatched(result.model, inputs, [6, 16]);
      // The defect: one scale for the whole batch moves a sample's result.
      expect(maxDifference(before.alone, before.batched)).toBeGreaterThan(1e-3);
      // Fixed: bit for bit what the sample gets alone, and what the original graph gives it alone.
      expect(after.batched).toEqual(after.alone);
      expect(maxDifference(after.alone, before.alone)).toBeLessThanOrEqual(1e-6);
      expect(after.alone.flat().some((v) => v !== 0)).toBe(true);
    });
  }

  it('leaves a DynamicQuantizeLinear that feeds a padded ConvInteger as it was, and counts it', () => {
    const original = read(join(FIXTURES, 'per-sample/padded-conv.onnx'));
    expect(quantisePerSample(original)).toEqual({ model: original, rewritten: 0, unhandled: 1 });
  });

  it('returns bytes that are not an ONNX model untouched', () => {
    const text = new TextEncoder().encode('<!doctype html>');
    expect(quantisePerSample(text).model).toBe(text);
  });

  it('rewrites every quantiser of a tiny ViT int8 image tower after the patch-embedding rewrite', async () => {
    const original = read(join(FIXTURES, 'int8-vit/onnx/vision_model_quantized.onnx'));
    const patched = rewritePatchEmbedding(original, 64);
    expect(patched.rewritten).toBe(1);
    const result = quantisePerSample(patched.model);
    expect(result).toMatchObject({ rewritten: 10, unhandled: 0 });
    const inputs = samples(5, 3 * 64 * 64, 3);
    const before = await aloneAndBatched(patched.model, inputs, [3, 64, 64]);
    const after = await aloneAndBatched(result.model, inputs, [3, 64, 64]);
    expect(maxDifference(before.alone, before.batched)).toBeGreaterThan(1e-4);
    expect(maxDifference(after.alone, after.batched)).toBeLessThanOrEqual(1e-6);
    expect(maxDifference(after.alone, before.alone)).toBeLessThanOrEqual(1e-5);
  });

  it("leaves the Mini's ConvNet image tower to run one image at a time (its ConvIntegers are padded)", () => {
    const result = quantisePerSample(read(join(MINI, 'vision_model_quantized.onnx')));
    expect(result.unhandled).toBeGreaterThan(0);
  });

  it("rewrites the Mini's int8 text tower completely", () => {
    expect(quantisePerSample(read(join(MINI, 'text_model_quantized.onnx')))).toMatchObject({ unhandled: 0 });
  });

  // The reduced-depth ViT-B/32 twin (npm run models:twin-small, made before the tests): real widths and patching.
  it('makes the ViT-B/32 twin batch-independent, text and vision', async () => {
    if (!existsSync(join(TWIN, 'vision_model_quantized.onnx'))) throw new Error(MISSING_TWIN);
    expect(quantisePerSample(read(join(TWIN, 'text_model_quantized.onnx')))).toMatchObject({ unhandled: 0 });
    const patched = rewritePatchEmbedding(read(join(TWIN, 'vision_model_quantized.onnx')), 224).model;
    const result = quantisePerSample(patched);
    expect(result.unhandled).toBe(0);
    const inputs = samples(3, 3 * 224 * 224, 9);
    const after = await aloneAndBatched(result.model, inputs, [3, 224, 224]);
    expect(maxDifference(after.alone, after.batched)).toBeLessThanOrEqual(1e-6);
  }, 120_000);
});
