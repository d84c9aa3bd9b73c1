// The app's generation code (src/model/generation, through the worker's Runner adapter) on onnxruntime-node and the
// bundled PrefixLM's fp32 files must reproduce the PyTorch reference (tests/fixtures/prefixlm/reference.json, made
// by tools/models/prefixlm from the trained PyTorch model with PIL/numpy preprocessing): greedy captions, answers
// and continuations, beam search, and label likelihoods. One set of sessions serves every test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { Generator, type GenerateRequest } from '../../src/model/generation/generator';
import { readGeneratorConfig } from '../../src/model/generation/generator-config';
import { GeneratorTokenizer } from '../../src/model/generation/generator-tokenizer';
import { SESSION_NAMES, type SessionName } from '../../src/model/generation/tensor';
import { pixelValuesLength, writePixelValues } from '../../src/model/image/pixel-values';
import type { PreprocessorConfig } from '../../src/model/image/preprocess';
import { ortRunner } from '../../src/worker/generator-runner';
import { readPng } from '../helpers/png';

const MODEL_DIR = join(import.meta.dirname, '../../public/models/clipscope-mini-prefixlm');
const FIXTURE_DIR = join(import.meta.dirname, '../fixtures/prefixlm');

interface Reference {
  max_tokens: number;
  images: {
    file: string;
    caption_ids: number[];
    question_prefix: string;
    answer_ids: number[];
    prefix: string;
    continuation_ids: number[];
  }[];
  beam: { file: string; beams: number; prefix: string; ids: number[] }[];
  likelihood: { prefix: string; labels: string[]; items: { file: string; mean_log_probs: number[] }[] };
}

const readJson = (dir: string, name: string): object => JSON.parse(readFileSync(join(dir, name), 'utf8')) as object;
const reference = readJson(FIXTURE_DIR, 'reference.json') as Reference;

let generator: Generator;
let preprocessor: PreprocessorConfig;

/** The image's pixel values as the app prepares them: decoded PNG, then the app's resize, crop and normalise. */
function image(file: string) {
  return {
    imageKey: file,
    pixelValues: async () => {
      const pixels = readPng(join(FIXTURE_DIR, file));
      const values = new Float32Array(pixelValuesLength(preprocessor, pixels.width, pixels.height));
      writePixelValues(pixels, preprocessor, values);
      return values;
    },
  };
}

function request(file: string, prefix: string, extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    ...image(file),
    prefix,
    maxTokens: reference.max_tokens,
    beams: 1,
    kvCache: true,
    shouldStop: () => false,
    now: () => 0,
    ...extra,
  };
}

beforeAll(async () => {
  const config = readGeneratorConfig(readJson(MODEL_DIR, 'config.json'), readJson(MODEL_DIR, 'generation_config.json'));
  preprocessor = readJson(MODEL_DIR, 'preprocessor_config.json') as PreprocessorConfig;
  const tokenizer = new GeneratorTokenizer(
    readJson(MODEL_DIR, 'tokenizer.json'),
    readJson(MODEL_DIR, 'tokenizer_config.json'),
  );
  const sessions = await Promise.all(
    SESSION_NAMES.map((name) => ort.InferenceSession.create(join(MODEL_DIR, 'onnx', `${name}.onnx`))),
  );
  const byName = Object.fromEntries(SESSION_NAMES.map((name, i) => [name, sessions[i]!]));
  generator = new Generator(ortRunner(ort, byName as Record<SessionName, ort.InferenceSession>), config, tokenizer);
}, 60_000);

describe('PrefixLM generation against the PyTorch reference (fp32)', () => {
  it('gives the reference greedy ids for every caption, answer and continuation of the 50 images', async () => {
    const mismatches: string[] = [];
    for (const entry of reference.images) {
      const runs = [
        ['caption', '', entry.caption_ids],
        ['answer', entry.question_prefix, entry.answer_ids],
        ['continuation', entry.prefix, entry.continuation_ids],
      ] as const;
      for (const [what, prefix, expected] of runs) {
        const { tokenIds } = await generator.generate(request(entry.file, prefix));
        if (tokenIds.join(' ') !== expected.join(' '))
          mismatches.push(`${entry.file} ${what}: ${tokenIds.join(' ')} != ${expected.join(' ')}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the reference beam search ids on its 10 images', async () => {
    const mismatches: string[] = [];
    for (const entry of reference.beam) {
      const { tokenIds } = await generator.generate(request(entry.file, entry.prefix, { beams: entry.beams }));
      if (tokenIds.join(' ') !== entry.ids.join(' '))
        mismatches.push(`${entry.file}: ${tokenIds.join(' ')} != ${entry.ids.join(' ')}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the reference mean log-probabilities of the labels within 1e-4, batched and one label per pass', async () => {
    const { prefix, labels, items } = reference.likelihood;
    for (const item of items) {
      const batched = await generator.scoreLabels(image(item.file), prefix, labels, true);
      const single = await generator.scoreLabels(image(item.file), prefix, labels, false);
      item.mean_log_probs.forEach((expected, i) => {
        expect(Math.abs(batched.meanLogProbs[i]! - expected)).toBeLessThan(1e-4);
        expect(Math.abs(single.meanLogProbs[i]! - batched.meanLogProbs[i]!)).toBeLessThan(1e-5);
      });
    }
  });

  it('decodes the same ids without the KV cache as with it', async () => {
    for (const entry of reference.images.slice(0, 10)) {
      for (const prefix of ['', entry.prefix]) {
        const cached = await generator.generate(request(entry.file, prefix));
        const uncached = await generator.generate(request(entry.file, prefix, { kvCache: false }));
        expect(uncached.tokenIds).toEqual(cached.tokenIds);
      }
    }
  });

  it('streams the whole text so far after each token, ending with the reply text', async () => {
    const entry = reference.images.find((e) => e.caption_ids.length >= 3)!;
    const updates: { text: string; tokenIds: number[] }[] = [];
    const result = await generator.generate(request(entry.file, '', { onText: (u) => updates.push(u) }));
    expect(updates.map((u) => u.tokenIds)).toEqual(entry.caption_ids.map((_, n) => entry.caption_ids.slice(0, n + 1)));
    expect(updates.at(-1)!.text).toBe(result.text);
    expect(result.text.length).toBeGreaterThan(0);
  });

  it('stops between steps with the tokens so far, and with none when stopped during the first token', async () => {
    const entry = reference.images.find((e) => e.caption_ids.length >= 3)!;
    let polls = 0;
    // Polled once at the start, then before and after each decoder step: true from the 4th poll, before step two.
    const afterOne = await generator.generate(request(entry.file, '', { shouldStop: () => ++polls > 3 }));
    expect(afterOne).toMatchObject({ stopped: true, tokenIds: entry.caption_ids.slice(0, 1) });
    let first = 0;
    // False before the run (the first poll of the request, then before the first step), true once it ran.
    const duringFirst = await generator.generate(request(entry.file, '', { shouldStop: () => ++first > 2 }));
    expect(duringFirst).toMatchObject({ stopped: true, tokenIds: [], text: '' });
  });
});
