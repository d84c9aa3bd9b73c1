// Rewrites a quantised ViT's patch embedding (a ConvInteger whose stride equals its kernel, applied to the image)
// as cutting the image into patches and one MatMulInteger. The integer sums are the same, so the output is the
// same; but ONNX Runtime's WASM ConvInteger is far slower than its MatMulInteger (measured for ViT-B/32 int8 in one
// thread: 32 ms per image against 6 ms, a quarter of the whole tower; `npm run bench`).
import {
  concatBytes,
  encodeMessage,
  fieldBytes,
  fieldInts,
  fieldString,
  lengthHeader,
  nested,
  scanFields,
  type WireField,
} from './onnx-wire';

// Field numbers of onnx.proto.
const MODEL_GRAPH = 7;
const GRAPH = { node: 1, initializer: 5, input: 11 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
const ATTRIBUTE = { name: 1, i: 3, ints: 8, type: 20 } as const;
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9, dataLocation: 14 } as const;
const ATTRIBUTE_INTS = 7;
const TENSOR_INT64 = 7;
const EIGHT_BIT_TYPES = new Set([2, 3]); // UINT8, INT8

interface Node {
  entry: WireField;
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, number[]>;
}

interface Initializer {
  entry: WireField;
  name: string;
  dims: number[];
  dataType: number;
  raw?: Uint8Array;
}

export interface PatchEmbeddingRewrite {
  model: Uint8Array;
  /** How many ConvInteger nodes became MatMulInteger; 0 leaves `model` as it was given. */
  rewritten: number;
}

function strings(bytes: Uint8Array, fields: WireField[], number: number): string[] {
  return fields.filter((f) => f.field === number).map((f) => fieldString(bytes, f));
}

function readNode(bytes: Uint8Array, entry: WireField): Node {
  const fields = scanFields(bytes, entry.valueStart, entry.end);
  const attributes = new Map<string, number[]>();
  for (const attribute of nested(bytes, fields, NODE.attribute)) {
    const name = strings(bytes, attribute, ATTRIBUTE.name)[0] ?? '';
    const ints = attribute.filter((f) => f.field === ATTRIBUTE.ints || f.field === ATTRIBUTE.i);
    attributes.set(
      name,
      ints.flatMap((f) => fieldInts(bytes, f)),
    );
  }
  return {
    entry,
    opType: strings(bytes, fields, NODE.opType)[0] ?? '',
    name: strings(bytes, fields, NODE.name)[0] ?? '',
    inputs: strings(bytes, fields, NODE.input),
    outputs: strings(bytes, fields, NODE.output),
    attributes,
  };
}

function readInitializer(bytes: Uint8Array, entry: WireField): Initializer {
  const fields = scanFields(bytes, entry.valueStart, entry.end);
  const raw = fields.find((f) => f.field === TENSOR.rawData);
  const external = fields.some((f) => f.field === TENSOR.dataLocation && fieldInts(bytes, f)[0] === 1);
  return {
    entry,
    name: strings(bytes, fields, TENSOR.name)[0] ?? '',
    dims: fields.filter((f) => f.field === TENSOR.dims).flatMap((f) => fieldInts(bytes, f)),
    dataType:
      fieldInts(
        bytes,
        fields.find((f) => f.field === TENSOR.dataType)!,
      )[0] ?? 0,
    raw: raw && !external ? fieldBytes(bytes, raw) : undefined,
  };
}

const every = (values: number[] | undefined, test: (v: number) => boolean) => (values ?? []).every(test);

/** The weight of `conv` if it is a patch embedding over an `imageEdge` px image that this rewrite can express. */
function patchWeight(conv: Node, context: GraphView, imageEdge: number): Initializer | undefined {
  const weight = context.initializers.get(conv.inputs[1] ?? '');
  const kernel = conv.attributes.get('kernel_shape');
  const source = context.producers.get(conv.inputs[0] ?? '');
  const fromImage = source?.opType === 'DynamicQuantizeLinear' && context.graphInputs.has(source.inputs[0] ?? '');
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

interface GraphView {
  initializers: Map<string, Initializer>;
  producers: Map<string, Node>;
  graphInputs: Set<string>;
}

const int64Tensor = (name: string, values: number[]): Uint8Array => {
  const raw = new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer);
  return encodeMessage([
    [TENSOR.dims, [values.length]],
    [TENSOR.dataType, TENSOR_INT64],
    [TENSOR.name, name],
    [TENSOR.rawData, raw],
  ]);
};

const node = (opType: string, name: string, inputs: string[], outputs: string[], perm?: number[]): Uint8Array =>
  encodeMessage([
    [NODE.input, inputs],
    [NODE.output, outputs],
    [NODE.name, name],
    [NODE.opType, opType],
    ...(perm
      ? ([
          [
            NODE.attribute,
            [
              encodeMessage([
                [ATTRIBUTE.name, 'perm'],
                [ATTRIBUTE.type, ATTRIBUTE_INTS],
                [ATTRIBUTE.ints, perm],
              ]),
            ],
          ],
        ] as [number, Uint8Array[]][])
      : []),
  ]);

