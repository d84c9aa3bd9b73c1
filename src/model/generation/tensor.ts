// Tensors as plain typed arrays with dims, and the one thing generation needs from ONNX Runtime: running a named
// session. The worker drives the generation code with onnxruntime-web, the Node tests with onnxruntime-node.

export type Tensor =
  | { type: 'float32'; data: Float32Array; dims: number[] }
  | { type: 'int64'; data: BigInt64Array; dims: number[] }
  | { type: 'bool'; data: Uint8Array; dims: number[] };

/** The four sessions of an encoder-decoder VLM in the transformers.js (Florence-2) layout. */
export type SessionName = 'vision_encoder' | 'embed_tokens' | 'encoder_model' | 'decoder_model_merged';

export const SESSION_NAMES: readonly SessionName[] = [
  'vision_encoder',
  'embed_tokens',
  'encoder_model',
  'decoder_model_merged',
];

export interface Runner {
  run(session: SessionName, feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
}

export function float32(data: Float32Array, dims: number[]): Tensor & { type: 'float32' } {
  return { type: 'float32', data, dims };
}

export function int64(values: readonly number[], dims: number[]): Tensor & { type: 'int64' } {
  return { type: 'int64', data: BigInt64Array.from(values, (v) => BigInt(v)), dims };
}

/** A named output that must be float32 (a model without it is not of this layout). */
export function floatOutput(outputs: Record<string, Tensor>, name: string): Tensor & { type: 'float32' } {
  const tensor = outputs[name];
  if (tensor?.type !== 'float32') {
    throw new Error(`The model gave no float output "${name}": its files do not follow the expected layout.`);
  }
  return tensor;
}

/** Repeats a [1, ...] tensor `times` along the batch axis. */
export function repeatBatch(tensor: Tensor & { type: 'float32' }, times: number): Tensor & { type: 'float32' } {
  const data = new Float32Array(tensor.data.length * times);
  for (let i = 0; i < times; i++) data.set(tensor.data, i * tensor.data.length);
  return float32(data, [tensor.dims[0]! * times, ...tensor.dims.slice(1)]);
}

/** Rows `rows` of a float tensor along its first axis, in that order (rows may repeat). */
export function selectRows(
  tensor: Tensor & { type: 'float32' },
  rows: readonly number[],
): Tensor & { type: 'float32' } {
  const size = tensor.data.length / tensor.dims[0]!;
  const data = new Float32Array(size * rows.length);
  rows.forEach((row, i) => data.set(tensor.data.subarray(row * size, (row + 1) * size), i * size));
  return float32(data, [rows.length, ...tensor.dims.slice(1)]);
}
