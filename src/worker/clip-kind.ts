// The CLIP kind: contrastive text and image embeddings. Its requests are answered by the engine (engine.ts); its
// images form the batch lane, prepared ahead by the preparing workers (preparing-pool.ts) while the model runs.
import type { ClipRequests, ImageEmbeds } from '../shared/protocol';
import { Engine } from './engine';
import { IMAGE_BATCH, ImageQueue, type ImageRequest } from './image-queue';
import type { Answer, BatchLane, Handlers, KindContext, KindSession } from './model-kind';
import type { PreparedImage } from './prepare-image';
import { Preparer } from './preparing-pool';

export class ClipSession implements KindSession<ClipRequests, 'encodeImage'> {
  private readonly engine: Engine;
  private readonly preparer = new Preparer();
  private readonly images: ImageQueue<PreparedImage | Error>;
  readonly batches: { type: 'encodeImage'; lane: BatchLane<ImageRequest, ImageEmbeds> };

  readonly handlers: Handlers<ClipRequests, 'encodeImage'> = {
    encodeTexts: async (request) => {
      const { embeds, tokens } = await this.engine.encodeTexts(request.prompts);
      const count = request.prompts.length;
      return { reply: { type: 'textEmbeds', embeds, count, tokens }, transfer: [embeds.buffer] };
    },
    encodeFrame: async (request) => {
      const embeds = await this.engine.encodeFrame(request.frame);
      return { reply: { type: 'frameEmbeds', embeds }, transfer: [embeds.buffer] };
    },
  };

  constructor(context: KindContext) {
    this.engine = new Engine(context.onDeviceLost);
    this.preparer.warm(); // the preparing workers start ahead of the first image
    this.images = new ImageQueue((file) => this.preparer.prepare(file, this.engine.preprocessorConfig));
    this.batches = { type: 'encodeImage', lane: this.imageLane() };
  }

  load: KindSession<ClipRequests>['load'] = async (request, signal, report) => {
    const model = await this.engine.load(request, signal, report);
    this.preparer.warm(this.engine.preprocessorConfig);
    return model;
  };

  release(): Promise<void> {
    return this.engine.release();
  }

  private imageLane(): BatchLane<ImageRequest, ImageEmbeds> {
    const images = this.images;
    return {
      get length() {
        return images.length;
      },
      push: (request) => images.push(request),
      remove: (id) => images.remove(id),
      clear: () => images.take(images.length).map((job) => job.request.id),
      ready: () => images.firstPrepared(),
      take: () => {
        const jobs = images.take(IMAGE_BATCH);
        return { ids: jobs.map((job) => job.request.id), run: async () => this.encode(jobs.map((j) => j.prepared)) };
      },
    };
  }

  private async encode(prepared: Promise<PreparedImage | Error>[]): Promise<(Answer<ImageEmbeds> | Error)[]> {
    const results = await this.engine.encodePrepared(await Promise.all(prepared));
    return results.map((result) => {
      if (result instanceof Error) return result;
      const { embeds, thumbnail, width, height } = result;
      return { reply: { type: 'imageEmbeds', embeds, thumbnail, width, height }, transfer: [embeds.buffer] };
    });
  }
}
