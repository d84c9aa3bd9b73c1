// Summaries of the PrefixLM page's rounds: medians (min-max) of each variant and of the same-round ratios.
import { formatTiming, summarise, type BenchTiming } from '../stats';
import { SAMPLES, type PrefixLmPageResult, type RoundSamples } from './page-protocol';

const LENGTHS = [16, 48] as const;

export interface PrefixLmSummary {
  dtype: string;
  threads: number;
  createMs: number;
  rounds: RoundSamples[];
  firstTokenMs: BenchTiming;
  imageFeaturesMs: BenchTiming;
  /** Per forced length: tokens per second with the KV cache, re-running the sequence, and their ratio per round. */
  generation: { tokens: number; kvCache: BenchTiming; rerun: BenchTiming; speedUp: BenchTiming }[];
  /** ms for 48 labels, and per-label time / batched time per round. */
  scoring: { batched: BenchTiming; perLabel: BenchTiming; speedUp: BenchTiming };
  /** Both ways of generating and of scoring compute the same thing (a check that the benchmark times like work). */
  sameTokens: boolean;
  /** Every timed generation gave exactly the length asked for (the end token ignored). */
  forcedLengths: boolean;
  scoreMaxDiff: number;
}

const over = (rounds: RoundSamples[], value: (r: RoundSamples) => number) => summarise(rounds.map(value));

export function summariseRounds(dtype: string, result: PrefixLmPageResult): PrefixLmSummary {
  const rounds = result.rounds ?? [];
  const perSecond = (n: number, name: string) => (r: RoundSamples) => (n * 1000) / r[name]!;
  const batched = result.batchedScores ?? [];
  const perLabel = result.perLabelScores ?? [];
  return {
    dtype,
    threads: result.threads ?? 0,
    createMs: result.createMs ?? NaN,
    rounds,
    firstTokenMs: over(rounds, (r) => r[SAMPLES.firstToken]!),
    imageFeaturesMs: over(rounds, (r) => r[SAMPLES.imageFeatures]!),
    generation: LENGTHS.map((n) => ({
      tokens: n,
      kvCache: over(rounds, perSecond(n, SAMPLES.kv(n))),
      rerun: over(rounds, perSecond(n, SAMPLES.rerun(n))),
      speedUp: over(rounds, (r) => r[SAMPLES.rerun(n)]! / r[SAMPLES.kv(n)]!),
    })),
    scoring: {
      batched: over(rounds, (r) => r[SAMPLES.batched]!),
      perLabel: over(rounds, (r) => r[SAMPLES.perLabel]!),
      speedUp: over(rounds, (r) => r[SAMPLES.perLabel]! / r[SAMPLES.batched]!),
    },
    sameTokens: JSON.stringify(result.kvIds) === JSON.stringify(result.rerunIds),
    forcedLengths:
      LENGTHS.every(
        (n) => result.lengths?.filter((l) => l === n).length === (result.lengths?.length ?? 0) / LENGTHS.length,
      ) && (result.lengths?.length ?? 0) > 0,
    scoreMaxDiff:
      batched.length === perLabel.length && batched.length > 0
        ? Math.max(...batched.map((b, i) => Math.abs(b - perLabel[i]!)))
        : Infinity,
  };
}

const ratio = (t: BenchTiming) => `${t.median.toFixed(2)}x (${t.min.toFixed(2)}-${t.max.toFixed(2)})`;

export function formatPrefixLmTable(summaries: PrefixLmSummary[], rounds: number): string {
  const lines = [
    `Mini PrefixLM on WASM in Chromium (onnxruntime-web, the app's build and thread count), the app's generation code (src/model/generation/); median (min-max) of ${rounds} rounds after warm-up, the two variants of each pair back to back in every round (order alternating); ratios taken within each round.`,
    '',
    '| workload | with KV cache / batched | rerun / one pass per label | ratio (same round) |',
    '| --- | --- | --- | --- |',
  ];
  for (const s of summaries) {
    const tag = `${s.dtype}, ${s.threads} threads`;
    lines.push(
      `| ${tag}: time to first token (image encode, encoder, first decoder step) | ${formatTiming(s.firstTokenMs)} ms, of which image encode ${formatTiming(s.imageFeaturesMs)} ms | | |`,
    );
    for (const g of s.generation) {
      lines.push(
        `| ${tag}: tokens per second at ${g.tokens} generated tokens (end ignored) | ${formatTiming(g.kvCache)} | ${formatTiming(g.rerun)} | KV cache ${ratio(g.speedUp)} faster |`,
      );
    }
    lines.push(
      `| ${tag}: likelihood of 48 labels, ms | ${formatTiming(s.scoring.batched)} | ${formatTiming(s.scoring.perLabel)} | batched ${ratio(s.scoring.speedUp)} faster |`,
    );
  }
  lines.push('');
  for (const s of summaries) {
    const [short, long] = s.generation;
    lines.push(
      `Ratios, ${s.dtype} (medians of same-round ratios): KV cache against rerun, per token, ${short!.speedUp.median.toFixed(2)}x at ${short!.tokens} tokens and ${long!.speedUp.median.toFixed(2)}x at ${long!.tokens}; batched against per-label scoring ${s.scoring.speedUp.median.toFixed(2)}x.`,
    );
  }
  lines.push('');
  for (const s of summaries) {
    lines.push(
      `${s.dtype}: sessions created in ${s.createMs.toFixed(0)} ms; every generation ${s.forcedLengths ? 'had' : 'did NOT have'} the forced length; KV cache and rerun generate ${s.sameTokens ? 'the same' : 'DIFFERENT'} tokens; batched and per-label mean log-probabilities differ by at most ${s.scoreMaxDiff.toExponential(1)}.`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The headline ratios by dtype, for the results' JSON. */
export function headlineRatios(summaries: PrefixLmSummary[]) {
  return Object.fromEntries(
    summaries.map((s) => [
      s.dtype,
      {
        ...Object.fromEntries(s.generation.map((g) => [`kvCacheOverRerunAt${g.tokens}`, g.speedUp])),
        batchedOverPerLabel: s.scoring.speedUp,
      },
    ]),
  );
}
