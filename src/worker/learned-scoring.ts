// SigLIP's trained temperature and bias are not in the ONNX towers; they live in the original weights. Rather than
// download those (~800 MB), the safetensors header is read with a Range request and then only the two values'
// bytes. The result is kept next to the model's files in Cache Storage, so a cached model needs no request.
import { parseHeader, readScalar, type SafetensorsHeader } from '../model/scoring/safetensors';

export interface LearnedScoring {
  logitScale: number;
  logitBias: number;
}

/** Enough for the whole header of base-sized models in one request; a bigger header costs one more. */
const FIRST_READ_BYTES = 256 * 1024;
const SCALE_TENSOR = 'logit_scale';
const BIAS_TENSOR = 'logit_bias';
const STORED_NAME = 'clipscope-scoring.json';
const SIZE_HEADER = 'X-Clipscope-Size';

/** Bytes [start, end) of a file; a server that ignores Range is read only as far as needed. */
async function readRange(url: string, start: number, end: number, signal: AbortSignal): Promise<Uint8Array> {
  const response = await fetch(url, { headers: { Range: `bytes=${start}-${end - 1}` }, signal });
  if (response.status === 206) return new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`the server answered ${response.status}`);
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (let r = await reader.read(); !r.done && received < end; r = await reader.read()) {
    chunks.push(r.value);
    received += r.value.length;
  }
  void reader.cancel();
  const whole = new Uint8Array(received);
  chunks.reduce((offset, chunk) => (whole.set(chunk, offset), offset + chunk.length), 0);
  return whole.subarray(start, end);
}

async function readHeader(url: string, signal: AbortSignal): Promise<SafetensorsHeader> {
  const prefix = await readRange(url, 0, FIRST_READ_BYTES, signal);
  try {
    return parseHeader(prefix);
  } catch (error) {
    const length = Number(new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true));
    if (prefix.length >= 8 + length) throw error;
    return parseHeader(await readRange(url, 0, 8 + length, signal));
  }
}

async function readLearned(url: string, signal: AbortSignal): Promise<LearnedScoring> {
  const header = await readHeader(url, signal);
  const [scale, bias] = [SCALE_TENSOR, BIAS_TENSOR].map((name) => {
    const entry = header.tensors.get(name);
    if (!entry) throw new Error(`the weights have no ${name}`);
    return entry;
  });
  const start = header.dataStart + Math.min(scale!.dataOffsets[0], bias!.dataOffsets[0]);
  const end = header.dataStart + Math.max(scale!.dataOffsets[1], bias!.dataOffsets[1]);
  const bytes = await readRange(url, start, end, signal);
  const value = (entry: typeof scale) =>
    readScalar(
      entry!,
      bytes.subarray(
        header.dataStart + entry!.dataOffsets[0] - start,
        header.dataStart + entry!.dataOffsets[1] - start,
      ),
    );
  // Hugging Face keeps the temperature as its logarithm (the model multiplies by exp(logit_scale)).
  const learned = { logitScale: Math.exp(value(scale)), logitBias: value(bias) };
  if (!(learned.logitScale > 0 && learned.logitScale < 1e4 && Number.isFinite(learned.logitBias))) {
    throw new Error('the trained scale and bias are out of range');
  }
  return learned;
}

/**
 * The trained scale and bias from `weightsUrl`, remembered under `modelUrl` in `cache` (when given) so they are
 * deleted with the model and a cached model needs no request.
 */
export async function learnedScoring(
  weightsUrl: string,
  modelUrl: string,
  cache: Cache | undefined,
  signal: AbortSignal,
): Promise<LearnedScoring> {
  const key = new URL(STORED_NAME, modelUrl).href;
  const stored = await cache?.match(key);
  if (stored) return (await stored.json()) as LearnedScoring;
  const learned = await readLearned(weightsUrl, signal);
  const body = JSON.stringify(learned);
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': String(body.length),
    [SIZE_HEADER]: String(body.length),
  };
  await cache?.put(key, new Response(body, { headers })).catch(() => undefined);
  return learned;
}
