// Writes small .safetensors files for tests: the same layout as Hugging Face's weights (8-byte header length,
// JSON header with byte ranges, then the data), with padding in between so offsets are not trivially zero.
export interface TensorSpec {
  dtype: 'F32' | 'F64' | 'F16' | 'BF16';
  shape: number[];
  /** Raw little-endian bytes of the values. */
  bytes: Uint8Array;
}

export function f32Bytes(...values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

export function writeSafetensors(
  tensors: Record<string, TensorSpec>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of Object.entries(tensors)) {
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + tensor.bytes.length] };
    parts.push(tensor.bytes);
    offset += tensor.bytes.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const file = new Uint8Array(8 + json.length + offset);
  new DataView(file.buffer).setBigUint64(0, BigInt(json.length), true);
  file.set(json, 8);
  parts.reduce((at, part) => (file.set(part, at), at + part.length), 8 + json.length);
  return file;
}
