// Which inputs a tower's ONNX graph is fed and which output holds its embeddings, found by name as
// transformers.js does: CLIP*WithProjection exports give `text_embeds` / `image_embeds` (beside
// `last_hidden_state`), SigLIP's towers `pooler_output`. Reading "the first output" picked last_hidden_state in
// exports that list it first.

export type Tower = 'text' | 'vision';

const EMBEDDING_OUTPUTS: Record<Tower, readonly string[]> = {
  text: ['text_embeds', 'pooler_output'],
  vision: ['image_embeds', 'pooler_output'],
};
const MAIN_INPUT: Record<Tower, string> = { text: 'input_ids', vision: 'pixel_values' };
const MASK_INPUT = 'attention_mask';
const LABEL: Record<Tower, string> = { text: 'text', vision: 'image' };

export interface TowerBinding {
  input: string;
  /** Fed when the graph declares it: 1 for each real token, 0 for padding. */
  mask?: string;
  output: string;
}

/** A tower whose graph does not have the inputs or outputs Clipscope feeds and reads; the message says what to do. */
export class TowerSignatureError extends Error {}

const list = (names: readonly string[]) => (names.length ? names.join(', ') : 'none');
const remedy =
  'Pick a model exported in the layout transformers.js uses (for example Xenova/clip-vit-base-patch32), or ' +
  're-export this one with Hugging Face optimum.';

/** Binds a tower's graph by name; throws a TowerSignatureError naming the expected and the found names. */
export function bindTower(tower: Tower, inputNames: readonly string[], outputNames: readonly string[]): TowerBinding {
  const wanted = EMBEDDING_OUTPUTS[tower];
  const output = wanted.find((name) => outputNames.includes(name));
  if (!output) {
    throw new TowerSignatureError(
      `The ${LABEL[tower]} model has no output named ${wanted.join(' or ')} (it has: ${list(outputNames)}). ${remedy}`,
    );
  }
  const input = MAIN_INPUT[tower];
  const accepted = tower === 'text' ? [input, MASK_INPUT] : [input];
  const unknown = inputNames.filter((name) => !accepted.includes(name));
  if (!inputNames.includes(input) || unknown.length) {
    throw new TowerSignatureError(
      `The ${LABEL[tower]} model takes inputs ${list(inputNames)}; Clipscope feeds ${accepted.join(' and ')}. ${remedy}`,
    );
  }
  return { input, output, ...(inputNames.includes(MASK_INPUT) && tower === 'text' ? { mask: MASK_INPUT } : {}) };
}

/** The attention mask of a padded [rows, sequenceLength] batch: 1 for the first lengths[r] tokens of row r. */
export function attentionMask(lengths: readonly number[], sequenceLength: number): BigInt64Array {
  const mask = new BigInt64Array(lengths.length * sequenceLength);
  lengths.forEach((length, r) => mask.fill(1n, r * sequenceLength, r * sequenceLength + length));
  return mask;
}

/**
 * Prompt indexes grouped by padded token length, in first-seen order. A prompt batched only with prompts of its
 * own length is never padded by longer ones, so its int8 text embedding (whose quantisation range would include
 * the padding) does not depend on which other labels share its batch.
 */
export function lengthGroups(lengths: readonly number[], padTo = 0): number[][] {
  const groups = new Map<number, number[]>();
  lengths.forEach((length, index) => {
    const key = Math.max(length, padTo);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  return [...groups.values()];
}
