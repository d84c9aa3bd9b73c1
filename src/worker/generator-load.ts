// Loading a generator: its configs and tokenizer, the four ONNX graphs of one dtype (downloaded with progress,
// cached, or from a folder on disk), their sessions on WebGPU or WASM (a WebGPU failure becomes WebGpuFailure, so
// the client restarts the worker on WASM), and one warm-up run of the vision encoder.
import { DTYPE_SUFFIX } from '../model/catalogue/catalogue';
import { Generator } from '../model/generation/generator';
import { readGeneratorConfig } from '../model/generation/generator-config';
import { GeneratorTokenizer } from '../model/generation/generator-tokenizer';
import { SESSION_NAMES, type SessionName } from '../model/generation/tensor';
import type { PreprocessorConfig } from '../model/image/preprocess';
import { resampleName } from '../model/image/resample';
import type { GeneratorLoadRequest, LoadedGenerator } from '../shared/generator-protocol';
import { imageFeatures } from '../model/generation/model-calls';
import { ortRunner } from './generator-runner';
import { clearLoadTimings, timed } from './load-timing';
import { evictFiles, fetchJsonFiles, fetchWeights, type ProgressReporter } from './model-files';
import { resizeEdge } from './prepare-image';
import * as runtime from './runtime';
import { guardWebGpu } from './worker-errors';

export interface GeneratorModel {
  generator: Generator;
  preprocessor: PreprocessorConfig;
  release(): Promise<void>;
}

const JSON_FILES = [
  'config.json',
  'generation_config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
] as const;

/** The four graphs of one dtype, relative to the model folder. */
function generatorPaths(dtype: GeneratorLoadRequest['dtype']): string[] {
  return SESSION_NAMES.map((name) => `onnx/${name}${DTYPE_SUFFIX[dtype]}.onnx`);
}

export async function loadGenerator(
  request: GeneratorLoadRequest,
  signal: AbortSignal,
  report: ProgressReporter,
  onDeviceLost: (reason: string) => void,
): Promise<{ model: GeneratorModel; loaded: LoadedGenerator }> {
  clearLoadTimings();
  const notices: string[] = [];
  const context = { ...request, signal, report, onNotice: (m: string) => notices.push(m) };
  const choosing = runtime.chooseBackend(request.backend);
  const starting = choosing
    .then((c) => (c.backend === 'wasm' ? timed('runtime start', () => runtime.startRuntime(c.backend)) : undefined))
    .catch(() => {});
  const [config, generation, preprocessor, tokenizer, tokenizerConfig] = await timed('configs', () =>
    fetchJsonFiles(context, JSON_FILES),
  );
  const generatorConfig = readGeneratorConfig(config, generation);
  const preprocessorConfig = preprocessor as PreprocessorConfig;
  resampleName(preprocessorConfig.resample); // a filter PIL does not define stops the load, with what to do
  const tokens = new GeneratorTokenizer(tokenizer!, tokenizerConfig!);
  const choice = await choosing;
  const paths = generatorPaths(request.dtype);
  let weights = await timed('download', () => fetchWeights(context, paths));
  const compiling = (done: number) =>
    report({ kind: 'compiling', part: 'generator', partsDone: done, partsTotal: paths.length });
  compiling(0);
  await starting;
  const create = async () => {
    const graphs = Object.fromEntries(SESSION_NAMES.map((name, i) => [name, weights.files[i]!]));
    return runtime.createNamedSessions(choice.backend, graphs as Record<SessionName, Uint8Array>, compiling);
  };
  const { ort, sessions } = await guardWebGpu(choice.backend, 'to start', async () => {
    try {
      return await create();
    } catch (error) {
      if (!weights.fromCache || choice.backend !== 'wasm') throw error;
      // A cached file ONNX Runtime cannot read is damaged: drop it and download it again, once.
      notices.push('A cached model file was damaged, so it was downloaded again.');
      await evictFiles(context, paths);
      weights = await fetchWeights(context, paths);
      return create();
    }
  });
  const releaseAll = async () => void (await Promise.allSettled(Object.values(sessions).map((s) => s.release())));
  try {
    if (choice.backend === 'webgpu') void runtime.watchDeviceLoss(onDeviceLost);
    const runner = ortRunner(ort, sessions, (work) => guardWebGpu(choice.backend, 'while running', work));
    report({ kind: 'warming-up', stepsDone: 0, stepsTotal: 1 });
    const crop = preprocessorConfig.crop_size;
    const edge = typeof crop === 'number' ? crop : (crop?.height ?? resizeEdge(preprocessorConfig));
    await timed('warm-up vision', () => imageFeatures(runner, new Float32Array(3 * edge * edge)));
    const model = {
      generator: new Generator(runner, generatorConfig, tokens),
      preprocessor: preprocessorConfig,
      release: releaseAll,
    };
    const loaded: LoadedGenerator = {
      backend: choice.backend,
      notice: [choice.notice, ...notices].filter(Boolean).join(' '),
      dtype: request.dtype,
      fromCache: weights.fromCache,
      threads: choice.backend === 'wasm' ? runtime.wasmThreads() : 0,
      maxTokens: generatorConfig.maxLength,
      softwareAdapter: choice.softwareAdapter,
    };
    return { model, loaded };
  } catch (error) {
    await releaseAll();
    throw error;
  }
}
