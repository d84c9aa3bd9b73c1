// Greedy decoding: the most likely token each step until the end token or `maxTokens`. With the KV cache each new
// token costs one decoder step over that token alone; without it (the benchmark's baseline) every step re-runs the
// whole sequence. Between steps it asks whether to stop, and a token computed while a stop arrived is dropped, so a
// stop during the first token gives no text.
import type { Pasts } from './decoder-feeds';
import type { GeneratorConfig } from './generator-config';
import { argmax } from './log-softmax';
import { decoderPrompt } from './generator-config';
import { logitsAt, type Decoder } from './model-calls';

export interface DecodeControl {
  maxTokens: number;
  /** Re-run the whole sequence each step instead of using the cache. */
  kvCache: boolean;
  /** Polled between decoder steps; may wait (the worker lets a pending stop message in before answering). */
  shouldStop: () => boolean | Promise<boolean>;
  /** Called with every generated id so far, after each new token. */
  onToken?: (ids: readonly number[]) => void;
}

export interface Decoded {
  /** Generated ids: no start, forced or end token. */
  ids: number[];
  stopped: boolean;
}

export async function greedyDecode(
  decoder: Decoder,
  config: GeneratorConfig,
  control: DecodeControl,
): Promise<Decoded> {
  const prompt = decoderPrompt(config);
  const ids: number[] = [];
  let pasts: Pasts | undefined;
  while (ids.length < control.maxTokens) {
    if (await control.shouldStop()) return { ids, stopped: true };
    let logits;
    if (control.kvCache) {
      const step = await decoder.step([pasts ? ids.slice(-1) : prompt], pasts);
      ({ logits, pasts } = step);
    } else {
      logits = await decoder.full([[...prompt, ...ids]]);
    }
    if (await control.shouldStop()) return { ids, stopped: true };
    const next = argmax(logitsAt(logits, 0, logits.dims[1]! - 1));
    if (next === config.eosTokenId) break;
    ids.push(next);
    control.onToken?.(ids);
  }
  return { ids, stopped: false };
}
