import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { attentionMask, bindTower, lengthGroups, TowerSignatureError } from '../../src/model/onnx/tower-io';

// Small graphs from tools/models/make_int8_fixtures.py: each output is the row sum of input_ids (times the
// attention mask where there is one) or of the pixels, plus 1000 * the output's position, so the value read tells
// which output it came from (+1000 in its first column for the second output) and whether the mask arrived.
const FIXTURES = join(import.meta.dirname, '../fixtures/tower-io');
const open = (name: string) => ort.InferenceSession.create(join(FIXTURES, name));

/** Runs a session the way the app's worker does: feeds bound by name, only the embedding output fetched. */
async function runBound(session: ort.InferenceSession, tower: 'text' | 'vision', main: ort.Tensor, mask?: ort.Tensor) {
  const binding = bindTower(tower, session.inputNames, session.outputNames);
  const feeds: Record<string, ort.Tensor> = { [binding.input]: main };
  if (binding.mask && mask) feeds[binding.mask] = mask;
  const output = await session.run(feeds, [binding.output]);
  return { binding, fetched: Object.keys(output), values: Array.from(output[binding.output]!.data as Float32Array) };
}

describe('bindTower', () => {
  it('feeds attention_mask when the text graph declares it and reads text_embeds, not the first output', async () => {
    const session = await open('text-mask-extra-output.onnx');
    expect(session.outputNames).toEqual(['last_hidden_state', 'text_embeds']);
    // Two prompts of 3 and 2 tokens padded to 4 with id 9: the mask must hide the padding from the sums.
    const ids = new ort.Tensor('int64', BigInt64Array.from([5n, 6n, 7n, 9n, 1n, 2n, 9n, 9n]), [2, 4]);
    const mask = new ort.Tensor('int64', attentionMask([3, 2], 4), [2, 4]);
    const { binding, fetched, values } = await runBound(session, 'text', ids, mask);
    expect(binding).toEqual({ input: 'input_ids', mask: 'attention_mask', output: 'text_embeds' });
    expect(fetched).toEqual(['text_embeds']);
    expect(values).toEqual([1018, 18.5, 1003, 3.5]);
    await session.release();
  });

  it("reads SigLIP's pooler_output and feeds no mask to a graph without one", async () => {
    const session = await open('text-pooler.onnx');
    const ids = new ort.Tensor('int64', BigInt64Array.from([4n, 4n]), [1, 2]);
    const { binding, values } = await runBound(session, 'text', ids);
    expect(binding).toEqual({ input: 'input_ids', output: 'pooler_output' });
    expect(values).toEqual([1008, 8.5]);
    await session.release();
  });

  it('reads image_embeds from a vision graph that lists last_hidden_state first', async () => {
    const session = await open('vision-extra-output.onnx');
    const pixels = new ort.Tensor('float32', new Float32Array(2 * 48).fill(0.5), [2, 3, 4, 4]);
    const { binding, values } = await runBound(session, 'vision', pixels);
    expect(binding.output).toBe('image_embeds');
    expect(values).toEqual([1024, 24.5, 1024, 24.5]);
    await session.release();
  });

  it('names the outputs it expected and the ones it found when a graph has none of them', async () => {
    for (const [file, tower, expected] of [
      ['text-unknown-output.onnx', 'text', /no output named text_embeds or pooler_output \(it has: embeddings\)/],
      ['vision-unknown-output.onnx', 'vision', /image_embeds or pooler_output \(it has: features, hidden\)/],
    ] as const) {
      const session = await open(file);
      const bind = () => bindTower(tower, session.inputNames, session.outputNames);
      expect(bind).toThrow(TowerSignatureError);
      expect(bind).toThrow(expected);
      expect(bind).toThrow(/Pick a model exported in the layout transformers.js uses/);
      await session.release();
    }
  });

  it('refuses inputs it cannot feed, naming them', () => {
    expect(() => bindTower('text', ['input_ids', 'token_type_ids'], ['text_embeds'])).toThrow(
      /takes inputs input_ids, token_type_ids; Clipscope feeds input_ids and attention_mask/,
    );
    expect(() => bindTower('vision', ['image'], ['image_embeds'])).toThrow(/Clipscope feeds pixel_values/);
  });
});

describe('lengthGroups', () => {
  it('groups prompts by token length in first-seen order', () => {
    expect(lengthGroups([5, 7, 5, 9, 7])).toEqual([[0, 2], [1, 4], [3]]);
  });

  it('puts every prompt in one group when all are padded to a fixed length (SigLIP: 64)', () => {
    expect(lengthGroups([5, 7, 64], 64)).toEqual([[0, 1, 2]]);
  });
});