/** The nodes and initialisers that compute what `conv` computed, from the same inputs into the same output. */
function replacement(
  conv: Node,
  weight: Initializer,
  imageEdge: number,
): { nodes: Uint8Array; initializers: Uint8Array[] } {
  const [outChannels, channels, kernelHeight, kernelWidth] = weight.dims as [number, number, number, number];
  const [rows, columns] = [imageEdge / kernelHeight, imageEdge / kernelWidth];
  const patchLength = channels * kernelHeight * kernelWidth;
  // The weight as [patch values, output channels]: the transpose of its [outChannels, patchLength] layout.
  const transposed = new Uint8Array(weight.raw!.length);
  for (let o = 0; o < outChannels; o++) {
    for (let k = 0; k < patchLength; k++) transposed[k * outChannels + o] = weight.raw![o * patchLength + k]!;
  }
  const id = (part: string) => `${conv.name || conv.outputs[0]}/patches_${part}`;
  const [x, , xZero = '', wZero = ''] = conv.inputs;
  const nodes = [
    // [N, C, H, W] -> [N, rows, columns, C, kh, kw] -> [N, patches, patch values]: each row one patch, in the
    // weight's own (C, kh, kw) order. Reshape's 0 keeps the batch size as it is.
    node('Reshape', id('split'), [x!, id('split_shape')], [id('split')]),
    node('Transpose', id('order'), [id('split')], [id('order')], [0, 2, 4, 1, 3, 5]),
    node('Reshape', id('rows'), [id('order'), id('rows_shape')], [id('rows')]),
    node('MatMulInteger', id('matmul'), [id('rows'), id('weight'), xZero, wZero], [id('matmul')]),
    node('Transpose', id('channels'), [id('matmul')], [id('channels')], [0, 2, 1]),
    node('Reshape', id('grid'), [id('channels'), id('grid_shape')], [conv.outputs[0]!]),
  ];
  const weightTensor = encodeMessage([
    [TENSOR.dims, [patchLength, outChannels]],
    [TENSOR.dataType, weight.dataType],
    [TENSOR.name, id('weight')],
    [TENSOR.rawData, transposed],
  ]);
  return {
    nodes: concatBytes(nodes.map((n) => concatBytes([lengthHeader(GRAPH.node, n.length), n]))),
    initializers: [
      weightTensor,
      int64Tensor(id('split_shape'), [0, channels, rows, kernelHeight, columns, kernelWidth]),
      int64Tensor(id('rows_shape'), [0, rows * columns, patchLength]),
      int64Tensor(id('grid_shape'), [0, outChannels, rows, columns]),
    ].map((t) => concatBytes([lengthHeader(GRAPH.initializer, t.length), t])),
  };
}

/**
 * Rewrites every patch-embedding ConvInteger of an ONNX model whose input images are `imageEdge` px square.
 * Anything it does not recognise, including bytes that are not an ONNX model, comes back untouched.
 */
export function rewritePatchEmbedding(model: Uint8Array, imageEdge: number): PatchEmbeddingRewrite {
  const untouched = { model, rewritten: 0 };
  let top: WireField[];
  let graphFields: WireField[];
  try {
    top = scanFields(model);
    const graph = top.find((f) => f.field === MODEL_GRAPH && f.wireType === 2);
    if (!graph) return untouched;
    graphFields = scanFields(model, graph.valueStart, graph.end);
  } catch {
    return untouched;
  }
  const convs = graphFields.filter((f) => f.field === GRAPH.node).map((f) => readNode(model, f));
  if (!convs.some((n) => n.opType === 'ConvInteger')) return untouched;
  const view: GraphView = {
    initializers: new Map(
      graphFields
        .filter((f) => f.field === GRAPH.initializer)
        .map((f) => readInitializer(model, f))
        .map((t) => [t.name, t]),
    ),
    producers: new Map(convs.flatMap((n) => n.outputs.map((o) => [o, n] as const))),
    graphInputs: new Set(nested(model, graphFields, GRAPH.input).map((f) => strings(model, f, 1)[0] ?? '')),
  };
  const replaced = new Map<WireField, Uint8Array>();
  const added: Uint8Array[] = [];
  const usedWeights = new Map<string, number>();
  convs.forEach((n) => n.inputs.forEach((i) => usedWeights.set(i, (usedWeights.get(i) ?? 0) + 1)));
  let count = 0;
  for (const conv of convs.filter((n) => n.opType === 'ConvInteger')) {
    const weight = patchWeight(conv, view, imageEdge);
    if (!weight) continue;
    count++;
    const { nodes, initializers } = replacement(conv, weight, imageEdge);
    replaced.set(conv.entry, nodes);
    added.push(...initializers);
    // The old weight goes, unless something else still reads it.
    if (usedWeights.get(weight.name) === 1) replaced.set(weight.entry, new Uint8Array(0));
  }
  if (!count) return untouched;
  const graphParts = [...graphFields.map((f) => replaced.get(f) ?? model.subarray(f.start, f.end)), ...added];
  const graphLength = graphParts.reduce((n, p) => n + p.length, 0);
  // One copy of the model, however large: the parts are views into it until they are joined.
  const parts = top.flatMap((f) =>
    f.field === MODEL_GRAPH && f.wireType === 2
      ? [lengthHeader(MODEL_GRAPH, graphLength), ...graphParts]
      : [model.subarray(f.start, f.end)],
  );
  return { model: concatBytes(parts), rewritten: count };
}
