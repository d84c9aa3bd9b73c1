// Makes a dynamically quantised model (ONNX Runtime's quantize_dynamic pattern: DynamicQuantizeLinear ->
// MatMulInteger -> Cast -> Mul) quantise each sample of a batch on its own. DynamicQuantizeLinear takes one scale
// and zero point for the whole tensor, so an image's int8 embedding depended on which images shared its batch.
// The rewrite computes them per sample, exactly as ONNX Runtime does for the whole tensor (qmath.h,
// GetQuantizationParameter): min and max taken with 0, scale (max - min) / 255 (1 when equal), zero point
// round-half-even(clamp(0 - min / scale, 0, 255)); QuantizeLinear along axis 0 runs the same MLAS kernel as
// DynamicQuantizeLinear. ONNX Runtime's MatMulInteger takes only one zero point for its left input, so it runs
// with zero point 0 and each sample's zp * (column sums of the weight minus its zero point) is subtracted in int32:
// the same integers. The float rescale is untouched, so a sample in a batch gets exactly what it gets alone.
import { encodeInt64Tensor, encodeNode, encodeTensor, readGraph, spliceGraph } from './graph-edit';
import type { GraphNode, GraphTensor, NodeAttributes, OnnxGraph } from './graph-edit';
import { concatBytes, type WireField } from './protobuf-wire';

const TYPE = { float: 1, uint8: 2, int8: 3, int32: 6 } as const;
/** Per-axis QuantizeLinear needs opset 13. From opset 18 the reduce ops take their axes as an input. */
const MIN_OPSET = 13;
const AXES_AS_INPUT = 18;
const MAX_RANK = 8;

export interface PerSampleRewrite {
  model: Uint8Array;
  /** DynamicQuantizeLinear nodes now quantising per sample. */
  rewritten: number;
  /** DynamicQuantizeLinear nodes left as they were (their tower still mixes a batch's samples). */
  unhandled: number;
}

interface Plan {
  quantiser: GraphNode;
  /** The MatMulIntegers whose left input is the quantised tensor (directly or through batch-keeping reshapes). */
  products: { node: GraphNode; weight: GraphTensor; columnSums: Int32Array }[];
}

/** Each value's reading nodes. */
function readerIndex(graph: OnnxGraph): Map<string, GraphNode[]> {
  const index = new Map<string, GraphNode[]>();
  for (const node of graph.nodes)
    for (const input of new Set(node.inputs)) index.set(input, [...(index.get(input) ?? []), node]);
  return index;
}

/** Reshapes with a leading 0 and transposes that keep axis 0 leave the batch axis where it was. */
function keepsBatch(node: GraphNode, graph: OnnxGraph): boolean {
  if (node.opType === 'Transpose') return node.attributes.get('perm')?.[0] === 0;
  if (node.opType !== 'Reshape' || node.attributes.get('allowzero')?.[0] === 1) return false;
  const raw = graph.initializers.get(node.inputs[1] ?? '')?.raw;
  return (
    raw !== undefined && raw.length >= 8 && new DataView(raw.buffer, raw.byteOffset, 8).getBigInt64(0, true) === 0n
  );
}

/** Sum over each column k of (weight[k][j] - zero[j]), for a [K, N] int8 or uint8 weight. */
function columnSums(weight: GraphTensor, zero: GraphTensor | undefined): Int32Array | undefined {
  const [rows, columns] = weight.dims as [number, number];
  if (weight.dims.length !== 2 || !weight.raw || weight.raw.length !== rows * columns) return undefined;
  if (zero && (zero.dataType !== weight.dataType || !zero.raw || ![1, columns].includes(zero.raw.length))) return;
  const signed = weight.dataType === TYPE.int8;
  const value = (bytes: Uint8Array, i: number) => (signed ? (bytes[i]! << 24) >> 24 : bytes[i]!);
  const sums = new Int32Array(columns);
  for (let k = 0; k < rows; k++) for (let j = 0; j < columns; j++) sums[j]! += value(weight.raw, k * columns + j);
  for (let j = 0; j < columns; j++) sums[j]! -= rows * (zero ? value(zero.raw!, zero.raw!.length === 1 ? 0 : j) : 0);
  return sums;
}

