import { describe, expect, it } from 'vitest';
import { encodeMessage, fieldInts, fieldString, lengthHeader, nested, scanFields } from './protobuf-wire';

describe('onnx-wire', () => {
  it('reads back what it writes: strings, varints, repeated and nested fields', () => {
    const inner = encodeMessage([
      [1, 'perm'],
      [8, [0, 2, 1]],
    ]);
    const bytes = encodeMessage([
      [1, ['a', 'b']],
      [4, 'Transpose'],
      [5, [inner]],
      [9, -3],
    ]);
    const fields = scanFields(bytes);
    expect(fields.map((f) => f.field)).toEqual([1, 1, 4, 5, 9]);
    expect(fields.filter((f) => f.field === 1).map((f) => fieldString(bytes, f))).toEqual(['a', 'b']);
    expect(fieldString(bytes, fields[2]!)).toBe('Transpose');
    const [attribute] = nested(bytes, fields, 5);
    expect(fieldString(bytes, attribute![0]!)).toBe('perm');
    expect(attribute!.slice(1).flatMap((f) => fieldInts(bytes, f))).toEqual([0, 2, 1]);
    expect(fieldInts(bytes, fields[4]!)).toEqual([-3]);
  });

  it('reads packed repeated integers', () => {
    // Field 1, length-delimited, three varints: 7, 300, 1.
    const bytes = Uint8Array.from([...lengthHeader(1, 4), 7, 0xac, 0x02, 1]);
    const [field] = scanFields(bytes);
    expect(fieldInts(bytes, field!)).toEqual([7, 300, 1]);
  });

  it('throws on a field that runs past the end of its message', () => {
    const bytes = encodeMessage([[1, 'a longer string']]);
    expect(() => scanFields(bytes.subarray(0, bytes.length - 3))).toThrow();
  });
});
