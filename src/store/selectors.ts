import { expandTemplate, parseLabels } from '../model/labels';
import { MAX_LABEL_CHARS, MAX_LABELS } from '../shared/settings';
import type { AppState } from './store';

export interface LabelMatrix {
  /** Labels whose prompt embedding is ready, in editor order. */
  labels: string[];
  /** Their text embeddings, row-major [labels, dim]. */
  embeds: Float32Array;
  /** Labels still being encoded. */
  pending: number;
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

let cache: { key: unknown[]; value: LabelMatrix } | undefined;

/** The label embeddings the chart scores against; recomputed only when labels, template or cache change. */
export function selectLabelMatrix(state: Pick<AppState, 'labelsText' | 'template' | 'textEmbeds'>): LabelMatrix {
  const key = [state.labelsText, state.template, state.textEmbeds];
  if (cache && cache.key.every((k, i) => k === key[i])) return cache.value;
  const labels: string[] = [];
  const rows: Float32Array[] = [];
  for (const label of currentLabels(state)) {
    const embed = state.textEmbeds.get(expandTemplate(state.template, label));
    if (embed) {
      labels.push(label);
      rows.push(embed);
    }
  }
  const dim = rows[0]?.length ?? 0;
  const embeds = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => embeds.set(row, i * dim));
  const pending = currentLabels(state).length - labels.length;
  cache = { key, value: { labels, embeds, pending } };
  return cache.value;
}