/** What rewriting `quantiser` involves, or undefined when one of its outputs goes somewhere the rewrite cannot follow. */
function plan(quantiser: GraphNode, graph: OnnxGraph, readerMap: Map<string, GraphNode[]>): Plan | undefined {
  const readers = (value: string) => readerMap.get(value) ?? [];
  const [quantised = '', , zeroPoint = ''] = quantiser.outputs;
  const products: Plan['products'] = [];
  const follow = (value: string): boolean =>
    readers(value).every((node) => {
      if (node.opType !== 'MatMulInteger')
        return keepsBatch(node, graph) && node.inputs[0] === value && follow(node.outputs[0]!);
      const weight = graph.initializers.get(node.inputs[1] ?? '');
      const zero = node.inputs[3] ? graph.initializers.get(node.inputs[3]) : undefined;
      const sums = weight && (!node.inputs[3] || zero) ? columnSums(weight, zero) : undefined;
      if (node.inputs[0] !== value || node.inputs[2] !== zeroPoint || !sums) return false;
      products.push({ node, weight: weight!, columnSums: sums });
      return true;
    });
  if (!follow(quantised) || !products.length) return undefined;
  const zeroReaders = readers(zeroPoint);
  return zeroReaders.every((n) => products.some((p) => p.node === n)) ? { quantiser, products } : undefined;
}

const floatScalar = (name: string, value: number) =>
  encodeTensor(name, TYPE.float, [], new Uint8Array(new Float32Array([value]).buffer));

/** Nodes and initialisers that quantise `x` per sample into the quantiser's three outputs (scale as [N, 1, ...]). */
function perSampleQuantiser({ quantiser }: Plan, opset: number, id: (part: string) => string) {
  const [x = ''] = quantiser.inputs;
  const [quantised = '', scale = ''] = quantiser.outputs;
  const reduce = (op: string, output: string) =>
    opset >= AXES_AS_INPUT
      ? encodeNode(op, id(output), [id('flat'), id('axis1')], [id(output)], { keepdims: 0 })
      : encodeNode(op, id(output), [id('flat')], [id(output)], { axes: [1], keepdims: 0 });
  // '@name' is a value of this rewrite, '=name' an output that keeps its original name.
  const node = (op: string, inputs: string[], output: string, attributes: NodeAttributes = {}) =>
    encodeNode(
      op,
      id(output),
      inputs.map((i) => (i.startsWith('@') ? id(i.slice(1)) : i)),
      [output.startsWith('=') ? output.slice(1) : id(output)],
      attributes,
    );
  const nodes = [
    node('Reshape', [x, '@flat_shape'], 'flat'),
    reduce('ReduceMin', 'low'),
    reduce('ReduceMax', 'high'),
    node('Min', ['@low', '@zero'], 'min'),
    node('Max', ['@high', '@zero'], 'max'),
    node('Sub', ['@max', '@min'], 'range'),
    node('Div', ['@range', '@qmax'], 'step'),
    node('Equal', ['@max', '@min'], 'flat_range'),
    node('Where', ['@flat_range', '@one', '@step'], 'scale'),
    node('Div', ['@min', '@scale'], 'min_steps'),
    node('Sub', ['@zero', '@min_steps'], 'initial_zero'),
    node('Min', ['@qmax', '@initial_zero'], 'below_top'),
    node('Max', ['@zero', '@below_top'], 'clamped_zero'),
    node('Round', ['@clamped_zero'], 'rounded_zero'),
    node('Cast', ['@rounded_zero'], 'zero_point', { to: TYPE.uint8 }),
    node('QuantizeLinear', [x, '@scale', '@zero_point'], `=${quantised}`, { axis: 0 }),
    // The scale as [N, 1, ...] of x's rank, so it scales each sample's products (of the same rank) on its own.
    node('Shape', [x], 'shape'),
    node('Shape', ['@shape'], 'rank'),
    node('Slice', ['@keep_shape_all', '@start', '@rank'], 'keep_shape'),
    node('Reshape', ['@scale', '@keep_shape'], `=${scale}`),
  ];
  const initializers = [
    encodeInt64Tensor(id('flat_shape'), [0, -1]),
    ...(opset >= AXES_AS_INPUT ? [encodeInt64Tensor(id('axis1'), [1])] : []),
    encodeInt64Tensor(id('start'), [0]),
    encodeInt64Tensor(id('keep_shape_all'), [-1, ...Array<number>(MAX_RANK - 1).fill(1)]),
    floatScalar(id('zero'), 0),
    floatScalar(id('one'), 1),
    floatScalar(id('qmax'), 255),
  ];
  return { nodes, initializers };
}

