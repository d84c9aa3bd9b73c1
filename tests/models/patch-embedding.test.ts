import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { readGraph, spliceGraph } from '../../src/model/onnx/graph-edit';
import { rewritePatchEmbedding } from '../../src/model/onnx/patch-embedding';
import { MISSING_TWIN, TWIN_SMALL_DIR } from '../../tools/models/twin-reference';

const FIXTURES = join(import.meta.dirname, '../fixtures/patch-embedding');
const MINI_VISION = join(import.meta.dirname, '../../public/models/clipscope-mini/onnx/vision_model_quantized.onnx');
// The 2-layer ViT-B/32 twin (npm run models:twin-small, which npm test runs first): the published int8 graph.
const TWIN_VISION = join(TWIN_SMALL_DIR, 'onnx/vision_model_quantized.onnx');

const ops = (model: Uint8Array) => {
  const text = Buffer.from(model.buffer, model.byteOffset, model.byteLength).toString('latin1');
  return { convInteger: text.includes('ConvInteger'), matMulInteger: text.includes('MatMulInteger') };
};

/** Runs a one-input model on `pixels` with onnxruntime-node and returns its first output. */
async function run(model: Uint8Array, pixels: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model);
  try {
    const output = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', pixels, dims) });
    return output[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

function randomPixels(length: number, seed: number): Float32Array {
  let state = seed;
  return Float32Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state / 2 ** 31) * 4 - 2;
  });
}

const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('rewritePatchEmbedding', () => {
  for (const name of ['int8', 'uint8-zero-131']) {
    it(`turns the ${name} patch ConvInteger into a MatMulInteger with the same output`, async () => {
      const original = new Uint8Array(readFileSync(join(FIXTURES, `${name}.onnx`)));
      const { model, rewritten } = rewritePatchEmbedding(original, 16);
      expect(rewritten).toBe(1);
      expect(ops(original)).toEqual({ convInteger: true, matMulInteger: false });
      expect(ops(model)).toEqual({ convInteger: false, matMulInteger: true });
      const dims = [3, 3, 16, 16];
      const pixels = randomPixels(3 * 3 * 16 * 16, 11);
      const expected = await run(original, pixels, dims);
      const actual = await run(model, pixels, dims);
      expect(actual.length).toBe(3 * 8 * 4 * 4);
      expect(maxDifference(actual, expected)).toBe(0); // the same integer sums, scaled the same way
      expect(Array.from(expected).some((v) => v !== 0)).toBe(true);
    });
  }

  it('leaves a model alone when the image edge is not a whole number of patches', () => {
    const original = new Uint8Array(readFileSync(join(FIXTURES, 'int8.onnx')));
    expect(rewritePatchEmbedding(original, 18)).toEqual({ model: original, rewritten: 0 });
  });

  it('leaves ordinary convolutions alone (the Mini: 3x3 kernels, padded, strides 1 and 2)', () => {
    const original = new Uint8Array(readFileSync(MINI_VISION));
    expect(ops(original).convInteger).toBe(true);
    const result = rewritePatchEmbedding(original, 64);
    expect(result.rewritten).toBe(0);
    expect(result.model).toBe(original);
  });

  it('returns bytes that are not an ONNX model untouched instead of throwing', () => {
    const text = new TextEncoder().encode('<!doctype html><p>Not found</p>');
    expect(rewritePatchEmbedding(text, 224).model).toBe(text);
    const cut = new Uint8Array(readFileSync(join(FIXTURES, 'int8.onnx'))).subarray(0, 500);
    expect(rewritePatchEmbedding(cut, 16).model).toBe(cut);
  });

  it('gives the published int8 graph of the ViT-B/32 twin the same embeddings', async () => {
    if (!existsSync(TWIN_VISION)) throw new Error(MISSING_TWIN);
    const original = new Uint8Array(readFileSync(TWIN_VISION));
    const start = performance.now();
    const { model, rewritten } = rewritePatchEmbedding(original, 224);
    console.log(`ViT-B/32 int8 vision tower rewritten in ${(performance.now() - start).toFixed(0)} ms`);
    expect(rewritten).toBe(1);
    const dims = [2, 3, 224, 224];
    const pixels = randomPixels(2 * 3 * 224 * 224, 5);
    const [expected, actual] = [await run(original, pixels, dims), await run(model, pixels, dims)];
    expect(actual.length).toBe(2 * 512);
    expect(maxDifference(actual, expected)).toBeLessThan(1e-5);
    console.log(`twin int8 tower: max |rewritten - published| ${maxDifference(actual, expected).toExponential(2)}`);
  }, 60_000);
});

describe('readGraph and spliceGraph', () => {
  it('read the fixture graph and write it back byte for byte when nothing is replaced', () => {
    const original = new Uint8Array(readFileSync(join(FIXTURES, 'int8.onnx')));
    const graph = readGraph(original)!;
    expect(graph.nodes.map((n) => n.opType)).toEqual(['DynamicQuantizeLinear', 'ConvInteger', 'Cast', 'Mul', 'Mul']);
    expect(graph.inputs).toEqual(new Set(['pixel_values']));
    expect(graph.initializers.get('W_q')).toMatchObject({ dims: [8, 3, 4, 4], dataType: 3 });
    expect(graph.nodes[1]!.attributes.get('strides')).toEqual([4, 4]);
    expect(Buffer.from(spliceGraph(graph, new Map(), []))).toEqual(Buffer.from(original));
  });
});
