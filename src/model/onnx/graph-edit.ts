// An ONNX model's graph read from its protobuf bytes, only as far as a graph rewrite needs (nodes, initialisers,
// graph inputs), and the pieces to write one back: new nodes and tensors, and the model with parts of its graph
// replaced. Every byte it is not told to replace is copied as it was.
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
} from './protobuf-wire';

// Field numbers of onnx.proto.
const MODEL_GRAPH = 7;
const MODEL_OPSET_IMPORT = 8;
const OPSET = { domain: 1, version: 2 } as const;
const GRAPH = { node: 1, initializer: 5, input: 11 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
const ATTRIBUTE = { name: 1, i: 3, ints: 8, type: 20 } as const;
const ATTRIBUTE_INT = 2;
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9, dataLocation: 14 } as const;
const VALUE_INFO_NAME = 1;
const ATTRIBUTE_INTS = 7;
const TENSOR_INT64 = 7;
const EXTERNAL_DATA = 1;

export interface GraphNode {
  entry: WireField;
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  /** Integer and integer-list attributes by name. */
  attributes: Map<string, number[]>;
}

export interface GraphTensor {
  entry: WireField;
  name: string;
  dims: number[];
  dataType: number;
  /** The data, when stored inline as raw_data. */
  raw?: Uint8Array;
}

export interface OnnxGraph {
  bytes: Uint8Array;
  modelFields: WireField[];
  graphFields: WireField[];
  nodes: GraphNode[];
  initializers: Map<string, GraphTensor>;
  /** Each value's producing node. */
  producers: Map<string, GraphNode>;
  inputs: Set<string>;
  /** The version of the default (ai.onnx) operator set the model imports; 0 when it names none. */
  opset: number;
}

function strings(bytes: Uint8Array, fields: WireField[], number: number): string[] {
  return fields.filter((f) => f.field === number).map((f) => fieldString(bytes, f));
}

const ints = (bytes: Uint8Array, fields: WireField[], number: number): number[] =>
  fields.filter((f) => f.field === number).flatMap((f) => fieldInts(bytes, f));

function readNode(bytes: Uint8Array, entry: WireField): GraphNode {
  const fields = scanFields(bytes, entry.valueStart, entry.end);
  const attributes = new Map<string, number[]>();
  for (const attribute of nested(bytes, fields, NODE.attribute)) {
    const name = strings(bytes, attribute, ATTRIBUTE.name)[0] ?? '';
    attributes.set(name, [...ints(bytes, attribute, ATTRIBUTE.i), ...ints(bytes, attribute, ATTRIBUTE.ints)]);
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

function readTensor(bytes: Uint8Array, entry: WireField): GraphTensor {
  const fields = scanFields(bytes, entry.valueStart, entry.end);
  const raw = fields.find((f) => f.field === TENSOR.rawData);
  const external = ints(bytes, fields, TENSOR.dataLocation)[0] === EXTERNAL_DATA;
  return {
    entry,
    name: strings(bytes, fields, TENSOR.name)[0] ?? '',
    dims: ints(bytes, fields, TENSOR.dims),
    dataType: ints(bytes, fields, TENSOR.dataType)[0] ?? 0,
    raw: raw && !external ? fieldBytes(bytes, raw) : undefined,
  };
}

function defaultOpset(bytes: Uint8Array, modelFields: WireField[]): number {
  const imports = nested(bytes, modelFields, MODEL_OPSET_IMPORT);
  const standard = imports.find((f) => ['', 'ai.onnx'].includes(strings(bytes, f, OPSET.domain)[0] ?? ''));
  return standard ? (ints(bytes, standard, OPSET.version)[0] ?? 0) : 0;
}

/** Reads the graph of an ONNX model; undefined when it has none. Throws on bytes that are not protobuf. */
export function readGraph(bytes: Uint8Array): OnnxGraph | undefined {
  const modelFields = scanFields(bytes);
  const graph = modelFields.find((f) => f.field === MODEL_GRAPH && f.wireType === 2);
  if (!graph) return undefined;
  const graphFields = scanFields(bytes, graph.valueStart, graph.end);
  const nodes = graphFields.filter((f) => f.field === GRAPH.node).map((f) => readNode(bytes, f));
  const tensors = graphFields.filter((f) => f.field === GRAPH.initializer).map((f) => readTensor(bytes, f));
  return {
    bytes,
    modelFields,
    graphFields,
    nodes,
    initializers: new Map(tensors.map((t) => [t.name, t])),
    producers: new Map(nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const))),
    inputs: new Set(nested(bytes, graphFields, GRAPH.input).map((f) => strings(bytes, f, VALUE_INFO_NAME)[0] ?? '')),
    opset: defaultOpset(bytes, modelFields),
  };
}

/** Integer (a number) or integer-list (an array) attributes of a node. */
export type NodeAttributes = Record<string, number | number[]>;

function encodeAttribute(name: string, value: number | number[]): Uint8Array {
  return encodeMessage([
    [ATTRIBUTE.name, name],
    [ATTRIBUTE.type, Array.isArray(value) ? ATTRIBUTE_INTS : ATTRIBUTE_INT],
    Array.isArray(value) ? [ATTRIBUTE.ints, value] : [ATTRIBUTE.i, value],
  ]);
}

/** A graph node, ready to stand in a graph (with its field header); a number array stands for `perm`. */
export function encodeNode(
  opType: string,
  name: string,
  inputs: string[],
  outputs: string[],
  attributes: number[] | NodeAttributes = {},
) {
  const named = Array.isArray(attributes) ? { perm: attributes } : attributes;
  const node = encodeMessage([
    [NODE.input, inputs],
    [NODE.output, outputs],
    [NODE.name, name],
    [NODE.opType, opType],
    [NODE.attribute, Object.entries(named).map(([key, value]) => encodeAttribute(key, value))],
  ]);
  return concatBytes([lengthHeader(GRAPH.node, node.length), node]);
}

/** An initialiser with inline data, ready to stand in a graph (with its field header). */
export function encodeTensor(name: string, dataType: number, dims: number[], raw: Uint8Array): Uint8Array {
  const tensor = encodeMessage([
    [TENSOR.dims, dims],
    [TENSOR.dataType, dataType],
    [TENSOR.name, name],
    [TENSOR.rawData, raw],
  ]);
  return concatBytes([lengthHeader(GRAPH.initializer, tensor.length), tensor]);
}

export function encodeInt64Tensor(name: string, values: number[]): Uint8Array {
  return encodeTensor(
    name,
    TENSOR_INT64,
    [values.length],
    new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer),
  );
}

/**
 * The model with some of its graph's fields replaced (by other bytes, or by nothing) and `added` appended to the
 * graph. One copy of the model, however large: the parts are views into it until they are joined.
 */
export function spliceGraph(graph: OnnxGraph, replaced: Map<WireField, Uint8Array>, added: Uint8Array[]): Uint8Array {
  const { bytes } = graph;
  const graphParts = [...graph.graphFields.map((f) => replaced.get(f) ?? bytes.subarray(f.start, f.end)), ...added];
  const graphLength = graphParts.reduce((n, p) => n + p.length, 0);
  return concatBytes(
    graph.modelFields.flatMap((f) =>
      f.field === MODEL_GRAPH && f.wireType === 2
        ? [lengthHeader(MODEL_GRAPH, graphLength), ...graphParts]
        : [bytes.subarray(f.start, f.end)],
    ),
  );
}
