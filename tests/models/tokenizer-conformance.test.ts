import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../tools/models/node-model';

// The real OpenAI CLIP tokenizer files (MIT, OpenAI), kept in the repo with their licence.
const OPENAI_CLIP = join(import.meta.dirname, '../../tools/models/openai-clip-tokenizer');
const REFERENCE = join(import.meta.dirname, '../../tools/models/reference_tokenizer.py');
const END_OF_TEXT = 49407;

interface ReferenceCase {
  text: string;
  ids: number[];
}

describe('@huggingface/tokenizers on OpenAI CLIP tokenizer.json', () => {
  const tokenizer = loadTokenizer(OPENAI_CLIP);

  // The independent reference: OpenAI CLIP's byte-level BPE written out in Python over vocab.json and merges.txt
  // (tools/models/reference_tokenizer.py), run now on its corpus of stress prompts.
  it('gives the same whole id sequences as an independent BPE for every prompt of the stress corpus', () => {
    const output = execFileSync('/usr/bin/python3', [REFERENCE, OPENAI_CLIP], { encoding: 'utf8' });
    const cases = (JSON.parse(output) as { cases: ReferenceCase[] }).cases;
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.ids.length === 77).length).toBeGreaterThanOrEqual(5); // truncation is exercised
    const mismatches = cases
      .map(({ text, ids }) => ({ text, expected: ids, actual: tokenizer.encode(text) }))
      .filter(({ expected, actual }) => JSON.stringify(expected) !== JSON.stringify(actual));
    expect(mismatches).toEqual([]);
  });

  it('produces the published ids', () => {
    expect(tokenizer.encode('a photo of a cat')).toEqual([49406, 320, 1125, 539, 320, 2368, 49407]);
    expect(tokenizer.encode('Hello World')).toEqual([49406, 3306, 1002, 49407]);
  });

  it('pads a batch to its longest prompt with the end-of-text token', () => {
    const batch = tokenizer.encodeBatch(['a photo of a cat', 'Hello World']);
    expect([batch.batchSize, batch.sequenceLength]).toEqual([2, 7]);
    expect(Array.from(batch.ids.slice(7), Number)).toEqual([49406, 3306, 1002, 49407, 49407, 49407, 49407]);
  });

  it('pads to a fixed length when the model was trained that way', () => {
    const batch = tokenizer.encodeBatch(['a photo of a cat'], 64);
    expect(batch.sequenceLength).toBe(64);
    expect(Array.from(batch.ids.slice(7), Number)).toEqual(new Array(57).fill(49407));
  });

  it('truncates to the 77-token context and keeps end-of-text last', () => {
    const ids = tokenizer.encode('cat '.repeat(200));
    expect(ids).toHaveLength(77);
    expect(ids[0]).toBe(49406);
    expect(ids[76]).toBe(END_OF_TEXT);
    expect(ids.indexOf(END_OF_TEXT)).toBe(76);
  });
});
