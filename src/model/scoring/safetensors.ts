// Reads single values out of a .safetensors file without downloading it whole: the format is an 8-byte
// little-endian header length, a JSON header naming each tensor's dtype, shape and byte range, then the data.

export interface TensorEntry {
  dtype: string;
  shape: number[];
  /** Byte range [start, end) relative to the first byte after the header. */
  dataOffsets: [number, number];
}

export interface SafetensorsHeader {
  /** Absolute offset of the data section: 8 + the header's length. */
  dataStart: number;
  tensors: Map<string, TensorEntry>;
}

/** Headers beyond this are not a model's (a 1B-parameter model's header is a few hundred KB). */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;
const LENGTH_BYTES = 8;

/** The header's JSON length from the file's first 8 bytes. */
export function headerLength(prefix: Uint8Array): number {
  if (prefix.length < LENGTH_BYTES) throw new Error('A safetensors file starts with 8 bytes of header length.');
  const length = new DataView(prefix.buffer, prefix.byteOffset, LENGTH_BYTES).getBigUint64(0, true);
  if (length === 0n || length > BigInt(MAX_HEADER_BYTES)) throw new Error('This is not a safetensors header.');
  return Number(length);
}

/** Parses the header from the file's first 8 + headerLength bytes. */
export function parseHeader(prefix: Uint8Array): SafetensorsHeader {
  const length = headerLength(prefix);
  if (prefix.length < LENGTH_BYTES + length) throw new Error('The safetensors header is incomplete.');
  const json = JSON.parse(new TextDecoder().decode(prefix.subarray(LENGTH_BYTES, LENGTH_BYTES + length))) as Record<
    string,
    { dtype?: unknown; shape?: unknown; data_offsets?: unknown }
  >;
  const tensors = new Map<string, TensorEntry>();
  for (const [name, entry] of Object.entries(json)) {
    if (name === '__metadata__') continue;
    const offsets = entry.data_offsets;
    const valid =
      typeof entry.dtype === 'string' &&
      Array.isArray(entry.shape) &&
      Array.isArray(offsets) &&
      offsets.length === 2 &&
      offsets.every((n) => Number.isSafeInteger(n) && (n as number) >= 0) &&
      (offsets[0] as number) <= (offsets[1] as number);
    if (!valid) throw new Error(`The safetensors entry ${name} is malformed.`);
    tensors.set(name, {
      dtype: entry.dtype as string,
      shape: entry.shape as number[],
      dataOffsets: offsets as [number, number],
    });
  }
  return { dataStart: LENGTH_BYTES + length, tensors };
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** The single value of a one-element tensor, given exactly its bytes. */
export function readScalar(entry: TensorEntry, bytes: Uint8Array): number {
  const count = entry.shape.reduce((n, d) => n * d, 1);
  if (count !== 1) throw new Error(`Expected a single value, found shape [${entry.shape.join(', ')}].`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = { F64: 8, F32: 4, F16: 2, BF16: 2 }[entry.dtype];
  if (need === undefined) throw new Error(`Unsupported dtype ${entry.dtype} for a scalar.`);
  if (bytes.byteLength !== need) throw new Error(`A ${entry.dtype} scalar has ${need} bytes, got ${bytes.byteLength}.`);
  if (entry.dtype === 'F64') return view.getFloat64(0, true);
  if (entry.dtype === 'F32') return view.getFloat32(0, true);
  if (entry.dtype === 'F16') return halfToFloat(view.getUint16(0, true));
  return new DataView(new Uint32Array([view.getUint16(0, true) << 16]).buffer).getFloat32(0, true);
}
