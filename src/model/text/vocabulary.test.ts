import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, findModel, MINI_ID } from '../catalogue/catalogue';
import { MINI_WORDS } from './mini-vocabulary';
import { PRESETS } from '../catalogue/label-presets';
import { canServe, textWords, unknownWords } from './vocabulary';

// The reference: the Mini's own tokenizer.json (written by tools/models/mini_tokenizer.py from its training
// captions), run by @huggingface/tokenizers. A word is unknown to the Mini when it becomes the unknown token.
const MINI_DIR = join(import.meta.dirname, '../../../public/models/clipscope-mini');
const tokenizerJson = JSON.parse(readFileSync(join(MINI_DIR, 'tokenizer.json'), 'utf8'));
const tokenizer = new Tokenizer(
  tokenizerJson,
  JSON.parse(readFileSync(join(MINI_DIR, 'tokenizer_config.json'), 'utf8')),
);
const UNK_ID: number = tokenizerJson.model.vocab['<|unk|>'];
const mini = findModel(MINI_ID)!.knows;

interface TokenizerParts {
  normalizer: { normalize(text: string): string };
  pre_tokenizer: { pre_tokenize_text(text: string): string[] };
}

/**
 * The words of `label` that the Mini's tokenizer turns into its unknown token: its own normalizer and pre-tokenizer
 * split the label, and its vocabulary has no sub-words, so each piece is one token.
 */
function referenceUnknown(label: string): string[] {
  const parts = tokenizer as unknown as TokenizerParts;
  const pieces = parts.pre_tokenizer.pre_tokenize_text(parts.normalizer.normalize(label));
  const ids = tokenizer.encode(label, { add_special_tokens: false }).ids;
  expect(ids.length).toBe(pieces.length);
  return [...new Set(pieces.filter((piece, i) => ids[i] === UNK_ID && /[\p{L}\p{N}]/u.test(piece)))];
}

describe('what Clipscope Mini knows', () => {
  it("lists exactly the words of the Mini's tokenizer", () => {
    const tokenizerWords = Object.keys(tokenizerJson.model.vocab).filter((w) => /^\w+$/.test(w));
    expect([...MINI_WORDS].sort()).toEqual(tokenizerWords.sort());
    expect(mini?.topics.map((t) => t.words.length)).toEqual([8, 6]);
  });

  it('marks the same words as unknown as the tokenizer does', () => {
    const labels = [
      'red circle',
      'cup',
      'a RED Circle',
      'blue disc!',
      'a four-sided box on a pink background',
      'café au lait',
      'green cat',
      'ｒｅｄ square',
      'hexagon 3',
      'purple dog, orange dog',
    ];
    for (const label of labels) {
      const marked = unknownWords([label], mini)[0]?.words ?? [];
      expect({ label, marked }).toEqual({ label, marked: referenceUnknown(label) });
    }
    expect(unknownWords(['red circle', 'cup', 'green cat'], mini)).toEqual([
      { label: 'cup', words: ['cup'] },
      { label: 'green cat', words: ['cat'] },
    ]);
  });

  it('knows every word of its own presets and none of the photo presets', () => {
    const byId = (id: string) => PRESETS.find((p) => p.id === id)!.labels;
    expect(canServe(byId('mini-shapes'), mini)).toBe(true);
    expect(canServe(byId('mini-shape-only'), mini)).toBe(true);
    expect(canServe(byId('everyday'), mini)).toBe(false);
    expect(canServe(byId('cifar10'), mini)).toBe(false);
    expect(canServe(['cup', 'red circle'], mini)).toBe(true); // one label it can read is still a comparison
  });
});

describe('open-vocabulary models', () => {
  it('have no word marked and can serve every preset', () => {
    const clip = findModel(DEFAULT_MODEL_ID)!.knows;
    expect(clip).toBeUndefined();
    expect(unknownWords(['cup', 'xylophone', 'red circle'], clip)).toEqual([]);
    for (const preset of PRESETS) expect(canServe(preset.labels, clip)).toBe(true);
  });
});

describe('textWords', () => {
  it('splits on spaces and punctuation, lowercased', () => {
    expect(textWords('A photo-of "Cats", 2 dogs!')).toEqual(['a', 'photo', 'of', 'cats', '2', 'dogs']);
    expect(textWords('Cafe\u0301')).toEqual(['café']); // NFC, as the tokenizer normalises
  });
});
