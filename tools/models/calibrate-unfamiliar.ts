// Fits Clipscope Mini's "unfamiliar image" rule (src/model/scoring/unfamiliar-image.ts) on data and prints its margins.
// Usage: npx tsx tools/models/calibrate-unfamiliar.ts [set dir, default .models/unfamiliar] [--write]
// The set comes from make_unfamiliar_set.py. The shape images (and e2e/fixtures/*.png) must never trigger the rule:
// the threshold sits above the highest shape score of either dtype by MARGIN. --write stores the rule in the
// Mini's config.json under clipscope.unfamiliar.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unfamiliarScore, type UnfamiliarCalibration } from '../../src/model/scoring/unfamiliar-image';
import { readPng } from '../../tests/helpers/png';
import { encodeImages, loadNodeClip, pixelValues, type Dtype } from './node-model';

const MODEL_DIR = 'public/models/clipscope-mini';
const MARGIN = 1.0; // logit units between the highest shape score and the threshold
const L2 = 1e-3;
const STEPS = 3000;
const HELD_OUT_PHOTOS = [0, 5, 9]; // source photos (crop index mod 11) left out of the cross-check fit

interface Sample {
  name: string;
  unfamiliar: boolean;
  features: Float64Array;
  embeds: Record<Dtype, Float32Array>;
}

const args = process.argv.slice(2);
const setDir = args.find((a) => !a.startsWith('--')) ?? '.models/unfamiliar';
const pngs = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort();

function features(embeds: Float32Array): Float64Array {
  const length = Math.hypot(...embeds);
  const out = new Float64Array(embeds.length + 1);
  embeds.forEach((v, i) => (out[i] = v / length));
  out[embeds.length] = Math.log(length);
  return out;
}

async function loadSamples(): Promise<Sample[]> {
  const sources: [string, boolean][] = [
    [join(setDir, 'familiar'), false],
    ['e2e/fixtures', false],
    [join(setDir, 'unfamiliar'), true],
  ];
  const samples: Sample[] = [];
  for (const dtype of ['fp32', 'q8'] as Dtype[]) {
    const clip = await loadNodeClip(MODEL_DIR, dtype);
    let index = 0;
    for (const [dir, unfamiliar] of sources) {
      for (const file of pngs(dir)) {
        const embeds = (await encodeImages(clip, pixelValues(clip, readPng(join(dir, file))), 1)).data as Float32Array;
        const sample = (samples[index++] ??= {
          name: `${dir}/${file}`,
          unfamiliar,
          features: features(embeds),
          embeds: {} as Record<Dtype, Float32Array>,
        });
        sample.embeds[dtype] = embeds;
      }
    }
  }
  return samples;
}

/** Class-balanced logistic regression on standardised features by full-batch gradient descent (deterministic). */
function fit(samples: Sample[]): { weights: number[]; bias: number } {
  const dim = samples[0]!.features.length;
  const mean = new Float64Array(dim);
  const sd = new Float64Array(dim);
  samples.forEach((s) => s.features.forEach((v, i) => (mean[i] = mean[i]! + v / samples.length)));
  samples.forEach((s) => s.features.forEach((v, i) => (sd[i] = sd[i]! + (v - mean[i]!) ** 2 / samples.length)));
  sd.forEach((v, i) => (sd[i] = Math.sqrt(v) + 1e-6));
  const z = samples.map((s) => s.features.map((v, i) => (v - mean[i]!) / sd[i]!));
  const positives = samples.filter((s) => s.unfamiliar).length;
  const weightOf = (s: Sample) => 0.5 / (s.unfamiliar ? positives : samples.length - positives);
  const w = new Float64Array(dim);
  let b = 0;
  for (let step = 0; step < STEPS; step++) {
    const grad = new Float64Array(dim);
    let gradB = 0;
    samples.forEach((s, n) => {
      let logit = b;
      z[n]!.forEach((v, i) => (logit += w[i]! * v));
      const g = (1 / (1 + Math.exp(-logit)) - (s.unfamiliar ? 1 : 0)) * weightOf(s);
      z[n]!.forEach((v, i) => (grad[i] = grad[i]! + g * v));
      gradB += g;
    });
    w.forEach((v, i) => (w[i] = v - 0.5 * (grad[i]! + L2 * v)));
    b -= 0.5 * gradB;
  }
  // Fold the standardisation into the weights, so the app applies them to raw features.
  const weights = [...w].map((v, i) => v / sd[i]!);
  return { weights, bias: b - weights.reduce((sum, v, i) => sum + v * mean[i]!, 0) };
}

