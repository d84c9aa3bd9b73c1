import { describe, expect, it } from 'vitest';
import { decideConfigScoring, planConfigScoring, type ModelConfig } from './config-scoring';

describe('scoring of models outside the catalogue, from config.json', () => {
  it('CLIP: softmax with the trained scale config.json records, else cosine (never logit_scale_init_value)', () => {
    expect(decideConfigScoring({ model_type: 'clip', clipscope: { logit_scale: 26.4 } })).toEqual({
      kind: 'softmax',
      modelType: 'clip',
      logitScale: 26.4,
    });
    expect(decideConfigScoring({ model_type: 'clip', logit_scale_init_value: 2.66 } as ModelConfig)).toEqual({
      kind: 'cosine',
      modelType: 'clip',
      note: '',
    });
    expect(decideConfigScoring({ model_type: 'clip', clipscope: { logit_scale: -1 } }).kind).toBe('cosine');
    expect(decideConfigScoring({ model_type: 'clip', clipscope: { logit_scale: '100' } }).kind).toBe('cosine');
    expect(planConfigScoring({ model_type: 'clip' }, 'a/b')).toEqual({ modelType: 'clip', padTo: 0, weightRepos: [] });
  });

  it('SigLIP: sigmoid with the trained scale and bias, prompts padded to 64 tokens', () => {
    const recorded = { model_type: 'siglip', clipscope: { logit_scale: 117, logit_bias: -12.9 } };
    expect(decideConfigScoring(recorded)).toEqual({
      kind: 'sigmoid',
      modelType: 'siglip',
      logitScale: 117,
      logitBias: -12.9,
    });
    expect(planConfigScoring(recorded, 'me/siglip')).toEqual({ modelType: 'siglip', padTo: 64, weightRepos: [] });
    const bare = { model_type: 'siglip', _name_or_path: 'google/siglip-base-patch16-224' };
    // Read as for the catalogue's SigLIP: from the original weights; the repo's own first, then the one it came from.
    expect(planConfigScoring(bare, 'me/siglip')).toEqual({
      modelType: 'siglip',
      padTo: 64,
      weightRepos: ['me/siglip', 'google/siglip-base-patch16-224'],
    });
    expect(decideConfigScoring(bare, { logitScale: 10, logitBias: -2 })).toEqual({
      kind: 'sigmoid',
      modelType: 'siglip',
      logitScale: 10,
      logitBias: -2,
    });
    const unread = decideConfigScoring(bare);
    expect(unread.kind).toBe('cosine');
    expect(unread.kind === 'cosine' && unread.note).toMatch(/scale and bias could not be read/);
  });

  it('never follows a _name_or_path that is not a repo id', () => {
    expect(planConfigScoring({ model_type: 'siglip', _name_or_path: '/home/me/model' }, undefined).weightRepos).toEqual(
      [],
    );
    expect(planConfigScoring({ model_type: 'siglip', _name_or_path: 'a/..' }, 'me/s').weightRepos).toEqual(['me/s']);
  });

  it('anything else: cosine only, with a note naming the type', () => {
    const other = decideConfigScoring({ model_type: 'blip' });
    expect(other).toMatchObject({ kind: 'cosine', modelType: 'blip' });
    expect(other.kind === 'cosine' && other.note).toContain('"blip" models');
    const none = decideConfigScoring({});
    expect(none.kind === 'cosine' && none.note).toContain('names no model_type');
    expect(planConfigScoring({ model_type: 'blip' }, 'a/b').padTo).toBe(0);
  });
});
