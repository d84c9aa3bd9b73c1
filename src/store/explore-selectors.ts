// Derived data for the explore views. Every text embedding they use (search query, ensemble prompts) lives in the
// one prompt cache of the labels slice and is encoded by the same path as the labels (image-actions.ts).
import { ensembleEmbedding } from '../model/scoring/prompt-ensemble';
import { expandTemplate } from '../model/text/label-text';
import { ENSEMBLE_TEMPLATES } from '../model/text/prompt-templates';
import { rankByCosine } from '../model/scoring/ranking';
import { MAX_LABEL_CHARS } from '../shared/settings';
import type { ImageItem } from './images-slice';
import { buildLabelMatrix, currentLabels, currentPrompts, type LabelMatrix } from './selectors';
import type { AppState } from './store';

/** The search text as it is encoded: whitespace folded, as long as a label may be. */
function searchPrompt(query: string): string {
  return query.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL_CHARS);
}

export function ensemblePrompts(label: string): string[] {
  return ENSEMBLE_TEMPLATES.map((template) => expandTemplate(template, label));
}

type PromptInputs = Pick<AppState, 'labelsText' | 'template' | 'searchQuery' | 'exploreTab'>;

/** Every prompt the app needs encoded now: the labels first (the chart), then the search, then the ensemble. */
export function wantedPrompts(state: PromptInputs): string[] {
  const prompts = currentPrompts(state);
  const query = searchPrompt(state.searchQuery);
  if (query) prompts.push(query);
  if (state.exploreTab === 'ensemble') currentLabels(state).forEach((label) => prompts.push(...ensemblePrompts(label)));
  return prompts;
}

export function promptInputsChanged(state: PromptInputs, previous: PromptInputs): boolean {
  return (['labelsText', 'template', 'searchQuery', 'exploreTab'] as const).some((k) => state[k] !== previous[k]);
}

interface SearchResult {
  image: ImageItem;
  score: number;
}

export interface SearchRanking {
  /** What the images are ranked by: a text, an image ("more like this"), or nothing yet. */
  kind: 'text' | 'image' | 'none';
  results: SearchResult[];
  /** The query's embedding is not ready yet. */
  pending: boolean;
}

type SearchInputs = Pick<AppState, 'searchQuery' | 'similarToId' | 'images' | 'textEmbeds'>;

export function searchRanking(state: SearchInputs): SearchRanking {
  const encoded = state.images.filter((i) => i.embeds);
  const rank = (query: Float32Array) =>
    rankByCosine(
      query,
      encoded.map((i) => i.embeds!),
    ).map(({ index, score }) => ({ image: encoded[index]!, score }));
  const similar = state.similarToId && state.images.find((i) => i.id === state.similarToId);
  if (similar) return { kind: 'image', results: similar.embeds ? rank(similar.embeds) : [], pending: !similar.embeds };
  const query = searchPrompt(state.searchQuery);
  if (!query) return { kind: 'none', results: [], pending: false };
  const embed = state.textEmbeds.get(query);
  return { kind: 'text', results: embed ? rank(embed) : [], pending: !embed };
}

/** The labels whose every ensemble prompt is encoded, each with the renormalised mean of its prompts' embeddings. */
export function ensembleLabelMatrix(state: Pick<AppState, 'labelsText' | 'textEmbeds' | 'promptTokens'>): LabelMatrix {
  return buildLabelMatrix(
    currentLabels(state),
    (label) => {
      const embeds = ensemblePrompts(label).map((p) => state.textEmbeds.get(p));
      return embeds.every((e) => e) ? ensembleEmbedding(embeds as Float32Array[]) : undefined;
    },
    (label) => {
      const tokens = ensemblePrompts(label).map((p) => state.promptTokens.get(p));
      return tokens.every((t) => t !== undefined) ? tokens.join('|') : undefined;
    },
  );
}
