// The model state of the worker: files, tokenizer, sessions and the encode calls. A WebGPU failure is thrown as a
// WebGpuFailure: after one, ONNX Runtime's instance in this worker may be unusable, so the client starts a fresh
// WASM worker instead of retrying here.
import type * as Ort from 'onnxruntime-web';
import { resizeTarget, toPixelValues, type PreprocessorConfig } from '../model/preprocess';
import { resizeBicubic } from '../model/resize';
import { ClipTokenizer, type TokenizerConfig } from '../model/tokenizer';
import type { BackendPreference, LoadedModel } from '../shared/protocol';
import { decodeImage, type DecodedImage } from './decode';
import { fetchModelFiles, type ModelFiles, type ProgressReporter } from './model-files';
import * as runtime from './runtime';

// OpenAI CLIP's trained scale; used only when a model's config does not record its own.
const DEFAULT_LOGIT_SCALE = 100;

export class WebGpuFailure extends Error {}

export interface ImageResult extends Omit<DecodedImage, 'pixels'> {
  embeds: Float32Array;
}

export class Engine {
  private files?: ModelFiles;
  private tokenizer?: ClipTokenizer;
  private preprocessor: PreprocessorConfig = {};
  private sessions?: runtime.Sessions;

  constructor(private readonly onDeviceLost: (reason: string) => void) {}

  async load(modelUrl: string, preference: BackendPreference, report: ProgressReporter): Promise<LoadedModel> {
    await runtime.releaseSessions(this.sessions);
    this.sessions = undefined;
    this.files = await fetchModelFiles(modelUrl, report);
    this.tokenizer = new ClipTokenizer(this.files.tokenizer, this.files.tokenizerConfig as TokenizerConfig);
    this.preprocessor = this.files.preprocessor as PreprocessorConfig;
    report('Starting the model', 0, 0);
    const choice = await runtime.chooseBackend(preference);
    this.sessions = await this.guard(choice.backend, 'to start', () =>
      runtime.createSessions(choice.backend, this.files!.textModel, this.files!.visionModel),
    );
    if (choice.backend === 'webgpu') void runtime.watchDeviceLoss(this.onDeviceLost);
    report('Warming up', 0, 0);
    const warm = await this.encodeTexts(['a photo']);
    await this.run('vision', await this.pixelTensor(new Float32Array(3 * this.inputEdge() ** 2)));
    return {
      backend: choice.backend,
      threads: choice.backend === 'wasm' ? runtime.wasmThreads() : 0,
      embedDim: warm.length,
      logitScale: this.files.config.clipscope?.logit_scale ?? DEFAULT_LOGIT_SCALE,
      notice: choice.notice,
    };
  }

  async encodeTexts(prompts: string[]): Promise<Float32Array> {
    const batch = this.requireTokenizer().encodeBatch(prompts);
    const ort = await runtime.loadOrt();
    return this.run('text', new ort.Tensor('int64', batch.ids, [batch.batchSize, batch.sequenceLength]));
  }

  async encodeImage(file: Blob): Promise<ImageResult> {
    const { pixels, ...decoded } = await decodeImage(file, this.resizeEdge());
    const target = resizeTarget(this.preprocessor, pixels.width, pixels.height);
    const values = toPixelValues(resizeBicubic(pixels, target.width, target.height), this.preprocessor);
    return { ...decoded, embeds: await this.run('vision', await this.pixelTensor(values)) };
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

  private async pixelTensor(values: Float32Array): Promise<Ort.Tensor> {
    const ort = await runtime.loadOrt();
    const edge = Math.round(Math.sqrt(values.length / 3));
    return new ort.Tensor('float32', values, [1, 3, edge, edge]);
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
