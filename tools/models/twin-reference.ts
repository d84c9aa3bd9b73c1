// The independent reference for the conformance tests, as make_twin_small.py writes it (PIL preprocessing, Python
// BPE ids, the twin's PyTorch fp32 outputs), plus the int8 reference: the published int8 graphs run by
// onnxruntime-node on those Python pixel values and ids, one image or one prompt at a time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';

const TWIN_SMALL_ROOT = join(import.meta.dirname, '../../.models/twin-small');
export const TWIN_REPO = 'Xenova/clip-vit-base-patch32';
export const TWIN_SMALL_DIR = join(TWIN_SMALL_ROOT, TWIN_REPO);
const REFERENCE = join(TWIN_SMALL_ROOT, 'conformance/reference.json');
export const MISSING_TWIN = 'The small ViT-B/32 twin and its reference are missing: run npm run models:twin-small';

export interface ReferenceImage {
  name: string;
  mime: string;
  width: number;
  height: number;
  /** The image file; `pixels` holds its float32 CHW pixel values from the Python preprocessing. */
  file: string;
  pixels: string;
  shape: number[];
}

export interface TwinReference {
  prompts: { text: string; ids: number[] }[];
  images: ReferenceImage[];
  fp32: { image_embeds: number[][]; text_embeds: number[][]; cosines: number[][] };
}

/** The reference, or an error that says how to make it (tests must fail, not skip, when it is missing). */
export function readTwinReference(): TwinReference {
  if (!existsSync(REFERENCE)) throw new Error(MISSING_TWIN);
  return JSON.parse(readFileSync(REFERENCE, 'utf8')) as TwinReference;
}

export function referencePixels(image: ReferenceImage): Float32Array {
  const bytes = readFileSync(image.pixels);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let [dot, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) [dot, aa, bb] = [dot + a[i]! * b[i]!, aa + a[i]! ** 2, bb + b[i]! ** 2];
  return dot / Math.sqrt(aa * bb);
}

function cosineMatrix(images: ArrayLike<number>[], texts: ArrayLike<number>[]): number[][] {
  return images.map((image) => texts.map((text) => cosine(image, text)));
}

/**
 * Where the int8 reference runs. Dynamic int8 quantisation is discontinuous: a 1e-6 relative change of the input
 * moves the twin's int8 embeddings by up to 1e-2 (fp32: 1e-6), so ONNX Runtime's native x64 kernels and its WASM
 * kernels, which differ by an ulp in float ops such as LayerNorm and Softmax, give the same graph results 8e-3
 * apart. 'wasm' runs ONNX Runtime's WASM build (the app's kernels) in Node, single-threaded; 'native' runs
 * onnxruntime-node.
 */
export type Int8Runtime = 'wasm' | 'native';

type Session = Pick<ortNode.InferenceSession, 'run' | 'release'>;

async function openSession(runtime: Int8Runtime, file: string): Promise<Session> {
  if (runtime === 'native') return ortNode.InferenceSession.create(file);
  ortWeb.env.wasm.numThreads = 1;
  return ortWeb.InferenceSession.create(new Uint8Array(readFileSync(file)), {
    executionProviders: ['wasm'],
  }) as unknown as Promise<Session>;
}

/** Cosines [image][prompt] from the published int8 graphs, each image and each prompt run alone. */
export async function int8Cosines(reference: TwinReference, runtime: Int8Runtime): Promise<number[][]> {
  const file = (tower: string) => join(TWIN_SMALL_DIR, 'onnx', `${tower}_model_quantized.onnx`);
  const ort = runtime === 'native' ? ortNode : (ortWeb as unknown as typeof ortNode);
  const vision = await openSession(runtime, file('vision'));
  const text = await openSession(runtime, file('text'));
  try {
    const images: Float32Array[] = [];
    for (const image of reference.images) {
      const input = new ort.Tensor('float32', referencePixels(image), [1, ...image.shape]);
      images.push((await vision.run({ pixel_values: input })).image_embeds!.data as Float32Array);
    }
    const texts: Float32Array[] = [];
    for (const { ids } of reference.prompts) {
      const input = new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
      texts.push((await text.run({ input_ids: input })).text_embeds!.data as Float32Array);
    }
    return cosineMatrix(images, texts);
  } finally {
    await Promise.all([vision.release(), text.release()]);
  }
}
