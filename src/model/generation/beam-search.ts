// Beam search (width 1..4) with the KV cache: each step scores every continuation of every live beam, keeps the
// best `width` that do not end, and sets aside those that end as finished hypotheses. The cache rows are reordered
// by the beam each survivor came from. Hypotheses are ranked by their summed log-probability divided by their
// length (the generated tokens, the end token included); the search stops once `width` hypotheses have finished,
// or at `maxTokens`, where the live beams count as finished.
import { reorderPasts, type Pasts } from './decoder-feeds';
import { decoderPrompt, type GeneratorConfig } from './generator-config';
import type { Decoded } from './greedy';
import { logSoftmax } from './log-softmax';
import { Decoder, logitsAt } from './model-calls';
import type { Runner, Tensor } from './tensor';

interface Beam {
  ids: number[];
  logProb: number;
}

interface Finished {
  ids: number[];
  score: number;
}

interface Candidate {
  beam: number;
  token: number;
  logProb: number;
}

/** The best `count` continuations of the beams (ties keep the lower beam, then the lower token). */
function bestCandidates(beams: Beam[], logProbs: Float64Array[], count: number): Candidate[] {
  const all: Candidate[] = [];
  beams.forEach((beam, b) =>
    logProbs[b]!.forEach((lp, token) => all.push({ beam: b, token, logProb: beam.logProb + lp })),
  );
  all.sort((x, y) => y.logProb - x.logProb || x.beam - y.beam || x.token - y.token);
  return all.slice(0, count);
}

export interface BeamControl {
  width: number;
  maxTokens: number;
  shouldStop: () => boolean;
}

export async function beamSearch(
  runner: Runner,
  config: GeneratorConfig,
  encoderHidden: Tensor & { type: 'float32' },
  control: BeamControl,
): Promise<Decoded> {
  const width = Math.max(1, Math.min(4, Math.round(control.width)));
  const finished: Finished[] = [];
  let beams: Beam[] = [{ ids: [], logProb: 0 }];
  let pasts: Pasts | undefined;
  // The first step runs one row (all beams would be the same); from then on one row per beam.
  let decoder = new Decoder(runner, config, encoderHidden, 1);
  for (let step = 0; step < control.maxTokens && finished.length < width; step++) {
    if (control.shouldStop()) return { ids: best(finished, beams), stopped: true };
    const rows = pasts ? beams.map((b) => b.ids.slice(-1)) : [decoderPrompt(config)];
    const out = await decoder.step(rows, pasts);
    const logProbs = beams.map((_, b) => logSoftmax(logitsAt(out.logits, b, out.logits.dims[1]! - 1)));
    const next: Beam[] = [];
    const origins: number[] = [];
    for (const candidate of bestCandidates(beams, logProbs, 2 * width)) {
      const ids = [...beams[candidate.beam]!.ids, candidate.token];
      if (candidate.token === config.eosTokenId) {
        if (finished.length < width) finished.push({ ids: ids.slice(0, -1), score: candidate.logProb / ids.length });
      } else if (next.length < width) {
        next.push({ ids, logProb: candidate.logProb });
        origins.push(candidate.beam);
      }
    }
    if (decoder.batch !== next.length) decoder = new Decoder(runner, config, encoderHidden, next.length);
    pasts = reorderPasts(out.pasts, origins);
    beams = next;
  }
  return { ids: best(finished, finished.length < width ? beams : []), stopped: false };
}

/** The best hypothesis: finished ones by their score, live ones (cut at the limit) by theirs so far. */
function best(finished: Finished[], live: Beam[]): number[] {
  const all = [...finished, ...live.map((b) => ({ ids: b.ids, score: b.logProb / Math.max(1, b.ids.length) }))];
  all.sort((x, y) => y.score - x.score);
  return all[0]?.ids ?? [];
}
