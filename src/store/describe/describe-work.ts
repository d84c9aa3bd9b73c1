// What the describe session asks of the generator for each image, as pure functions: the prompts it sends, the
// key that says when an edit makes a result stale, the order the work runs in, and the likelihood chart's numbers.
import { TEMPLATE_SLOT } from '../../model/text/label-text';
import type { GeneratedTextState, LikelihoodState } from './describe-types';

export type GenerationKind = 'caption' | 'answer' | 'continuation';
export type TaskKind = GenerationKind | 'likelihood';

/** Captions first across images (every card gets one early), then likelihoods, then answers and continuations. */
export const TASK_ORDER: readonly TaskKind[] = ['caption', 'likelihood', 'answer', 'continuation'];

export const isGeneration = (kind: TaskKind): kind is GenerationKind => kind !== 'likelihood';

/** The settings the describe work depends on (the store's, read whenever the session looks for work). */
export interface DescribeInputs {
  question: string;
  prefix: string;
  beams: number;
  labels: readonly string[];
  template: string;
}

/** One request the session wants for an image: its prompt, and for likelihoods the labels. */
export interface WantedTask {
  prefix: string;
  labels?: string[];
  /** Equal keys mean equal requests: a task whose key changed is stale and runs again. */
  key: string;
}

/** The prompt the model was trained to answer after ("question: what colour is the star? answer:"). */
function answerPrompt(question: string): string {
  // A question typed in the trained form ("question: ... answer:") is taken as the bare question.
  const asked = question
    .trim()
    .replace(/^question:\s*/i, '')
    .replace(/\s*answer:$/i, '');
  return asked ? `question: ${asked} answer:` : '';
}

/** The template's text before the label slot, trimmed: the prefix the labels continue ("a photo of a"). */
export function likelihoodPrefix(template: string): string {
  const trimmed = template.trim();
  return trimmed.includes(TEMPLATE_SLOT) ? trimmed.slice(0, trimmed.indexOf(TEMPLATE_SLOT)).trim() : trimmed;
}

/** What `kind` wants under `inputs`; undefined when it has nothing to do (no question, no prefix, no labels). */
export function wantedTask(kind: TaskKind, inputs: DescribeInputs): WantedTask | undefined {
  const generation = (prefix: string) => ({ prefix, key: `${inputs.beams}\u0000${prefix}` });
  switch (kind) {
    case 'caption':
      return generation('');
    case 'answer': {
      const prompt = answerPrompt(inputs.question);
      return prompt ? generation(prompt) : undefined;
    }
    case 'continuation': {
      const prefix = inputs.prefix.trim();
      return prefix ? generation(prefix) : undefined;
    }
    case 'likelihood': {
      if (!inputs.labels.length) return undefined;
      const prefix = likelihoodPrefix(inputs.template);
      return { prefix, labels: [...inputs.labels], key: JSON.stringify([prefix, inputs.labels]) };
    }
  }
}

/** Softmax over the labels of their mean log-probabilities (shifted by the largest, so it never overflows). */
export function softmax(values: ArrayLike<number>): number[] {
  const list = Array.from(values);
  const top = Math.max(...list);
  const exps = list.map((v) => Math.exp(v - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export const queuedText = (): GeneratedTextState => ({ state: 'queued', text: '', tokenIds: [], stopped: false });

/** Most labels the PrefixLM scores: one batched decoder pass holds every label, so its memory grows with them. */
export const MAX_LIKELIHOOD_LABELS = 128;

/** A likelihood waiting for its turn, or an error when there are more labels than one pass can hold. */
export function queuedLikelihood(task: WantedTask): LikelihoodState {
  const labels = task.labels ?? [];
  const state = { labels, probabilities: [], meanLogProbs: [], prefix: task.prefix };
  if (labels.length <= MAX_LIKELIHOOD_LABELS) return { ...state, state: 'queued' };
  const message = `The PrefixLM scores at most ${MAX_LIKELIHOOD_LABELS} labels and there are ${labels.length}: use fewer labels to compare the two strategies.`;
  return { ...state, state: 'error', message };
}
