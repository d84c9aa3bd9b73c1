// What the PrefixLM benchmark page reports back to its Node driver (bench/prefixlm/run-prefixlm.ts).

/** One round's samples, in ms; each name is one variant of a pair timed back to back in the same round. */
export type RoundSamples = Record<string, number>;

export interface PrefixLmPageResult {
  error?: string;
  threads?: number;
  crossOriginIsolated?: boolean;
  /** Session creation of the four files, ms. */
  createMs?: number;
  rounds?: RoundSamples[];
  /** Token ids generated with and without the KV cache in the last round: they must match. */
  kvIds?: number[];
  /** How many tokens each timed generation gave (the forced lengths, if forcing worked). */
  lengths?: number[];
  rerunIds?: number[];
  /** Mean log-probabilities of the labels, batched and one per pass, last round: they must match. */
  batchedScores?: number[];
  perLabelScores?: number[];
}

/** Sample names: the variants of each pair. */
export const SAMPLES = {
  firstToken: 'first token',
  imageFeatures: 'image features (part of the first token)',
  kv: (n: number) => `${n} tokens, KV cache`,
  rerun: (n: number) => `${n} tokens, rerun`,
  batched: '48 labels, one batched pass',
  perLabel: '48 labels, one pass per label',
} as const;
