// A CLIP model's state in the worker: files, tokenizer, sessions and the encode calls. A WebGPU failure is thrown
// as a WebGpuFailure (worker-errors.ts): the host then has the client start a fresh WASM worker.
import type { PreprocessorConfig } from '../model/image/preprocess';
import { resampleName } from '../model/image/resample';
import { ClipTokenizer, type TokenizerConfig } from '../model/text/tokenizer';
import { chooseDtype } from '../model/catalogue/dtype-choice';
import { rewritePatchEmbedding } from '../model/onnx/patch-embedding';
import { lengthGroups, TowerSignatureError } from '../model/onnx/tower-io';
import type { Backend, LoadedModel, LoadRequest } from '../shared/protocol';
import { framePixels } from './frame';
import { evictTowers, fetchConfigs, fetchLearnedScoring, fetchTowers, type ProgressReporter } from './model-files';
import { pixelValues, prepareImage, resizeEdge, type PreparedImage } from './prepare-image';
import * as runtime from './runtime';
import { Towers } from './towers';
import { guardWebGpu } from './worker-errors';
import { describeUncatalogued } from './uncatalogued';
import { readUnfamiliarCalibration } from '../model/scoring/unfamiliar-image';
import type { Tower } from '../shared/load-phase';
import { clearLoadTimings, timed } from './load-timing';

export interface ImageResult {
  embeds: Float32Array;
  thumbnail: Blob;
  width: number;
  height: number;
}

export class Engine {
  private tokenizer?: ClipTokenizer;
  private preprocessor: PreprocessorConfig = {};
  private towers?: Towers;
  private padTo = 0;

  constructor(private readonly onDeviceLost: (reason: string) => void) {}

  async load(request: LoadRequest, signal: AbortSignal, report: ProgressReporter): Promise<LoadedModel> {
    await this.towers?.release();
    this.towers = undefined;
    clearLoadTimings();
    const notices: string[] = [];
    const context = {
      modelUrl: request.modelUrl,
      useCache: request.useCache,
      localFiles: request.localFiles,
      signal,
      report,
      onNotice: (m: string) => notices.push(m),
    };
    // The backend is chosen and ONNX Runtime started while the model's files download (see runtime.startRuntime).
    const choosing = runtime.chooseBackend(request.backend);
    // WASM only: WebGPU did not start after it (e2e/backends.spec.ts).
    const starting = choosing
      .then((c) => (c.backend === 'wasm' ? timed('runtime start', () => runtime.startRuntime(c.backend)) : undefined))
      .catch(() => {});
    const files = await timed('configs', () => fetchConfigs(context));
    const uncatalogued =
      request.uncatalogued && (await describeUncatalogued(request.uncatalogued, files.config, context));
    this.padTo = uncatalogued ? uncatalogued.padTo : request.padTo;
    const available = uncatalogued ? uncatalogued.dtypes : request.dtypes;
    const learned =
      files.config.clipscope?.logit_scale === undefined && request.scoringWeightsUrl
        ? await fetchLearnedScoring(context, request.scoringWeightsUrl).catch((error: Error) => {
            notices.push(
              `The model's trained scale and bias could not be read (${error.message}), so only cosine similarities are shown.`,
            );
            return undefined;
          })
        : undefined;
    this.tokenizer = new ClipTokenizer(files.tokenizer, files.tokenizerConfig as TokenizerConfig);
    this.preprocessor = files.preprocessor as PreprocessorConfig;
    resampleName(this.preprocessor.resample); // a filter PIL does not define stops the load, with what to do
    const choice = await choosing;
    const { dtype, notice: dtypeNotice } = chooseDtype({
      backend: choice.backend,
      shaderF16: choice.shaderF16,
      available,
      wasmDtype: request.wasmDtype,
      requested: request.dtype,
    });
    let towers = await timed('download', () => fetchTowers(context, dtype));
    const compiling = (part: Tower, partsDone: number) => report({ kind: 'compiling', part, partsDone, partsTotal: 2 });
    compiling('text', 0); // the graph rewrites below come first, and take a moment for a large model
    await starting;
    this.towers = await guardWebGpu(choice.backend, 'to start', async () => {
      try {
        return await Towers.create(
          choice.backend,
          towers.textModel,
          this.fastVision(towers, choice.backend),
          compiling,
        );
      } catch (error) {
        if (!towers.fromCache || choice.backend !== 'wasm' || error instanceof TowerSignatureError) throw error;
        // A cached file ONNX Runtime cannot read is damaged: drop it and download it again, once.
        notices.push('A cached model file was damaged, so it was downloaded again.');
        await evictTowers(context, dtype);
        towers = await fetchTowers(context, dtype);
        return Towers.create(choice.backend, towers.textModel, this.fastVision(towers, choice.backend), compiling);
      }
    });
    if (choice.backend === 'webgpu') void runtime.watchDeviceLoss(this.onDeviceLost);
    report({ kind: 'warming-up', stepsDone: 0, stepsTotal: 1 });
    // Only the image tower is warmed (its first run is slow): the text tower's first run is the labels', which the
    // app encodes as soon as the model is ready, so warming it too would only make "ready" come later.
    const blank = new Float32Array(3 * this.inputEdge() ** 2);
    const warm = await timed('warm-up vision', () => this.requireTowers().images([blank]));
    return {
      backend: choice.backend,
      dtype,
      fromCache: towers.fromCache,
      threads: choice.backend === 'wasm' ? runtime.wasmThreads() : 0,
      embedDim: warm.length,
      logitScale: files.config.clipscope?.logit_scale ?? learned?.logitScale,
      logitBias: files.config.clipscope?.logit_bias ?? learned?.logitBias,
      notice: [choice.notice, dtypeNotice, ...notices].filter(Boolean).join(' '),
      dtypes: available,
      configScoring: uncatalogued ? uncatalogued.scoring : undefined,
      unfamiliar: readUnfamiliarCalibration(files.config.clipscope?.unfamiliar, warm.length),
      softwareAdapter: choice.softwareAdapter,
    };
  }

