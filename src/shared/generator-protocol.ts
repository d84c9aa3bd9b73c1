// The generator kind's messages (model-kinds.ts in the worker, generator-client.ts on the page): an
// encoder-decoder vision-language model that captions an image, answers a question about it, continues a prefix,
// and scores how likely it finds each label after a prefix.
import type { Dtype } from '../model/catalogue/catalogue';
import type { LoadPhase } from './load-phase';
import type { BackendPreference, KindLoaded, TransportMessage } from './protocol';
import type { CheckedMap, Exchange } from './request-map';

export interface GeneratorLoadRequest {
  type: 'load';
  id: number;
  kind: 'generator';
  /** Folder URL in the Hub layout, ending in '/'. */
  modelUrl: string;
  useCache: boolean;
  backend: BackendPreference;
  dtype: Dtype;
  localFiles?: Record<string, Blob>;
}

export interface LoadedGenerator extends KindLoaded {
  dtype: Dtype;
  fromCache: boolean;
  threads: number;
  /** The longest generation the model allows, in tokens. */
  maxTokens: number;
  softwareAdapter?: boolean;
}

export interface Generated {
  text: string;
  tokenIds: number[];
  /** Stopped by the user before the end: the text so far (empty when stopped during the first token). */
  stopped: boolean;
  firstTokenMs: number;
  tokensPerSecond: number;
  /** Time spent computing the image's features (0 when they were kept from an earlier request). */
  imageMs: number;
}

export type GeneratorRequests = CheckedMap<
  {
    load: Exchange<GeneratorLoadRequest, { type: 'loaded'; id: number; model: LoadedGenerator }, LoadPhase>;
    // Image features are computed once per imageKey and kept (LRU, 64 images) for later requests on that image.
    // Updates carry the whole text so far (not deltas), so a late or dropped update never garbles the text.
    generate: Exchange<
      {
        type: 'generate';
        id: number;
        imageKey: string;
        image: Blob;
        prefix: string;
        maxTokens: number;
        beams: number;
        kvCache: boolean;
      },
      { type: 'generated'; id: number } & Generated,
      { text: string; tokenIds: number[] }
    >;
    scoreLabels: Exchange<
      {
        type: 'scoreLabels';
        id: number;
        imageKey: string;
        image: Blob;
        prefix: string;
        labels: string[];
        batched: boolean;
      },
      { type: 'labelScores'; id: number; meanLogProbs: Float32Array; tokenCounts: number[] }
    >;
    forgetImages: Exchange<
      { type: 'forgetImages'; id: number; imageKeys: string[] },
      { type: 'forgotten'; id: number }
    >;
  },
  TransportMessage['type']
>;
