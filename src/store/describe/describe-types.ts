// What the Describe view shows per image: the PrefixLM's streamed caption, answer and continuation, and its
// likelihood scores of the labels (the generator session writes them, the view reads them).

type GenerationState = 'queued' | 'streaming' | 'done' | 'error';

export interface GeneratedTextState {
  state: GenerationState;
  text: string;
  tokenIds: number[];
  /** The person stopped it: the text is what came before the stop. */
  stopped: boolean;
  firstTokenMs?: number;
  tokensPerSecond?: number;
  /** Why it failed, in words that say what to do. */
  message?: string;
}

export interface LikelihoodState {
  state: 'queued' | 'done' | 'error';
  labels: string[];
  /** Softmax over the labels of their mean log-probabilities. */
  probabilities: number[];
  meanLogProbs: number[];
  /** The template's text before the label, which the labels continue. */
  prefix: string;
  message?: string;
}

export interface DescribeImageState {
  caption?: GeneratedTextState;
  answer?: GeneratedTextState;
  continuation?: GeneratedTextState;
  likelihood?: LikelihoodState;
}
