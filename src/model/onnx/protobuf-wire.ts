// Reading and writing ONNX (protobuf) messages at the wire level: enough to find a few fields and splice messages,
// while every byte we do not touch is copied as it was (a schema-driven decode and re-encode would drop fields it
// does not know and copy hundreds of MB of weights).
import protobuf from 'protobufjs/minimal.js';

const { Reader, Writer } = protobuf;
const LENGTH_DELIMITED = 2;
const VARINT = 0;

/** One field of a message: its number, wire type, where it starts (at its tag) and ends, and where its value starts. */
export interface WireField {
  field: number;
  wireType: number;
  start: number;
  end: number;
  valueStart: number;
}

/** The fields of the message in bytes[start, end), in order; throws on a truncated or malformed message. */
export function scanFields(bytes: Uint8Array, start = 0, end = bytes.length): WireField[] {
  const reader = Reader.create(bytes.subarray(0, end));
  reader.pos = start;
  const fields: WireField[] = [];
  while (reader.pos < end) {
    const fieldStart = reader.pos;
    const tag = reader.uint32();
    const wireType = tag & 7;
    let valueStart = reader.pos;
    if (wireType === LENGTH_DELIMITED) {
      const length = reader.uint32();
      valueStart = reader.pos;
      reader.pos += length;
      if (reader.pos > end) throw new RangeError('a field runs past the end of its message');
    } else {
      reader.skipType(wireType);
    }
    fields.push({ field: tag >>> 3, wireType, start: fieldStart, end: reader.pos, valueStart });
  }
  return fields;
}

const utf8 = new TextDecoder();

export function fieldString(bytes: Uint8Array, field: WireField): string {
  return utf8.decode(bytes.subarray(field.valueStart, field.end));
}

export function fieldBytes(bytes: Uint8Array, field: WireField): Uint8Array {
  return bytes.subarray(field.valueStart, field.end);
}

/** The integers of a repeated int64 field, whether written one per field or packed. */
export function fieldInts(bytes: Uint8Array, field: WireField): number[] {
  const reader = Reader.create(bytes.subarray(0, field.end));
  reader.pos = field.valueStart;
  const ints: number[] = [];
  while (reader.pos < field.end) ints.push(Number(reader.int64()));
  return ints;
}

/** Fields of `message` with number `field`, parsed as nested messages. */
export function nested(bytes: Uint8Array, fields: WireField[], field: number): WireField[][] {
  return fields
    .filter((f) => f.field === field && f.wireType === LENGTH_DELIMITED)
    .map((f) => scanFields(bytes, f.valueStart, f.end));
}

export type FieldValue = string | number | Uint8Array | string[] | number[] | Uint8Array[];

/**
 * Encodes a message from [field number, value] pairs: strings and byte arrays (an array of them for a nested
 * message list) as length-delimited fields, numbers as varints, number arrays as repeated varints.
 */
export function encodeMessage(entries: [number, FieldValue][]): Uint8Array {
  const writer = Writer.create();
  for (const [field, value] of entries) {
    const values: (string | number | Uint8Array)[] = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item === 'number') writer.uint32((field << 3) | VARINT).int64(item);
      else if (typeof item === 'string') writer.uint32((field << 3) | LENGTH_DELIMITED).string(item);
      else writer.uint32((field << 3) | LENGTH_DELIMITED).bytes(item);
    }
  }
  return writer.finish();
}

/** The tag and length that start a length-delimited field of `length` bytes. */
export function lengthHeader(field: number, length: number): Uint8Array {
  return Writer.create()
    .uint32((field << 3) | LENGTH_DELIMITED)
    .uint32(length)
    .finish();
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
