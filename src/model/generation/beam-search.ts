// Beam search (width 1..4) with the KV cache. Each step extends every live hypothesis by every token and keeps the
// `width` best extensions by summed log-probability (ties: the earlier hypothesis, then the lower token id); those
// that end with the end token are finished and leave the live set, whose cache rows are reordered by the
// hypothesis each survivor came from. It stops when none is live or after `maxTokens`; the answer is the finished
// or live hypothesis with the best score: the summed log-probability (end token included) divided by its length
// to the power `lengthPenalty` (generation_config.json's length_penalty; 0, no normalisation, when absent, as the
// bundled model's PyTorch reference decodes).
import { reorderPasts, type Pasts } from './decoder-feeds';
import { decoderPrompt, type GeneratorConfig } from './generator-config';
import type { Decoded } from './greedy';
import { logSoftmax } from './log-softmax';
import { Decoder, logitsAt } from './model-calls';
import type { Runner, Tensor } from './tensor';

interface Hypothesis {
  /** Generated ids, the end token included for a finished one. */
  ids: number[];
  logProb: number;
}

interface Candidate {
  beam: number;
  token: number;
  logProb: number;
}

const byRank = (x: Candidate, y: Candidate) => y.logProb - x.logProb || x.beam - y.beam || x.token - y.token;

/** The best `count` extensions of the live hypotheses: each one's own best `count` first, then merged. */
function bestExtensions(live: readonly Hypothesis[], logProbs: readonly Float64Array[], count: number) {
  const candidates: Candidate[] = [];
  live.forEach((hypothesis, beam) => {
    const own: Candidate[] = [];
    logProbs[beam]!.forEach((lp, token) => {
      const candidate = { beam, token, logProb: hypothesis.logProb + lp };
      if (own.length < count || byRank(candidate, own.at(-1)!) < 0) {
        own.push(candidate);
        own.sort(byRank);
        if (own.length > count) own.pop();
      }
    });
    candidates.push(...own);
  });
  return candidates.sort(byRank).slice(0, count);
}

export interface BeamControl {
  width: number;
  maxTokens: number;
  shouldStop: () => boolean | Promise<boolean>;
  lengthPenalty?: number;
}

export async function beamSearch(
  runner: Runner,
  config: GeneratorConfig,
  encoderHidden: Tensor & { type: 'float32' },
  control: BeamControl,
): Promise<Decoded> {
  const width = Math.max(1, Math.min(4, Math.round(control.width)));
  const finished: Hypothesis[] = [];
  let live: Hypothesis[] = [{ ids: [], logProb: 0 }];
  let pasts: Pasts | undefined;
  const decoders = new Map<number, Decoder>(); // by batch size: the encoder output repeated once per size
  const decoderFor = (batch: number) => {
    const decoder = decoders.get(batch) ?? new Decoder(runner, config, encoderHidden, batch);
    decoders.set(batch, decoder);
    return decoder;
  };
  const answer = (stopped: boolean): Decoded => ({
    ids: best([...finished, ...live], control.lengthPenalty ?? 0).filter((t) => t !== config.eosTokenId),
    stopped,
  });
  for (let step = 0; step < control.maxTokens && live.length > 0; step++) {
    if (await control.shouldStop()) return answer(true);
    const rows = pasts ? live.map((h) => h.ids.slice(-1)) : [decoderPrompt(config)];
    const out = await decoderFor(rows.length).step(rows, pasts);
    if (await control.shouldStop()) return answer(true);
    const logProbs = live.map((_, b) => logSoftmax(logitsAt(out.logits, b, out.logits.dims[1]! - 1)));
    const extended: Hypothesis[] = [];
    const origins: number[] = [];
    for (const candidate of bestExtensions(live, logProbs, width)) {
      const hypothesis = { ids: [...live[candidate.beam]!.ids, candidate.token], logProb: candidate.logProb };
      if (candidate.token === config.eosTokenId) finished.push(hypothesis);
      else {
        extended.push(hypothesis);
        origins.push(candidate.beam);
      }
    }
    live = extended;
    pasts = reorderPasts(out.pasts, origins);
  }
  return answer(false);
}

/** The best hypothesis's ids (the first of equal ones, finished before live). */
function best(hypotheses: readonly Hypothesis[], lengthPenalty: number): number[] {
  const score = (h: Hypothesis) => h.logProb / Math.max(1, h.ids.length) ** lengthPenalty;
  let top: Hypothesis | undefined;
  for (const h of hypotheses) if (!top || score(h) > score(top)) top = h;
  return top?.ids ?? [];
}
