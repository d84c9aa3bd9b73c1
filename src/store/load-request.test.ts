import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, findModel } from '../model/catalogue/catalogue';
import { MINI_PAIRS, PRESETS, startingPreset } from '../model/catalogue/label-presets';
import type { LoadedModel } from '../shared/protocol';
import { loadRequest, scoringRule } from './load-request';

const HOST = 'https://mirror.example';
const loaded = (extra: Partial<LoadedModel> = {}): LoadedModel => ({
  backend: 'wasm',
  dtype: 'q8',
  fromCache: false,
  threads: 2,
  embedDim: 512,
  notice: '',
  dtypes: ['q8'],
  ...extra,
});

describe('the load request, shared by the main and the comparison view', () => {
  it("asks for SigLIP's trained scale and bias from Google's weights on the chosen host", () => {
    const request = loadRequest(findModel('Xenova/siglip-base-patch16-224')!, { hubHost: HOST, backend: 'auto' });
    expect(request.scoringWeightsUrl).toBe(`${HOST}/google/siglip-base-patch16-224/resolve/main/model.safetensors`);
    expect(request.padTo).toBe(64);
    expect(request.uncatalogued).toBeUndefined();
  });

  it('marks a repo outside the catalogue, so its weights and scoring come from its own files', () => {
    const request = loadRequest(findModel('someone/new-clip')!, { hubHost: HOST, backend: 'wasm', dtype: 'fp16' });
    expect(request.modelUrl).toBe(`${HOST}/someone/new-clip/resolve/main/`);
    expect(request.uncatalogued).toEqual({ repo: 'someone/new-clip', hubHost: HOST });
    expect(request.dtype).toBe('fp16');
  });
});

describe('scoring rules', () => {
  it("a catalogue model: its kind, with the loaded model's trained values first", () => {
    const b32 = findModel(DEFAULT_MODEL_ID)!;
    expect(scoringRule(b32, loaded())).toEqual({ kind: 'softmax', logitScale: 100, logitBias: 0 });
    const siglip = findModel('Xenova/siglip-base-patch16-224')!;
    expect(scoringRule(siglip, loaded())).toBeUndefined(); // scale and bias unread: cosine only
    expect(scoringRule(siglip, loaded({ logitScale: 10, logitBias: -2 }))).toEqual({
      kind: 'sigmoid',
      logitScale: 10,
      logitBias: -2,
    });
  });

  it("a model outside the catalogue: what its config.json called for, never OpenAI's scale by default", () => {
    const other = findModel('someone/new-clip')!;
    expect(scoringRule(other, loaded({ configScoring: { kind: 'cosine', modelType: 'clip', note: '' } }))).toBe(
      undefined,
    );
    expect(
      scoringRule(
        other,
        loaded({ configScoring: { kind: 'sigmoid', modelType: 'siglip', logitScale: 9, logitBias: -1 } }),
      ),
    ).toEqual({ kind: 'sigmoid', logitScale: 9, logitBias: -1 });
  });
});

describe('starting labels', () => {
  it('the real model starts on labels for photos; the Mini on its colours and shapes, which bring it back', () => {
    expect(startingPreset().labels).not.toEqual(MINI_PAIRS);
    expect(startingPreset('clipscope-mini').labels).toEqual(MINI_PAIRS);
    expect(PRESETS.find((p) => p.labels === MINI_PAIRS)?.modelId).toBe('clipscope-mini');
  });
});
