// Fails when onnxruntime's fp32 outputs differ from torch's by more than the tolerance; reports how close the
// int8 files come. Usage: tsx tools/models/check-parity.ts <model dir> <cases dir>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { readJson } from './node-model';

const [modelDir, casesDir] = process.argv.slice(2);
if (!modelDir || !casesDir) throw new Error('usage: check-parity.ts <model dir> <cases dir>');
const shapes = readJson<{ input_ids: number[]; pixel_values: number[]; tolerance: number }>(
  join(casesDir, 'shapes.json'),
);
const bytes = (name: string) => {
  const buffer = readFileSync(join(casesDir, `${name}.bin`));
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
};
const inputs = {
  text: new ort.Tensor('int64', new BigInt64Array(bytes('input_ids')), shapes.input_ids),
  vision: new ort.Tensor('float32', new Float32Array(bytes('pixel_values')), shapes.pixel_values),
};
const expected = { text: new Float32Array(bytes('text_embeds')), vision: new Float32Array(bytes('image_embeds')) };

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) [dot, aa, bb] = [dot + a[i]! * b[i]!, aa + a[i]! ** 2, bb + b[i]! ** 2];
  return dot / Math.sqrt(aa * bb);
}

let failed = false;
for (const tower of ['text', 'vision'] as const) {
  for (const suffix of ['', '_quantized']) {
    const session = await ort.InferenceSession.create(join(modelDir, 'onnx', `${tower}_model${suffix}.onnx`));
    const output = await session.run({ [session.inputNames[0]!]: inputs[tower] });
    const actual = output[session.outputNames[0]!]!.data as Float32Array;
    const maxDiff = actual.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[tower][i]!)), 0);
    const line = `${tower}${suffix || ' fp32'}: max |onnxruntime - torch| ${maxDiff.toExponential(2)}, cosine ${cosine(actual, expected[tower]).toFixed(5)}`;
    if (!suffix && !(maxDiff <= shapes.tolerance)) {
      failed = true;
      console.error(`${line} exceeds ${shapes.tolerance}`);
    } else console.log(line);
  }
}
process.exit(failed ? 1 : 0);
