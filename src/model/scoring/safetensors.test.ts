import { describe, expect, it } from 'vitest';
import { f32Bytes, writeSafetensors } from '../../../tools/models/safetensors-writer';
import { headerLength, parseHeader, readScalar } from './safetensors';

const file = writeSafetensors({
  'vision.weight': { dtype: 'F32', shape: [2, 3], bytes: f32Bytes(1, 2, 3, 4, 5, 6) },
  logit_scale: { dtype: 'F32', shape: [1], bytes: f32Bytes(Math.log(117.33)) },
  logit_bias: { dtype: 'F32', shape: [1], bytes: f32Bytes(-12.93) },
  half: { dtype: 'F16', shape: [], bytes: new Uint8Array([0x00, 0xc5]) }, // -5.0
  brain: { dtype: 'BF16', shape: [1, 1], bytes: new Uint8Array([0x40, 0x40]) }, // 3.0
});

function scalar(name: string): number {
  const header = parseHeader(file);
  const entry = header.tensors.get(name)!;
  return readScalar(
    entry,
    file.subarray(header.dataStart + entry.dataOffsets[0], header.dataStart + entry.dataOffsets[1]),
  );
}

describe('safetensors', () => {
  it('finds every tensor and the data section after the header', () => {
    const header = parseHeader(file);
    expect(header.dataStart).toBe(8 + headerLength(file));
    expect([...header.tensors.keys()].sort()).toEqual(['brain', 'half', 'logit_bias', 'logit_scale', 'vision.weight']);
    expect(header.tensors.get('vision.weight')).toEqual({ dtype: 'F32', shape: [2, 3], dataOffsets: [0, 24] });
  });

  it('reads scalars of each float dtype', () => {
    expect(Math.exp(scalar('logit_scale'))).toBeCloseTo(117.33, 3);
    expect(scalar('logit_bias')).toBeCloseTo(-12.93, 5);
    expect(scalar('half')).toBe(-5);
    expect(scalar('brain')).toBe(3);
  });

  it('refuses what is not a scalar or not a header', () => {
    const header = parseHeader(file);
    expect(() => readScalar(header.tensors.get('vision.weight')!, new Uint8Array(24))).toThrow(/single value/);
    expect(() => headerLength(new Uint8Array(8))).toThrow(/not a safetensors/);
    expect(() => headerLength(new Uint8Array(4))).toThrow(/8 bytes/);
    expect(() => parseHeader(file.subarray(0, 20))).toThrow(/incomplete/);
    const bad = new TextEncoder().encode('{"x":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}');
    const broken = new Uint8Array(8 + bad.length);
    new DataView(broken.buffer).setBigUint64(0, BigInt(bad.length), true);
    broken.set(bad, 8);
    expect(() => parseHeader(broken)).toThrow(/malformed/);
  });
});
