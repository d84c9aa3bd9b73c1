// The generator kind: an encoder-decoder vision-language model (the transformers.js layout of Florence-2) that
// captions an image, answers a question, continues a prefix, and scores labels by likelihood. The generation
// itself is pure code (model/generation/) driven through a Runner on this worker's ONNX Runtime sessions; this
// file loads the model (shared download, cache and backend choice) and answers the requests.
import type { GeneratorRequests, LoadedGenerator } from '../shared/generator-protocol';
import type { Handlers, KindContext, KindSession } from './model-kind';
import { prepareImage } from './prepare-image';
import { loadGenerator, type GeneratorModel } from './generator-load';

export class GeneratorSession implements KindSession<GeneratorRequests> {
  private model?: GeneratorModel;

  readonly handlers: Handlers<GeneratorRequests, never> = {
    generate: async (request, update, signal) => {
      const { generator, preprocessor } = this.requireModel();
      const result = await generator.generate({
        imageKey: request.imageKey,
        pixelValues: () => pixelValues(request.image, preprocessor),
        prefix: request.prefix,
        maxTokens: request.maxTokens,
        beams: request.beams,
        kvCache: request.kvCache,
        // ONNX Runtime's runs may settle without leaving the task: a stop message gets its turn before each answer.
        shouldStop: async () => (await nextTask(), signal.aborted),
        onText: update,
        now: () => performance.now(),
      });
      return { reply: { type: 'generated', ...result } };
    },
    scoreLabels: async (request) => {
      const { generator, preprocessor } = this.requireModel();
      const image = { imageKey: request.imageKey, pixelValues: () => pixelValues(request.image, preprocessor) };
      const scores = await generator.scoreLabels(image, request.prefix, request.labels, request.batched);
      const reply = { type: 'labelScores' as const, ...scores };
      return { reply, transfer: [scores.meanLogProbs.buffer] };
    },
    forgetImages: async (request) => {
      this.model?.generator.forgetImages(request.imageKeys);
      return { reply: { type: 'forgotten' } };
    },
  };

  constructor(private readonly context: KindContext) {}

  load: KindSession<GeneratorRequests>['load'] = async (request, signal, report): Promise<LoadedGenerator> => {
    await this.release();
    const { model, loaded } = await loadGenerator(request, signal, report, this.context.onDeviceLost);
    this.model = model;
    return loaded;
  };

  async release(): Promise<void> {
    const model = this.model;
    this.model = undefined;
    await model?.release();
  }

  private requireModel(): GeneratorModel {
    if (!this.model) throw new Error('The describing model is not loaded yet: wait for it, or reload the page.');
    return this.model;
  }
}

async function pixelValues(image: Blob, preprocessor: GeneratorModel['preprocessor']): Promise<Float32Array> {
  const prepared = await prepareImage(image, preprocessor);
  if (prepared instanceof Error) throw prepared;
  return prepared.values;
}

/**
 * Resolves in a new task, after messages already waiting for this worker (a `cancel`) have been handled: a message
 * on a channel queues behind them (a timer would too, but is clamped to 4 ms once nested).
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
