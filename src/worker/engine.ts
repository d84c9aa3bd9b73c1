// The model state of the worker: files, tokenizer, sessions and the encode calls. A WebGPU failure is thrown as a
// WebGpuFailure: after one, ONNX Runtime's instance in this worker may be unusable, so the client starts a fresh
// WASM worker instead of retrying here.
import type * as Ort from 'onnxruntime-web';
import { pixelValuesLength, writePixelValues } from '../model/pixel-values';
import type { PreprocessorConfig } from '../model/preprocess';
import { ClipTokenizer, type TokenizerConfig } from '../model/tokenizer';
import { chooseDtype } from '../model/dtype';
import type { LoadedModel, LoadRequest } from '../shared/protocol';
import { decodeImage, type DecodedImage } from './decode';
import { evictTowers, fetchConfigs, fetchTowers, type ProgressReporter } from './model-files';
import * as runtime from './runtime';

export class WebGpuFailure extends Error {}

export interface ImageResult extends Omit<DecodedImage, 'pixels'> {
  embeds: Float32Array;
}

export class Engine {
  private tokenizer?: ClipTokenizer;
  private preprocessor: PreprocessorConfig = {};
  private sessions?: runtime.Sessions;
  private padTo = 0;

  constructor(private readonly onDeviceLost: (reason: string) => void) {}

  async load(request: LoadRequest, signal: AbortSignal, report: ProgressReporter): Promise<LoadedModel> {
    await runtime.releaseSessions(this.sessions);
    this.sessions = undefined;
    const notices: string[] = [];
    const context = {
      modelUrl: request.modelUrl,
      useCache: request.useCache,
      localFiles: request.localFiles,
      signal,
      report,
      onNotice: (m: string) => notices.push(m),
    };
    this.padTo = request.padTo;
    const files = await fetchConfigs(context);
    this.tokenizer = new ClipTokenizer(files.tokenizer, files.tokenizerConfig as TokenizerConfig);
    this.preprocessor = files.preprocessor as PreprocessorConfig;
    const choice = await runtime.chooseBackend(request.backend);
    const { dtype, notice: dtypeNotice } = chooseDtype({
      backend: choice.backend,
      shaderF16: choice.shaderF16,
      available: request.dtypes,
      wasmDtype: request.wasmDtype,
      requested: request.dtype,
    });
    let towers = await fetchTowers(context, dtype);
    report('Starting the model', 0, 0);
    this.sessions = await this.guard(choice.backend, 'to start', async () => {
      try {
        return await runtime.createSessions(choice.backend, towers.textModel, towers.visionModel);
      } catch (error) {
        if (!towers.fromCache || choice.backend !== 'wasm') throw error;
        // A cached file ONNX Runtime cannot read is damaged: drop it and download it again, once.
        notices.push('A cached model file was damaged, so it was downloaded again.');
        await evictTowers(context, dtype);
        towers = await fetchTowers(context, dtype);
        return runtime.createSessions(choice.backend, towers.textModel, towers.visionModel);
      }
    });
    if (choice.backend === 'webgpu') void runtime.watchDeviceLoss(this.onDeviceLost);
    report('Warming up', 0, 0);
    const warm = await this.encodeTexts(['a photo']);
    await this.run('vision', this.pixelTensor(new Float32Array(3 * this.inputEdge() ** 2)));
    return {
      backend: choice.backend,
      dtype,
      fromCache: towers.fromCache,
      threads: choice.backend === 'wasm' ? runtime.wasmThreads() : 0,
      embedDim: warm.length,
      logitScale: files.config.clipscope?.logit_scale,
      logitBias: files.config.clipscope?.logit_bias,
      notice: [choice.notice, dtypeNotice, ...notices].filter(Boolean).join(' '),
    };
  }

  async encodeTexts(prompts: string[]): Promise<Float32Array> {
    const batch = this.requireTokenizer().encodeBatch(prompts, this.padTo);
    const { ort } = this.requireSessions();
    return this.run('text', new ort.Tensor('int64', batch.ids, [batch.batchSize, batch.sequenceLength]));
  }

  /**
   * Decodes and preprocesses each file, then encodes the decodable ones in one batch (cheaper per image than one
   * run each). A file that cannot be decoded gets its own Error; the others are unaffected.
   */
  async encodeImages(files: Blob[]): Promise<(ImageResult | Error)[]> {
    const decoded = await Promise.all(
      files.map((file) =>
        decodeImage(file, this.resizeEdge()).catch((error: unknown) =>
          error instanceof Error ? error : new Error(String(error)),
        ),
      ),
    );
    const good = decoded.filter((d): d is DecodedImage => !(d instanceof Error));
    if (good.length === 0) return decoded as Error[];
    // Every image is preprocessed straight into its slot of the batch tensor (crop size is fixed per model).
    const plane = pixelValuesLength(this.preprocessor, good[0]!.pixels.width, good[0]!.pixels.height);
    const batch = new Float32Array(good.length * plane);
    good.forEach((d, i) => writePixelValues(d.pixels, this.preprocessor, batch, i * plane));
    const embeds = await this.run('vision', this.pixelTensor(batch, good.length));
    const dim = embeds.length / good.length;
    let next = 0;
    return decoded.map((d) => {
      if (d instanceof Error) return d;
      const index = next++;
      const { thumbnail, width, height } = d;
      return { thumbnail, width, height, embeds: embeds.slice(index * dim, (index + 1) * dim) };
    });
  }

  private async run(tower: 'text' | 'vision', input: Ort.Tensor): Promise<Float32Array> {
    const sessions = this.requireSessions();
    const session = sessions[tower];
    const output = await this.guard(sessions.backend, 'while running', () =>
      session.run({ [session.inputNames[0]!]: input }),
    );
    return output[session.outputNames[0]!]!.data as Float32Array;
  }

  /** Runs `work`; a failure on WebGPU becomes a WebGpuFailure with words a person can read. */
  private async guard<T>(backend: string, when: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (backend !== 'webgpu') throw error;
      throw new WebGpuFailure(`WebGPU failed ${when}: ${runtime.describeError(error)}`);
    }
  }

  private pixelTensor(values: Float32Array, count = 1): Ort.Tensor {
    const { ort } = this.requireSessions();
    const edge = Math.round(Math.sqrt(values.length / count / 3));
    return new ort.Tensor('float32', values, [count, 3, edge, edge]);
  }

  private inputEdge(): number {
    const crop = this.preprocessor.crop_size;
    return typeof crop === 'number' ? crop : (crop?.height ?? this.resizeEdge());
  }

  private resizeEdge(): number {
    const size = this.preprocessor.size;
    return typeof size === 'number' ? size : (size?.shortest_edge ?? size?.height ?? 224);
  }

  private requireTokenizer(): ClipTokenizer {
    if (!this.tokenizer) throw new Error('No model is loaded yet.');
    return this.tokenizer;
  }

  private requireSessions(): runtime.Sessions {
    if (!this.sessions) throw new Error('No model is loaded yet.');
    return this.sessions;
  }
}
