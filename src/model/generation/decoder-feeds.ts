// The merged decoder's inputs by name (the transformers.js / optimum layout of Florence-2): the encoder output and
// its mask, the new tokens' embeddings, every layer's past keys and values, and `use_cache_branch`. The first step
// gets empty pasts (length 0) and computes everything; later steps pass the previous step's presents back.
import type { GeneratorConfig } from './generator-config';
import { float32, selectRows, type Tensor } from './tensor';

type FloatTensor = Tensor & { type: 'float32' };

/** Past keys and values by input name (past_key_values.{i}.decoder.key ...). */
export type Pasts = Record<string, FloatTensor>;

const PARTS = ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'] as const;

function pastNames(config: GeneratorConfig): string[] {
  return Array.from({ length: config.decoderLayers }, (_, i) => PARTS.map((p) => `past_key_values.${i}.${p}`)).flat();
}

/** Length-0 pasts for the first step (no cache yet): [batch, heads, 0, head size]. */
function emptyPasts(config: GeneratorConfig, batch: number): Pasts {
  const dims = [batch, config.decoderHeads, 0, config.headDim];
  return Object.fromEntries(pastNames(config).map((name) => [name, float32(new Float32Array(0), dims)]));
}

export interface DecoderInput {
  encoderHidden: FloatTensor;
  /** The new tokens' embeddings [B, l, D]. */
  embeds: FloatTensor;
  /** Undefined on the first step. */
  pasts?: Pasts;
}

export function decoderFeeds(config: GeneratorConfig, input: DecoderInput): Record<string, Tensor> {
  const [batch, length] = input.encoderHidden.dims as [number, number];
  const mask = new BigInt64Array(batch * length).fill(1n);
  return {
    encoder_attention_mask: { type: 'int64', data: mask, dims: [batch, length] },
    encoder_hidden_states: input.encoderHidden,
    inputs_embeds: input.embeds,
    ...(input.pasts ?? emptyPasts(config, batch)),
    use_cache_branch: { type: 'bool', data: Uint8Array.of(input.pasts ? 1 : 0), dims: [1] },
  };
}

/**
 * The pasts for the next step from this step's presents. The encoder's keys and values are computed on the first
 * step only: later steps keep those (the cached branch may not output them again, as in optimum's exports).
 */
export function nextPasts(config: GeneratorConfig, outputs: Record<string, Tensor>, previous?: Pasts): Pasts {
  const pasts: Pasts = {};
  for (const name of pastNames(config)) {
    const kept = previous && name.includes('.encoder.') ? previous[name] : undefined;
    const present = outputs[name.replace('past_key_values.', 'present.')];
    const tensor = kept ?? present;
    if (tensor?.type !== 'float32') {
      throw new Error(
        `The decoder gave no "${name.replace('past_key_values.', 'present.')}": its files do not follow the expected layout.`,
      );
    }
    pasts[name] = tensor;
  }
  return pasts;
}

/** The pasts of the beams the next step continues, by the beam each one came from. */
export function reorderPasts(pasts: Pasts, rows: readonly number[]): Pasts {
  return Object.fromEntries(Object.entries(pasts).map(([name, tensor]) => [name, selectRows(tensor, rows)]));
}
