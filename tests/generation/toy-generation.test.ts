// The generation loops on a toy decoder whose cache holds the ids it has seen (tests/helpers/toy-generator.ts):
// greedy and beam search with the KV cache must match references written here straight from the toy's
// probabilities, re-reading whole sequences (no cache, no reordering).
import { describe, expect, it } from 'vitest';
import { beamSearch } from '../../src/model/generation/beam-search';
import { greedyDecode } from '../../src/model/generation/greedy';
import { scoreLabels } from '../../src/model/generation/likelihood';
import { Decoder } from '../../src/model/generation/model-calls';
import type { Tensor } from '../../src/model/generation/tensor';
import { probabilities, TOY_CONFIG, toyRunner } from '../helpers/toy-generator';

const ENCODED: Tensor & { type: 'float32' } = { type: 'float32', data: new Float32Array(3), dims: [1, 3, 1] };
const END = TOY_CONFIG.eosTokenId;
const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

function referenceGreedy(seed: number, maxTokens: number): number[] {
  const ids: number[] = [];
  while (ids.length < maxTokens) {
    const p = probabilities([0, ...ids], seed);
    const next = p.indexOf(Math.max(...p));
    if (next === END) break;
    ids.push(next);
  }
  return ids;
}

/** The beam rule of tools/models/prefixlm/decode.py, in plain code. */
function referenceBeam(seed: number, width: number, maxTokens: number): number[] {
  let live: [number[], number][] = [[[], 0]];
  const finished: [number[], number][] = [];
  for (let step = 0; step < maxTokens && live.length; step++) {
    const candidates = live.flatMap(([ids, score], b) =>
      probabilities([0, ...ids], seed).map((p, t) => [score + Math.log(p), b, t] as const),
    );
    candidates.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
    const next: [number[], number][] = [];
    for (const [score, b, t] of candidates.slice(0, width)) {
      (t === END ? finished : next).push([[...live[b]![0], t], score]);
    }
    live = next;
  }
  let best = [...finished, ...live][0]!;
  for (const h of [...finished, ...live]) if (h[1] > best[1]) best = h;
  return best[0].filter((t) => t !== END);
}

const never = () => false;

describe('generation loops on a toy decoder', () => {
  it('greedy with the cache, and without it, give the reference ids', async () => {
    for (const seed of SEEDS) {
      const expected = referenceGreedy(seed, 6);
      for (const kvCache of [true, false]) {
        const decoder = new Decoder(toyRunner(seed), TOY_CONFIG, ENCODED, 1);
        const out = await greedyDecode(decoder, TOY_CONFIG, { maxTokens: 6, kvCache, shouldStop: never });
        expect(out.ids).toEqual(expected);
      }
    }
  });

  it('with the cache, each step feeds one token; without it, the whole sequence', async () => {
    const seed = SEEDS.find((s) => referenceGreedy(s, 6).length >= 3)!;
    const lengths: Record<string, number[]> = { cached: [], full: [] };
    for (const mode of ['cached', 'full'] as const) {
      const runner = toyRunner(seed);
      const counting = {
        run: (session: Parameters<typeof runner.run>[0], feeds: Record<string, Tensor>) => {
          if (session === 'decoder_model_merged') lengths[mode]!.push(feeds.inputs_embeds!.dims[1]!);
          return runner.run(session, feeds);
        },
      };
      const decoder = new Decoder(counting, TOY_CONFIG, ENCODED, 1);
      await greedyDecode(decoder, TOY_CONFIG, { maxTokens: 6, kvCache: mode === 'cached', shouldStop: never });
    }
    expect(lengths.cached!.every((l) => l === 1)).toBe(true);
    expect(lengths.full).toEqual(lengths.full!.map((_, i) => i + 1));
  });

  it('beam search with a reordered cache gives the reference ids for widths 1 to 4', async () => {
    let differsFromGreedy = 0;
    for (const seed of SEEDS) {
      for (const width of [1, 2, 3, 4]) {
        const out = await beamSearch(toyRunner(seed), TOY_CONFIG, ENCODED, { width, maxTokens: 5, shouldStop: never });
        expect(out.ids, `seed ${seed} width ${width}`).toEqual(referenceBeam(seed, width, 5));
        if (out.ids.join() !== referenceGreedy(seed, 5).join()) differsFromGreedy++;
      }
    }
    expect(differsFromGreedy).toBeGreaterThan(0); // the toy does exercise beams that beat greedy
  });

  it('scores labels batched (right-padded) exactly as one per pass, and as the probabilities say', async () => {
    const labels = [[3], [4, 5], [5, 3, 4], [3, 3]];
    const batched = await scoreLabels(toyRunner(7), TOY_CONFIG, ENCODED, labels, true);
    const single = await scoreLabels(toyRunner(7), TOY_CONFIG, ENCODED, labels, false);
    labels.forEach((label, i) => {
      const expected =
        label.reduce((sum, t, k) => sum + Math.log(probabilities([0, ...label.slice(0, k)], 7)[t]!), 0) / label.length;
      expect(batched.meanLogProbs[i]).toBeCloseTo(expected, 5);
      expect(single.meanLogProbs[i]).toBeCloseTo(expected, 5);
    });
    expect(batched.tokenCounts).toEqual([1, 2, 3, 2]);
  });
});
