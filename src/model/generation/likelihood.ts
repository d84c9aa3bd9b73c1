// How likely the model finds each label after an image and a prefix: the mean log-probability of the label's
// tokens, each given the ones before it (decoder input [start, t1..tn], no end token). Batched: one decoder pass
// with a row per label, right-padded (causal attention: padding after a label never affects it), the encoder
// output repeated per row. Or one label per pass (the benchmark's comparison); both give the same scores.
import type { GeneratorConfig } from './generator-config';
import { decoderPrompt } from './generator-config';
import { logSoftmax } from './log-softmax';
import { Decoder, logitsAt } from './model-calls';
import type { Runner, Tensor } from './tensor';

export interface LabelScores {
  meanLogProbs: Float32Array;
  tokenCounts: number[];
}

/** The mean log-probability of `label` in row `row` of logits, the prompt being `promptLength` tokens long. */
function meanLogProb(logits: Tensor & { type: 'float32' }, row: number, promptLength: number, label: number[]) {
  let sum = 0;
  label.forEach((token, k) => (sum += logSoftmax(logitsAt(logits, row, promptLength - 1 + k))[token]!));
  return label.length ? sum / label.length : Number.NaN;
}

export async function scoreLabels(
  runner: Runner,
  config: GeneratorConfig,
  encoderHidden: Tensor & { type: 'float32' },
  labels: readonly number[][],
  batched: boolean,
): Promise<LabelScores> {
  const prompt = decoderPrompt(config);
  const meanLogProbs = new Float32Array(labels.length);
  const groups = batched ? [labels.map((_, i) => i)] : labels.map((_, i) => [i]);
  for (const group of groups) {
    if (!group.length) continue;
    const width = Math.max(...group.map((i) => labels[i]!.length));
    const rows = group.map((i) => {
      const label = labels[i]!;
      return [...prompt, ...label, ...Array<number>(width - label.length).fill(config.padTokenId)];
    });
    const decoder = new Decoder(runner, config, encoderHidden, rows.length);
    const logits = await decoder.full(rows);
    group.forEach((label, row) => (meanLogProbs[label] = meanLogProb(logits, row, prompt.length, labels[label]!)));
  }
  return { meanLogProbs, tokenCounts: labels.map((l) => l.length) };
}
