// Loads a Hub-layout CLIP folder from disk for onnxruntime-node: used by the model tools and the model tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { PreprocessorConfig, Pixels } from '../../src/model/image/preprocess';
import { resizeTarget, toPixelValues } from '../../src/model/image/preprocess';
import { resizePixels } from '../../src/model/image/resize';
import { ClipTokenizer, type TokenizerConfig } from '../../src/model/text/tokenizer';
import { attentionMask, bindTower } from '../../src/model/onnx/tower-io';

export type Dtype = 'fp32' | 'q8';
const SUFFIX: Record<Dtype, string> = { fp32: '', q8: '_quantized' };

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function loadTokenizer(modelDir: string): ClipTokenizer {
  return new ClipTokenizer(
    readJson<object>(join(modelDir, 'tokenizer.json')),
    readJson<TokenizerConfig>(join(modelDir, 'tokenizer_config.json')),
  );
}

export interface NodeClip {
  tokenizer: ClipTokenizer;
  preprocessor: PreprocessorConfig;
  logitScale: number;
  text: ort.InferenceSession;
  vision: ort.InferenceSession;
}

export async function loadNodeClip(modelDir: string, dtype: Dtype = 'fp32'): Promise<NodeClip> {
  const config = readJson<{ clipscope?: { logit_scale?: number } }>(join(modelDir, 'config.json'));
  const options: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 0 };
  const file = (tower: string) => join(modelDir, 'onnx', `${tower}_model${SUFFIX[dtype]}.onnx`);
  return {
    tokenizer: loadTokenizer(modelDir),
    preprocessor: readJson<PreprocessorConfig>(join(modelDir, 'preprocessor_config.json')),
    logitScale: config.clipscope?.logit_scale ?? 100,
    text: await ort.InferenceSession.create(file('text'), options),
    vision: await ort.InferenceSession.create(file('vision'), options),
  };
}

/** Text embeddings [texts, dim], unnormalised, as the model outputs them. */
export async function encodeTexts(clip: NodeClip, texts: readonly string[]): Promise<ort.Tensor> {
  const batch = clip.tokenizer.encodeBatch(texts);
  const dims = [batch.batchSize, batch.sequenceLength];
  const { input, mask, output } = bindTower('text', clip.text.inputNames, clip.text.outputNames);
  const feeds = { [input]: new ort.Tensor('int64', batch.ids, dims) };
  const lengths = texts.map((t) => clip.tokenizer.encode(t).length);
  if (mask) feeds[mask] = new ort.Tensor('int64', attentionMask(lengths, batch.sequenceLength), dims);
  return (await clip.text.run(feeds, [output]))[output]!;
}

export function pixelValues(clip: NodeClip, pixels: Pixels): Float32Array {
  const target = resizeTarget(clip.preprocessor, pixels.width, pixels.height);
  return toPixelValues(
    resizePixels(pixels, target.width, target.height, clip.preprocessor.resample),
    clip.preprocessor,
  );
}

/** Image embeddings [images, dim] of already preprocessed pixel values, concatenated. */
export async function encodeImages(clip: NodeClip, values: Float32Array, count: number): Promise<ort.Tensor> {
  const side = Math.round(Math.sqrt(values.length / count / 3));
  const { input, output } = bindTower('vision', clip.vision.inputNames, clip.vision.outputNames);
  const feeds = { [input]: new ort.Tensor('float32', values, [count, 3, side, side]) };
  return (await clip.vision.run(feeds, [output]))[output]!;
}