const kind = (s: Sample) =>
  `${s.unfamiliar ? 'unfamiliar' : 'familiar'} ${s.name.startsWith('e2e/') ? 'e2e-fixture' : s.name.split('/').at(-1)!.split('-')[0]}`;
const photoSource = (s: Sample) => (/photo-(\d+)/.exec(s.name) ? Number(/photo-(\d+)/.exec(s.name)![1]) % 11 : -1);

function report(title: string, calibration: UnfamiliarCalibration, samples: Sample[]): number {
  console.log(`\n${title} (threshold ${calibration.threshold.toFixed(3)})`);
  let shapeMisses = 0;
  const kinds = [...new Set(samples.map(kind))];
  for (const k of kinds) {
    for (const dtype of ['fp32', 'q8'] as Dtype[]) {
      const scores = samples.filter((s) => kind(s) === k).map((s) => unfamiliarScore(s.embeds[dtype], calibration));
      const unfamiliar = k.startsWith('unfamiliar');
      const wrong = scores.filter((v) => v > calibration.threshold !== unfamiliar).length;
      if (!unfamiliar) shapeMisses += wrong;
      const edge = unfamiliar ? Math.min(...scores) : Math.max(...scores);
      const margin = unfamiliar ? edge - calibration.threshold : calibration.threshold - edge;
      console.log(
        `  ${k.padEnd(24)} ${dtype.padEnd(4)} n=${String(scores.length).padEnd(4)} ${unfamiliar ? 'min' : 'max'} ${edge.toFixed(3)}  margin ${margin.toFixed(3)}  wrong ${wrong}`,
      );
    }
  }
  return shapeMisses;
}

function thresholdAbove(familiar: Sample[], fitted: { weights: number[]; bias: number }): UnfamiliarCalibration {
  const draft = { ...fitted, threshold: 0, domain: 'coloured shapes' };
  const highest = Math.max(
    ...familiar.flatMap((s) => [unfamiliarScore(s.embeds.fp32, draft), unfamiliarScore(s.embeds.q8, draft)]),
  );
  return { ...draft, threshold: highest + MARGIN };
}

const samples = await loadSamples();
// Cross-check: fit without three source photos and a quarter of the rest, then score what was left out.
const heldOut = (s: Sample, i: number) =>
  HELD_OUT_PHOTOS.includes(photoSource(s)) || (photoSource(s) === -1 && i % 4 === 0);
const crossFit = fit(samples.filter((s, i) => !heldOut(s, i)));
const crossCalibration = thresholdAbove(
  samples.filter((s, i) => !s.unfamiliar && !heldOut(s, i)),
  crossFit,
);
report('Cross-check on images left out of the fit', crossCalibration, samples.filter(heldOut));

const calibration = thresholdAbove(
  samples.filter((s) => !s.unfamiliar),
  fit(samples),
);
const shapeMisses = report('Final rule on every image', calibration, samples);
if (shapeMisses > 0) throw new Error(`${shapeMisses} shape images trigger the rule`);
if (args.includes('--write')) {
  const path = join(MODEL_DIR, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as { clipscope: Record<string, unknown> };
  const round = (v: number) => Number(v.toFixed(5));
  config.clipscope.unfamiliar = {
    ...calibration,
    weights: calibration.weights.map(round),
    bias: round(calibration.bias),
    threshold: round(calibration.threshold),
  };
  writeFileSync(path, JSON.stringify(config, null, 2) + '\n');
  console.log(`\nwrote clipscope.unfamiliar to ${path}`);
}
