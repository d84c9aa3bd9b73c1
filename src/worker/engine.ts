// The model state of the worker: files, tokenizer, sessions, and the encode calls, each of which finishes on
// WASM if WebGPU fails underneath it.
import type * as Ort from 'onnxruntime-web';
import { resizeTarget, toPixelValues, type PreprocessorConfig } from '../model/preprocess';
import { resizeBicubic } from '../model/resize';
import { ClipTokenizer, type TokenizerConfig } from '../model/tokenizer';
import type { Backend, BackendPreference, LoadedModel } from '../shared/protocol';
import { decodeImage, type DecodedImage } from './decode';
import { fetchModelFiles, type ModelFiles, type ProgressReporter } from './model-files';
import * as runtime from './runtime';

// OpenAI CLIP's trained scale; used only when a model's config does not record its own.
const DEFAULT_LOGIT_SCALE = 100;

export interface ImageResult extends Omit<DecodedImage, 'pixels'> {
  embeds: Float32Array;
}

export class Engine {
  private files?: ModelFiles;
  private tokenizer?: ClipTokenizer;
  private preprocessor: PreprocessorConfig = {};
  private sessions?: runtime.Sessions;
  private switching?: Promise<void>;

  constructor(private readonly onBackendChanged: (backend: Backend, notice: string) => void) {}

  async load(modelUrl: string, preference: BackendPreference, report: ProgressReporter): Promise<LoadedModel> {
    await runtime.releaseSessions(this.sessions);
    this.sessions = undefined;
    this.files = await fetchModelFiles(modelUrl, report);
    this.tokenizer = new ClipTokenizer(this.files.tokenizer, this.files.tokenizerConfig as TokenizerConfig);
    this.preprocessor = this.files.preprocessor as PreprocessorConfig;
    report('Starting the model', 0, 0);
    const choice = await runtime.chooseBackend(preference);
    let notice = choice.notice;
    try {
      this.sessions = await this.start(choice.backend);
    } catch (error) {
      if (choice.backend === 'wasm') throw error;
      notice = `WebGPU failed to start (${runtime.describeError(error)}), so the model runs on WASM (CPU).`;
      this.sessions = await this.start('wasm');
    }
    report('Warming up', 0, 0);
    const warm = await this.encodeTexts(['a photo']);
    await this.run('vision', await this.pixelTensor(new Float32Array(3 * this.inputEdge() ** 2)));
    return {
      backend: this.sessions.backend,
      threads: this.sessions.backend === 'wasm' ? runtime.wasmThreads() : 0,
      embedDim: warm.length,
      logitScale: this.files.config.clipscope?.logit_scale ?? DEFAULT_LOGIT_SCALE,
      notice,
    };
  }

  async encodeTexts(prompts: string[]): Promise<Float32Array> {
    const batch = this.requireTokenizer().encodeBatch(prompts);
    const ort = await runtime.loadOrt();
    const ids = new ort.Tensor('int64', batch.ids, [batch.batchSize, batch.sequenceLength]);
    return this.run('text', ids);
  }

  async encodeImage(file: Blob): Promise<ImageResult> {
    const { pixels, ...decoded } = await decodeImage(file, this.resizeEdge());
    const target = resizeTarget(this.preprocessor, pixels.width, pixels.height);
    const values = toPixelValues(resizeBicubic(pixels, target.width, target.height), this.preprocessor);
    return { ...decoded, embeds: await this.run('vision', await this.pixelTensor(values)) };
  }

  private async start(backend: Backend): Promise<runtime.Sessions> {
    const files = this.files!;
    const sessions = await runtime.createSessions(backend, files.textModel, files.visionModel);
    if (backend === 'webgpu') {
      void runtime.watchDeviceLoss((reason) => void this.fallBack(`The GPU device was lost (${reason})`));
    }
    return sessions;
  }

  private async run(tower: 'text' | 'vision', input: Ort.Tensor): Promise<Float32Array> {
    await this.switching;
    const sessions = this.requireSessions();
    try {
      const session = sessions[tower];
      const output = await session.run({ [session.inputNames[0]!]: input });
      return output[session.outputNames[0]!]!.data as Float32Array;
    } catch (error) {
      if (sessions.backend === 'wasm') throw error;
      await this.fallBack(`WebGPU failed while running (${runtime.describeError(error)})`);
      return this.run(tower, input);
    }
  }

  private fallBack(reason: string): Promise<void> {
    if (this.sessions?.backend !== 'webgpu') return this.switching ?? Promise.resolve();
    this.switching ??= (async () => {
      const old = this.sessions;
      this.sessions = await this.start('wasm');
      void runtime.releaseSessions(old);
      this.onBackendChanged('wasm', `${reason}; the model now runs on WASM (CPU) and pending work was re-run.`);
    })().finally(() => (this.switching = undefined));
    return this.switching;
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
