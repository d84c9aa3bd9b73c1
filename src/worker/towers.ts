// The two ONNX Runtime sessions of a loaded model, bound by input and output name, and run so that a sample's
// result never depends on the other samples in its batch (see per-sample-quantisation.ts and lengthGroups).
import type * as Ort from 'onnxruntime-web';
import { quantisePerSample } from '../model/onnx/per-sample-quantisation';
import { attentionMask, bindTower, type Tower, type TowerBinding } from '../model/onnx/tower-io';
import type { Tower as LoadTower } from '../shared/load-phase';
import type { Backend } from '../shared/protocol';
import { timed } from './load-timing';
import * as runtime from './runtime';
import { guardWebGpu } from './worker-errors';

export class Towers {
  private readonly bindings: Record<Tower, TowerBinding>;

  private constructor(
    readonly sessions: runtime.Sessions,
    /** Towers whose int8 quantisation would still span the whole batch run one sample at a time. */
    readonly oneAtATime: Record<Tower, boolean>,
  ) {
    const { text, vision } = sessions;
    this.bindings = {
      text: bindTower('text', text.inputNames, text.outputNames),
      vision: bindTower('vision', vision.inputNames, vision.outputNames),
    };
  }

  /** Sessions of the towers, each int8 quantiser rewritten to quantise every sample on its own where it can be. */
  static async create(
    backend: Backend,
    text: Uint8Array,
    vision: Uint8Array,
    onTower?: (tower: LoadTower, towersDone: number) => void,
  ): Promise<Towers> {
    const [textRewrite, visionRewrite] = await timed('rewrite', async () => [
      quantisePerSample(text),
      quantisePerSample(vision),
    ]);
    const sessions = await runtime.createSessions(backend, textRewrite.model, visionRewrite.model, onTower);
    try {
      return new Towers(sessions, { text: textRewrite.unhandled > 0, vision: visionRewrite.unhandled > 0 });
    } catch (error) {
      await runtime.releaseSessions(sessions);
      throw error;
    }
  }

  get ort(): runtime.OrtModule {
    return this.sessions.ort;
  }

  release(): Promise<void> {
    return runtime.releaseSessions(this.sessions);
  }

  /** Text embeddings of one batch of token ids padded to one length, `lengths` the real token counts. */
  async text(ids: BigInt64Array, lengths: number[], sequenceLength: number): Promise<Float32Array> {
    const rows = this.oneAtATime.text ? lengths.map((_, r) => [r]) : [lengths.map((_, r) => r)];
    return this.joined(rows, (batch) => {
      const dims = [batch.length, sequenceLength];
      const batchIds = ids.subarray(batch[0]! * sequenceLength, (batch.at(-1)! + 1) * sequenceLength);
      const mask = attentionMask(
        batch.map((r) => lengths[r]!),
        sequenceLength,
      );
      return this.run('text', new this.ort.Tensor('int64', batchIds, dims), new this.ort.Tensor('int64', mask, dims));
    });
  }

  /** Image embeddings of square pixel values [3, edge, edge] each, in one batch unless one at a time is needed. */
  async images(images: Float32Array[]): Promise<Float32Array> {
    const edge = Math.round(Math.sqrt(images[0]!.length / 3));
    const rows = this.oneAtATime.vision ? images.map((_, i) => [i]) : [images.map((_, i) => i)];
    return this.joined(rows, (batch) => {
      const values = new Float32Array(batch.length * 3 * edge * edge);
      batch.forEach((i, row) => values.set(images[i]!, row * images[i]!.length));
      return this.run('vision', new this.ort.Tensor('float32', values, [batch.length, 3, edge, edge]));
    });
  }

  /** Runs `encode` on each batch of consecutive rows and joins the embeddings in row order. */
  private async joined(batches: number[][], encode: (rows: number[]) => Promise<Float32Array>) {
    const parts: Float32Array[] = [];
    for (const batch of batches) parts.push(await encode(batch));
    if (parts.length === 1) return parts[0]!;
    const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((offset, part) => (all.set(part, offset), offset + part.length), 0);
    return all;
  }

  /** Runs a tower on its main input (and the attention mask where the graph takes one), fetching only the embeddings. */
  private async run(tower: Tower, input: Ort.Tensor, mask?: Ort.Tensor): Promise<Float32Array> {
    const session = this.sessions[tower];
    const binding = this.bindings[tower];
    const feeds: Record<string, Ort.Tensor> = { [binding.input]: input };
    if (binding.mask && mask) feeds[binding.mask] = mask;
    const output = await guardWebGpu(this.sessions.backend, 'while running', () =>
      session.run(feeds, [binding.output]),
    );
    return output[binding.output]!.data as Float32Array;
  }
}
