// A loaded generator's requests, written against a Runner (tensor.ts): caption, answer or continuation of an image
// after a prefix (greedy with streamed text, or beam search), and likelihood scores of labels. The image features
// are computed once per image key (the 64 most recent kept); the encoder runs per (image, prefix).
import { beamSearch } from './beam-search';
import type { GeneratorConfig } from './generator-config';
import type { GeneratorTokenizer } from './generator-tokenizer';
import { greedyDecode } from './greedy';
import { scoreLabels, type LabelScores } from './likelihood';
import { Decoder, encodePrefix, imageFeatures } from './model-calls';
import { RecentCache } from './recent-cache';
import type { Runner, Tensor } from './tensor';

const FEATURE_CACHE_IMAGES = 64;

export interface ImageInput {
  imageKey: string;
  /** The image's pixel values [3, S, S], asked for only when its features are not kept. */
  pixelValues: () => Promise<Float32Array>;
}

export interface GenerateRequest extends ImageInput {
  prefix: string;
  maxTokens: number;
  beams: number;
  kvCache: boolean;
  shouldStop: () => boolean | Promise<boolean>;
  /** The whole text and ids so far, after each new token (greedy only). */
  onText?: (update: { text: string; tokenIds: number[] }) => void;
  /** Clock for the timings, in milliseconds. */
  now: () => number;
}

export interface Generation {
  text: string;
  tokenIds: number[];
  stopped: boolean;
  /** From the request's start to the first token (to the end when no token came). */
  firstTokenMs: number;
  /** Generated tokens per second of decoding (after the encoder). */
  tokensPerSecond: number;
  /** Time spent on the image's features (0 when they were kept). */
  imageMs: number;
}

export class Generator {
  private readonly features = new RecentCache<Tensor & { type: 'float32' }>(FEATURE_CACHE_IMAGES);

  constructor(
    private readonly runner: Runner,
    readonly config: GeneratorConfig,
    readonly tokenizer: GeneratorTokenizer,
  ) {}

  async generate(request: GenerateRequest): Promise<Generation> {
    const start = request.now();
    // Stopped while queued: nothing to compute.
    if (await request.shouldStop())
      return { text: '', tokenIds: [], stopped: true, firstTokenMs: 0, tokensPerSecond: 0, imageMs: 0 };
    const { hidden, imageMs } = await this.encode(request, request.prefix, request.now);
    const maxTokens = Math.max(0, Math.min(request.maxTokens, this.config.maxLength));
    const decodeStart = request.now();
    let firstToken: number | undefined;
    const decoded =
      request.beams > 1
        ? await beamSearch(this.runner, this.config, hidden, {
            width: request.beams,
            maxTokens,
            shouldStop: request.shouldStop,
            lengthPenalty: this.config.lengthPenalty,
          })
        : await greedyDecode(new Decoder(this.runner, this.config, hidden, 1), this.config, {
            maxTokens,
            kvCache: request.kvCache,
            shouldStop: request.shouldStop,
            onToken: (ids) => {
              firstToken ??= request.now();
              request.onText?.({ text: this.tokenizer.decode(ids), tokenIds: [...ids] });
            },
          });
    const end = request.now();
    const seconds = (end - decodeStart) / 1000;
    return {
      text: this.tokenizer.decode(decoded.ids),
      tokenIds: decoded.ids,
      stopped: decoded.stopped,
      firstTokenMs: (firstToken ?? end) - start,
      tokensPerSecond: seconds > 0 ? decoded.ids.length / seconds : 0,
      imageMs,
    };
  }

  async scoreLabels(
    input: ImageInput,
    prefix: string,
    labels: readonly string[],
    batched: boolean,
  ): Promise<LabelScores> {
    const { hidden } = await this.encode(input, prefix, () => 0);
    const ids = labels.map((label) => this.tokenizer.textIds(label));
    return scoreLabels(this.runner, this.config, hidden, ids, batched);
  }

  forgetImages(keys: readonly string[]): void {
    keys.forEach((key) => this.features.delete(key));
  }

  /** The encoder's output for the image and prefix, computing the image's features unless kept. */
  private async encode(input: ImageInput, prefix: string, now: () => number) {
    const kept = this.features.get(input.imageKey);
    const start = now();
    const features = kept ?? (await imageFeatures(this.runner, await input.pixelValues()));
    const imageMs = kept ? 0 : now() - start;
    if (!kept) this.features.set(input.imageKey, features);
    const hidden = await encodePrefix(this.runner, features, this.tokenizer.prefixIds(prefix));
    return { hidden, imageMs };
  }
}
