// A source the test edits and a sink that records, in order, everything a session reports: for unit tests.
import type { ModelStatus } from '../model-status';
import type { SessionImage, SessionSink, SessionSource } from './session-types';

export type SinkEvent =
  | { kind: 'status'; status: ModelStatus }
  | { kind: 'cleared' }
  | { kind: 'text'; prompt: string; model: number }
  | { kind: 'started'; id: string }
  | { kind: 'done'; id: string; model: number }
  | { kind: 'failed'; id: string; message: string; workerStopped: boolean };

export class RecordingSink implements SessionSink, SessionSource {
  readonly events: SinkEvent[] = [];
  wanted: string[] = [];
  listed: SessionImage[] = [];

  prompts = () => this.wanted;
  images = () => this.listed;

  status(status: ModelStatus): void {
    this.events.push({ kind: 'status', status });
  }
  cleared(): void {
    this.events.push({ kind: 'cleared' });
  }
  textEmbeds(prompts: readonly string[], embeds: Float32Array): void {
    const dim = embeds.length / prompts.length;
    prompts.forEach((prompt, i) => this.events.push({ kind: 'text', prompt, model: embeds[i * dim]! }));
  }
  imageStarted(id: string): void {
    this.events.push({ kind: 'started', id });
  }
  imageDone(id: string, result: { embeds: Float32Array }): void {
    this.events.push({ kind: 'done', id, model: result.embeds[0]! });
  }
  imageFailed(id: string, message: string, workerStopped: boolean): void {
    this.events.push({ kind: 'failed', id, message, workerStopped });
  }

  addImages(...ids: string[]): void {
    this.listed.push(...ids.map((id) => ({ id, name: `${id}.png`, file: new Blob([id]) })));
  }
  /** The last status reported. */
  lastStatus(): ModelStatus | undefined {
    const statuses = this.events.flatMap((e) => (e.kind === 'status' ? [e.status] : []));
    return statuses.at(-1);
  }

  /** What was reported after the `n`th clear (a load forgets the previous model's embeddings). */
  afterClear(n: number): SinkEvent[] {
    const clears = this.events.flatMap((e, i) => (e.kind === 'cleared' ? [i] : []));
    return this.events.slice(clears[n - 1]! + 1);
  }
}
