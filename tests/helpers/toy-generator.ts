// A toy encoder-decoder for Node tests of the generation code: token embeddings are the ids themselves, the
// decoder's "keys" are the ids seen so far (so a wrongly reordered or extended cache changes what it sees), and the
// next-token probabilities are a fixed random function of the ids seen. `probabilities` is the reference.
import type { GeneratorConfig } from '../../src/model/generation/generator-config';
import type { Runner, Tensor } from '../../src/model/generation/tensor';

const TOY_VOCAB = 6; // 0 start, 1 pad, 2 end, 3..5 words

export const TOY_CONFIG: GeneratorConfig = {
  modelType: 'toy',
  decoderLayers: 1,
  decoderHeads: 1,
  headDim: 1,
  vocabSize: TOY_VOCAB,
  decoderStartTokenId: 0,
  eosTokenId: 2,
  padTokenId: 1,
  maxLength: 8,
  lengthPenalty: 0,
};

/** Next-token probabilities after `ids` (start token first): a seeded hash of the sequence, normalised. */
export function probabilities(ids: readonly number[], seed: number): number[] {
  let h = seed >>> 0;
  for (const id of ids) h = Math.imul(h ^ (id + 17), 2654435761) >>> 0;
  const raw = Array.from({ length: TOY_VOCAB }, (_, t) => {
    h = Math.imul(h ^ (t + 101), 2246822519) >>> 0;
    return t === 0 || t === 1 ? 0.001 : 0.05 + (h % 1000) / 1000;
  });
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((p) => p / sum);
}

function float(data: Float32Array, dims: number[]): Tensor {
  return { type: 'float32', data, dims };
}

/** The toy's sessions (only embed_tokens and the decoder) as a Runner. */
export function toyRunner(seed: number): Runner {
  return {
    run: async (session, feeds): Promise<Record<string, Tensor>> => {
      if (session === 'embed_tokens') {
        const ids = feeds.input_ids!;
        return { inputs_embeds: float(Float32Array.from(ids.data as BigInt64Array, Number), [...ids.dims, 1]) };
      }
      if (session !== 'decoder_model_merged') throw new Error(`toy has no ${session}`);
      const embeds = feeds.inputs_embeds!;
      const past = feeds['past_key_values.0.decoder.key']!;
      const [batch, length] = embeds.dims as [number, number];
      const pastLength = past.dims[2]!;
      const total = pastLength + length;
      const keys = new Float32Array(batch * total);
      const logits = new Float32Array(batch * length * TOY_VOCAB);
      for (let b = 0; b < batch; b++) {
        const seen = [
          ...Array.from((past.data as Float32Array).subarray(b * pastLength, (b + 1) * pastLength)),
          ...Array.from((embeds.data as Float32Array).subarray(b * length, (b + 1) * length)),
        ];
        keys.set(seen, b * total);
        for (let j = 0; j < length; j++) {
          const p = probabilities(seen.slice(0, pastLength + j + 1), seed);
          logits.set(p.map(Math.log), (b * length + j) * TOY_VOCAB);
        }
      }
      const encoder = feeds['past_key_values.0.encoder.key']!;
      const present = float(keys, [batch, 1, total, 1]);
      return {
        logits: float(logits, [batch, length, TOY_VOCAB]),
        'present.0.decoder.key': present,
        'present.0.decoder.value': present,
        'present.0.encoder.key': encoder.dims[2] ? encoder : float(new Float32Array(batch * 2), [batch, 1, 2, 1]),
        'present.0.encoder.value': encoder.dims[2] ? encoder : float(new Float32Array(batch * 2), [batch, 1, 2, 1]),
      };
    },
  };
}
