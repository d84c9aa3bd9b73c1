// A ModelWorkerHost for the generator kind in Node tests: its workers answer as the real generator worker does
// (load progress then loaded; a generation streamed word by word as whole-text updates, then its reply; a cancel
// stops a held generation with the text so far), and a test can hold generations or kill a worker (its Web Lock
// goes, as when the browser ends it), so the real GeneratorClient restarts it and re-sends.
import type { ModelWorker, ModelWorkerHost } from '../../client/model-worker';
import type { GeneratorRequests } from '../../shared/generator-protocol';
import type { ClientMessage, WorkerMessage } from '../../shared/protocol';
import { FakeHost } from '../session/fake-worker-host';
import { fakeText, LOADED_GENERATOR } from './fake-generator-client';

type Sent = ClientMessage<GeneratorRequests>;
type Reply = WorkerMessage<GeneratorRequests>;
type GenerateRequest = Extract<Sent, { type: 'generate' }>;

export class FakeGeneratorWorker implements ModelWorker<GeneratorRequests> {
  onmessage: ModelWorker<GeneratorRequests>['onmessage'] = null;
  onerror: ModelWorker<GeneratorRequests>['onerror'] = null;
  readonly received: Sent[] = [];
  /** Held generations and how many words each has streamed. */
  readonly held = new Map<number, { request: GenerateRequest; words: number }>();
  private dead = false;
  private end!: () => void;
  readonly ended = new Promise<void>((resolve) => (this.end = resolve));

  constructor(private readonly host: FakeHost<FakeGeneratorWorker>) {}

  postMessage(message: Sent): void {
    if (this.dead) return;
    this.received.push(message);
    if (message.type === 'cancel') return this.cancel(message.id);
    if (message.type === 'load') this.reply({ type: 'update', id: message.id, update: { kind: 'starting' } });
    setTimeout(() => this.answer(message), 0);
  }
  terminate(): void {
    this.kill();
  }
  kill(): void {
    this.dead = true;
    this.end();
  }

  /** Streams one more word of held generation `id`. */
  step(id: number): void {
    const held = this.held.get(id)!;
    held.words++;
    this.reply({ type: 'update', id, update: this.soFar(held.request, held.words) });
  }

  private answer(message: Sent): void {
    if (this.dead) return;
    const { id } = message;
    switch (message.type) {
      case 'load':
        return this.reply({ type: 'loaded', id, model: { ...LOADED_GENERATOR } });
      case 'generate':
        if (this.host.holding) return void this.held.set(id, { request: message, words: 0 });
        return this.finish(message, Infinity, false);
      case 'scoreLabels': {
        const meanLogProbs = Float32Array.from(message.labels, (label) => -label.length);
        return this.reply({ type: 'labelScores', id, meanLogProbs, tokenCounts: message.labels.map(() => 1) });
      }
      case 'forgetImages':
        return this.reply({ type: 'forgotten', id });
    }
  }

  private cancel(id: number): void {
    const held = this.held.get(id);
    if (!held) return;
    this.held.delete(id);
    this.finish(held.request, held.words, true);
  }

  private finish(request: GenerateRequest, words: number, stopped: boolean): void {
    const all = fakeText(request.imageKey, request.prefix).split(' ').length;
    if (!stopped)
      for (let n = 1; n <= all; n++) this.reply({ type: 'update', id: request.id, update: this.soFar(request, n) });
    const { text, tokenIds } = this.soFar(request, Math.min(words, all));
    this.reply({
      type: 'generated',
      id: request.id,
      text,
      tokenIds,
      stopped,
      firstTokenMs: 3,
      tokensPerSecond: 50,
      imageMs: 1,
    });
  }

  private soFar(request: GenerateRequest, words: number) {
    const list = fakeText(request.imageKey, request.prefix).split(' ').slice(0, words);
    return { text: list.join(' '), tokenIds: list.map((_, i) => 10 + i) };
  }

  private reply(reply: Reply): void {
    if (!this.dead) this.onmessage?.({ data: reply } as MessageEvent<Reply>);
  }
}

export class FakeGeneratorHost extends FakeHost<FakeGeneratorWorker> implements ModelWorkerHost<GeneratorRequests> {
  constructor() {
    super((host) => new FakeGeneratorWorker(host));
  }
}
