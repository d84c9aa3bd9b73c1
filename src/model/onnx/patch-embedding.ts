// Rewrites a quantised ViT's patch embedding (a ConvInteger whose stride equals its kernel, applied to the image)
// as cutting the image into patches and one MatMulInteger. The integer sums are the same, so the output is the
// same; but ONNX Runtime's WASM ConvInteger is far slower than its MatMulInteger (measured for ViT-B/32 int8 in one
// thread: 32 ms per image against 6 ms, a quarter of the whole tower; `npm run bench`).
import { encodeInt64Tensor, encodeNode, encodeTensor, readGraph, spliceGraph } from './graph-edit';
import type { GraphNode, GraphTensor, OnnxGraph } from './graph-edit';
import { concatBytes, type WireField } from './protobuf-wire';

const EIGHT_BIT_TYPES = new Set([2, 3]); // UINT8, INT8

export interface PatchEmbeddingRewrite {
  model: Uint8Array;
  /** How many ConvInteger nodes became MatMulInteger; 0 leaves `model` as it was given. */
  rewritten: number;
}

const every = (values: number[] | undefined, test: (v: number) => boolean) => (values ?? []).every(test);

/** The weight of `conv` if it is a patch embedding over an `imageEdge` px image that this rewrite can express. */
function patchWeight(conv: GraphNode, graph: OnnxGraph, imageEdge: number): GraphTensor | undefined {
  const weight = graph.initializers.get(conv.inputs[1] ?? '');
  const kernel = conv.attributes.get('kernel_shape');
  const source = graph.producers.get(conv.inputs[0] ?? '');
  const fromImage = source?.opType === 'DynamicQuantizeLinear' && graph.inputs.has(source.inputs[0] ?? '');
  if (!weight?.raw || !EIGHT_BIT_TYPES.has(weight.dataType) || weight.dims.length !== 4 || !fromImage) return;
  const [, , kernelHeight, kernelWidth] = weight.dims as [number, number, number, number];
  const matches =
    kernel?.[0] === kernelHeight &&
    kernel[1] === kernelWidth &&
    conv.attributes.get('strides')?.join() === kernel.join() &&
    every(conv.attributes.get('pads'), (p) => p === 0) &&
    every(conv.attributes.get('dilations'), (d) => d === 1) &&
    every(conv.attributes.get('group'), (g) => g === 1) &&
    !conv.attributes.has('auto_pad') &&
    imageEdge % kernelHeight === 0 &&
    imageEdge % kernelWidth === 0;
  return matches && weight.raw.length === weight.dims.reduce((a, b) => a * b, 1) ? weight : undefined;
}

/** The nodes and initialisers that compute what `conv` computed, from the same inputs into the same output. */
function replacement(conv: GraphNode, weight: GraphTensor, imageEdge: number) {
  const [outChannels, channels, kernelHeight, kernelWidth] = weight.dims as [number, number, number, number];
  const [rows, columns] = [imageEdge / kernelHeight, imageEdge / kernelWidth];
  const patchLength = channels * kernelHeight * kernelWidth;
  // The weight as [patch values, output channels]: the transpose of its [outChannels, patchLength] layout.
  const raw = weight.raw!;
  const transposed = new Uint8Array(raw.length);
  for (let o = 0; o < outChannels; o++) {
    for (let k = 0; k < patchLength; k++) transposed[k * outChannels + o] = raw[o * patchLength + k]!;
  }
  const id = (part: string) => `${conv.name || conv.outputs[0]}/patches_${part}`;
  const [x = '', , xZero = '', wZero = ''] = conv.inputs;
  const nodes = [
    // [N, C, H, W] -> [N, rows, columns, C, kh, kw] -> [N, patches, patch values]: each row one patch, in the
    // weight's own (C, kh, kw) order. Reshape's 0 keeps the batch size as it is.
    encodeNode('Reshape', id('split'), [x, id('split_shape')], [id('split')]),
    encodeNode('Transpose', id('order'), [id('split')], [id('order')], [0, 2, 4, 1, 3, 5]),
    encodeNode('Reshape', id('rows'), [id('order'), id('rows_shape')], [id('rows')]),
    encodeNode('MatMulInteger', id('matmul'), [id('rows'), id('weight'), xZero, wZero], [id('matmul')]),
    encodeNode('Transpose', id('channels'), [id('matmul')], [id('channels')], [0, 2, 1]),
    encodeNode('Reshape', id('grid'), [id('channels'), id('grid_shape')], [conv.outputs[0] ?? '']),
  ];
  const initializers = [
    encodeTensor(id('weight'), weight.dataType, [patchLength, outChannels], transposed),
    encodeInt64Tensor(id('split_shape'), [0, channels, rows, kernelHeight, columns, kernelWidth]),
    encodeInt64Tensor(id('rows_shape'), [0, rows * columns, patchLength]),
    encodeInt64Tensor(id('grid_shape'), [0, outChannels, rows, columns]),
  ];
  return { nodes, initializers };
}

function rewrite(model: Uint8Array, imageEdge: number): PatchEmbeddingRewrite | undefined {
  const graph = readGraph(model);
  const convs = graph?.nodes.filter((n) => n.opType === 'ConvInteger') ?? [];
  if (!graph || !convs.length) return undefined;
  const readers = new Map<string, number>();
  graph.nodes.forEach((n) => n.inputs.forEach((i) => readers.set(i, (readers.get(i) ?? 0) + 1)));
  const replaced = new Map<WireField, Uint8Array>();
  const added: Uint8Array[] = [];
  let count = 0;
  for (const conv of convs) {
    const weight = patchWeight(conv, graph, imageEdge);
    if (!weight) continue;
    count++;
    const { nodes, initializers } = replacement(conv, weight, imageEdge);
    // The new nodes stand where the ConvInteger stood, so the graph stays in topological order.
    replaced.set(conv.entry, concatBytes(nodes));
    added.push(...initializers);
    // The old weight goes, unless something else still reads it.
    if (readers.get(weight.name) === 1) replaced.set(weight.entry, new Uint8Array(0));
  }
  return count ? { model: spliceGraph(graph, replaced, added), rewritten: count } : undefined;
}

/**
 * Rewrites every patch-embedding ConvInteger of an ONNX model whose input images are `imageEdge` px square.
 * Anything it does not recognise, including bytes that are not an ONNX model, comes back untouched: ONNX Runtime
 * then reads the original and reports any problem with it in its own words.
 */
export function rewritePatchEmbedding(model: Uint8Array, imageEdge: number): PatchEmbeddingRewrite {
  try {
    return rewrite(model, imageEdge) ?? { model, rewritten: 0 };
  } catch {
    return { model, rewritten: 0 };
  }
}
