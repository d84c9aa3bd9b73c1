import { COSINE_ONLY, scoreImage, type LabelScores, type ScoringRule } from '../model/scoring/score-image';
import { expandTemplate, parseLabels } from '../model/text/label-text';
import { MAX_LABEL_CHARS, MAX_LABELS } from '../shared/settings';
import type { AppState } from './store';

export interface LabelMatrix {
  /** Labels whose prompt embedding is ready, in editor order. */
  labels: string[];
  /** Their text embeddings, row-major [labels, dim]. */
  embeds: Float32Array;
  /** Labels still being encoded. */
  pending: number;
  /** Labels left out because their prompt tokenizes exactly like an earlier label's (which keeps the bar). */
  merged: MergedLabel[];
}

export interface MergedLabel {
  label: string;
  /** Later labels that the model cannot tell apart from `label`. */
  same: string[];
}

export function currentLabels(state: Pick<AppState, 'labelsText'>): string[] {
  return parseLabels(state.labelsText, MAX_LABELS, MAX_LABEL_CHARS);
}

/** Labels beyond MAX_LABELS, which are left out (the editor says so). */
export function droppedLabelCount(state: Pick<AppState, 'labelsText'>): number {
  const all = parseLabels(state.labelsText, MAX_LABELS + 1, MAX_LABEL_CHARS);
  return all.length > MAX_LABELS ? parseLabels(state.labelsText, Infinity, MAX_LABEL_CHARS).length - MAX_LABELS : 0;
}

export function currentPrompts(state: Pick<AppState, 'labelsText' | 'template'>): string[] {
  return currentLabels(state).map((label) => expandTemplate(state.template, label));
}

// Keyed by the prompt cache (a new map whenever an embedding arrives, and one per store), so two stores never share
// an entry and a dropped cache takes its matrix with it.
const matrices = new WeakMap<object, { key: unknown[]; value: LabelMatrix }>();

/** The label embeddings the chart scores against; recomputed only when labels, template or cache change. */
export function selectLabelMatrix(
  state: Pick<AppState, 'labelsText' | 'template' | 'textEmbeds' | 'promptTokens'>,
): LabelMatrix {
  const key = [state.labelsText, state.template, state.promptTokens];
  const cached = matrices.get(state.textEmbeds);
  if (cached && cached.key.every((k, i) => k === key[i])) return cached.value;
  const value = buildLabelMatrix(
    currentLabels(state),
    (label) => state.textEmbeds.get(expandTemplate(state.template, label)),
    (label) => state.promptTokens.get(expandTemplate(state.template, label)),
  );
  matrices.set(state.textEmbeds, { key, value });
  return value;
}

/**
 * The labels whose embedding `lookup` finds, in order, with those embeddings row-major; the rest count as pending.
 * Labels with the same `tokensOf` key as an earlier one (the tokenizer lowercases: "Cat" and "cat") are merged into
 * it: two bars for one input would split its probability.
 */
export function buildLabelMatrix(
  all: readonly string[],
  lookup: (label: string) => Float32Array | undefined,
  tokensOf: (label: string) => string | undefined = () => undefined,
): LabelMatrix {
  const labels: string[] = [];
  const rows: Float32Array[] = [];
  const byTokens = new Map<string, MergedLabel>();
  let pending = 0;
  for (const label of all) {
    const embed = lookup(label);
    if (!embed) {
      pending++;
      continue;
    }
    const tokens = tokensOf(label);
    const first = tokens === undefined ? undefined : byTokens.get(tokens);
    if (first) {
      first.same.push(label);
      continue;
    }
    if (tokens !== undefined) byTokens.set(tokens, { label, same: [] });
    labels.push(label);
    rows.push(embed);
  }
  const dim = rows[0]?.length ?? 0;
  const embeds = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => embeds.set(row, i * dim));
  return { labels, embeds, pending, merged: [...byTokens.values()].filter((m) => m.same.length > 0) };
}

/** One image embedding scored against a label matrix with the model's rule; undefined while either is missing. */
export function scoreLabels(
  embeds: Float32Array | undefined,
  matrix: LabelMatrix,
  rule: ScoringRule | undefined,
): LabelScores | undefined {
  return embeds && matrix.labels.length ? scoreImage(embeds, matrix.embeds, rule ?? COSINE_ONLY) : undefined;
}
