// Which words of the labels a model with a closed vocabulary (the Mini) has never seen. Its tokenizer lowercases
// (after NFC) and splits text into runs of letters and digits and single punctuation marks; a run it does not
// have becomes one unknown token, so every such word reads the same to the model.
import type { ModelKnowledge } from '../catalogue/catalogue';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The words of a text, lowercased, as the model's tokenizer separates them (punctuation left out). */
export function textWords(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

export interface LabelUnknownWords {
  label: string;
  /** The label's words the model does not know, each once, in order. */
  words: string[];
}

/** The labels with words outside the model's vocabulary; none for a model that knows open-ended text. */
export function unknownWords(labels: readonly string[], knows: ModelKnowledge | undefined): LabelUnknownWords[] {
  if (!knows) return [];
  const known = new Set(knows.vocabulary);
  return labels
    .map((label) => ({ label, words: [...new Set(textWords(label).filter((w) => !known.has(w)))] }))
    .filter((entry) => entry.words.length > 0);
}

/**
 * Whether a set of labels can mean anything to the model: false when every label has a word it does not know
 * (each then differs from the others only in what the model cannot read). Always true for open-vocabulary models.
 */
export function canServe(labels: readonly string[], knows: ModelKnowledge | undefined): boolean {
  return unknownWords(labels, knows).length < labels.length || labels.length === 0;
}