  /**
   * Encodes prompts in batches of equal token length (see lengthGroups), returned in the order given, with each
   * prompt's token ids as a string: equal strings mean the text tower saw the same input.
   */
  async encodeTexts(prompts: string[]): Promise<{ embeds: Float32Array; tokens: string[] }> {
    const tokenizer = this.requireTokenizer();
    const rows = prompts.map((p) => tokenizer.encode(p));
    const lengths = rows.map((row) => row.length);
    let out: Float32Array | undefined;
    for (const group of lengthGroups(lengths, this.padTo)) {
      const batch = tokenizer.padRows(
        group.map((i) => rows[i]!),
        this.padTo,
      );
      const lengthsOf = group.map((i) => lengths[i]!);
      const embeds = await this.requireTowers().text(batch.ids, lengthsOf, batch.sequenceLength);
      const dim = embeds.length / group.length;
      out ??= new Float32Array(prompts.length * dim);
      group.forEach((index, row) => out!.set(embeds.subarray(row * dim, (row + 1) * dim), index * dim));
    }
    return { embeds: out ?? new Float32Array(0), tokens: rows.map((row) => row.join(' ')) };
  }

  /** Frees the sessions (another kind's model replaces this one). */
  async release(): Promise<void> {
    await this.towers?.release();
    this.towers = undefined;
  }

  /** The loaded model's preprocessing, for images prepared ahead of their run. */
  get preprocessorConfig(): PreprocessorConfig {
    return this.preprocessor;
  }

  /**
   * Encodes the prepared images in one batch (cheaper per image than one run each); errors pass through in place.
   */
  async encodePrepared(prepared: (PreparedImage | Error)[]): Promise<(ImageResult | Error)[]> {
    // Images prepared for a model loaded before this one are prepared again from their files.
    const config = this.preprocessor;
    prepared = await Promise.all(
      prepared.map((p) => (p instanceof Error || p.config === config ? p : prepareImage(p.file, config))),
    );
    const good = prepared.filter((p): p is PreparedImage => !(p instanceof Error));
    if (good.length === 0) return prepared as Error[];
    const embeds = await this.requireTowers().images(good.map((p) => p.values));
    const dim = embeds.length / good.length;
    const thumbnails = await Promise.allSettled(good.map((p) => p.thumbnail));
    let next = 0;
    return prepared.map((p) => {
      if (p instanceof Error) return p;
      const index = next++;
      const thumbnail = thumbnails[index]!;
      if (thumbnail.status === 'rejected') return new Error(`The preview of this image failed: ${thumbnail.reason}`);
      const { width, height } = p;
      return { thumbnail: thumbnail.value, width, height, embeds: embeds.slice(index * dim, (index + 1) * dim) };
    });
  }

  /** Encodes one live camera frame (no thumbnail, no EXIF: it is upright already) and closes the bitmap. */
  async encodeFrame(frame: ImageBitmap): Promise<Float32Array> {
    try {
      const pixels = framePixels(frame, resizeEdge(this.preprocessor));
      return await this.requireTowers().images([pixelValues(pixels, this.preprocessor).values]);
    } finally {
      frame.close();
    }
  }

  /**
   * On WASM, a quantised ViT's patch embedding runs as one MatMulInteger instead of ConvInteger: the same sums,
   * about 20% less time per image for ViT-B/32 (see patch-embedding.ts). WebGPU runs neither op itself.
   */
  private fastVision(towers: { visionModel: Uint8Array }, backend: Backend): Uint8Array {
    return backend === 'wasm' ? rewritePatchEmbedding(towers.visionModel, this.inputEdge()).model : towers.visionModel;
  }

  private inputEdge(): number {
    const crop = this.preprocessor.crop_size;
    return typeof crop === 'number' ? crop : (crop?.height ?? resizeEdge(this.preprocessor));
  }

  private requireTokenizer(): ClipTokenizer {
    if (!this.tokenizer) throw new Error('No model is loaded yet.');
    return this.tokenizer;
  }

  private requireTowers(): Towers {
    if (!this.towers) throw new Error('No model is loaded yet.');
    return this.towers;
  }
}