/** A MatMulInteger with left zero point 0, minus each sample's zero point times the weight's column sums. */
function correctedProduct(product: Plan['products'][number], zeroPoint: string, id: (part: string) => string) {
  const { node, columnSums: sums } = product;
  const [a = '', b = '', , bZero = ''] = node.inputs;
  const nodes = [
    encodeNode('MatMulInteger', id('raw'), [a, b, id('no_zero'), bZero], [id('raw')]),
    encodeNode('Shape', id('shape'), [a], [id('shape')]),
    encodeNode('Shape', id('rank'), [id('shape')], [id('rank')]),
    encodeNode('Slice', id('keep_shape'), [id('keep_shape_all'), id('start'), id('rank')], [id('keep_shape')]),
    encodeNode('Reshape', id('zero'), [zeroPoint, id('keep_shape')], [id('zero')]),
    encodeNode('Cast', id('zero32'), [id('zero')], [id('zero32')], { to: TYPE.int32 }),
    encodeNode('Mul', id('offset'), [id('zero32'), id('column_sums')], [id('offset')]),
    encodeNode('Sub', id('corrected'), [id('raw'), id('offset')], [node.outputs[0] ?? '']),
  ];
  const initializers = [
    encodeTensor(id('no_zero'), TYPE.uint8, [], new Uint8Array([0])),
    encodeTensor(id('column_sums'), TYPE.int32, [sums.length], new Uint8Array(sums.buffer)),
    encodeInt64Tensor(id('start'), [0]),
    encodeInt64Tensor(id('keep_shape_all'), [-1, ...Array<number>(MAX_RANK - 1).fill(1)]),
  ];
  return { nodes, initializers };
}

function rewrite(model: Uint8Array): PerSampleRewrite {
  const graph = readGraph(model);
  const quantisers = graph?.nodes.filter((n) => n.opType === 'DynamicQuantizeLinear') ?? [];
  if (!graph || !quantisers.length) return { model, rewritten: 0, unhandled: 0 };
  const readerMap = readerIndex(graph);
  const plans = graph.opset >= MIN_OPSET ? quantisers.map((q) => plan(q, graph, readerMap)) : [];
  const replaced = new Map<WireField, Uint8Array>();
  const added: Uint8Array[] = [];
  plans.forEach((p, index) => {
    if (!p) return;
    const prefix = `${p.quantiser.name || p.quantiser.outputs[0]}/per_sample_${index}`;
    const quantiser = perSampleQuantiser(p, graph.opset, (part) => `${prefix}/${part}`);
    replaced.set(p.quantiser.entry, concatBytes(quantiser.nodes));
    added.push(...quantiser.initializers);
    p.products.forEach((product, k) => {
      const { nodes, initializers } = correctedProduct(
        product,
        `${prefix}/zero_point`,
        (part) => `${prefix}/mm${k}/${part}`,
      );
      replaced.set(product.node.entry, concatBytes(nodes));
      added.push(...initializers);
    });
  });
  const rewritten = plans.filter(Boolean).length;
  const unhandled = quantisers.length - rewritten;
  return rewritten
    ? { model: spliceGraph(graph, replaced, added), rewritten, unhandled }
    : { model, rewritten, unhandled };
}

/**
 * Rewrites every DynamicQuantizeLinear of an ONNX model that feeds only MatMulIntegers with constant weights to
 * quantise each sample (axis 0) on its own. Bytes that are not an ONNX model come back untouched.
 */
export function quantisePerSample(model: Uint8Array): PerSampleRewrite {
  try {
    return rewrite(model);
  } catch {
    return { model, rewritten: 0, unhandled: 0 };
  }
}
