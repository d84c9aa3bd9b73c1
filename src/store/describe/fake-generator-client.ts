// A generator client for unit tests in Node, behaving as interfaces.md D says the real one does: whole-text updates,
// stop between steps (an empty stopped reply during the first token), a re-sent request after a killed worker (its
// text starts over), every pending request failing once the restart budget is spent. Requests either run by
// themselves (one word per step) or are held for the test to drive.
import { WorkerStoppedError } from '../../client/worker-client';
import type { Backend } from '../../shared/protocol';
import type {
  GenerateArgs,
  Generated,
  GeneratedSoFar,
  GeneratorClientLike,
  LoadedGenerator,
  ScoreArgs,
} from './generator-client-like';

export const LOADED_GENERATOR: LoadedGenerator = {
  backend: 'wasm',
  notice: '',
  dtype: 'fp32',
  fromCache: false,
  threads: 1,
  maxTokens: 32,
};

/** What the fake model says for a prompt on image `key` (a word per token). */
export function fakeText(key: string, prefix: string): string {
  if (!prefix) return `a red star ${key}`;
  if (prefix.startsWith('question:')) return `red ${key}`;
  return `on grey ${key}`;
}

/** The fake mean log-probability of a label: longer labels are less likely. */
export const fakeLogProb = (label: string) => -label.length / 4;

interface FakeGeneration {
  kind: 'generate';
  id: number;
  args: GenerateArgs;
  onText: (u: GeneratedSoFar) => void;
  words: number;
  stopRequested: boolean;
  settled: boolean;
  resolve: (g: Generated) => void;
  reject: (e: Error) => void;
}

interface FakeScore {
  kind: 'score';
  id: number;
  args: ScoreArgs;
  settled: boolean;
  resolve: (r: { meanLogProbs: Float32Array; tokenCounts: number[] }) => void;
  reject: (e: Error) => void;
}

export type FakeRequest = FakeGeneration | FakeScore;

/** Names a request as the order tests read it: "caption a", "answer a", "continuation a", "likelihood a". */
export function requestName(request: FakeRequest): string {
  if (request.kind === 'score') return `likelihood ${request.args.imageKey}`;
  const { prefix, imageKey } = request.args;
  const kind = !prefix ? 'caption' : prefix.startsWith('question:') ? 'answer' : 'continuation';
  return `${kind} ${imageKey}`;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

export class FakeGeneratorClient implements GeneratorClientLike {
  onStopped: (message: string) => void = () => {};
  onBackendChanged: (backend: Backend, notice: string) => void = () => {};
  /** While true, requests wait for the test (`step`, `finish`); otherwise they run by themselves. */
  holding = false;
  readonly requests: FakeRequest[] = [];
  readonly forgotten: string[][] = [];
  loadFailure?: string;
  loads = 0;
  revived = 0;
  private nextId = 1;
  private stoppedError?: WorkerStoppedError;

  async load(): Promise<LoadedGenerator> {
    this.loads++;
    if (this.stoppedError) throw this.stoppedError;
    await tick();
    if (this.loadFailure) throw new Error(this.loadFailure);
    return LOADED_GENERATOR;
  }

  generate(args: GenerateArgs, onText: (u: GeneratedSoFar) => void): { id: number; done: Promise<Generated> } {
    const id = this.nextId++;
    const done = new Promise<Generated>((resolve, reject) => {
      const request: FakeGeneration = {
        kind: 'generate',
        id,
        args,
        onText,
        words: 0,
        stopRequested: false,
        settled: false,
        resolve,
        reject,
      };
      this.requests.push(request);
      if (this.stoppedError) return this.settle(request, () => reject(this.stoppedError));
      if (!this.holding) void this.runByItself(request);
    });
    return { id, done };
  }

  stop(id: number): void {
    const request = this.requests.find((r) => r.id === id);
    if (request?.kind !== 'generate' || request.settled) return;
    request.stopRequested = true;
    if (this.holding) this.finish(request);
  }

  scoreLabels(args: ScoreArgs): Promise<{ meanLogProbs: Float32Array; tokenCounts: number[] }> {
    return new Promise((resolve, reject) => {
      const request: FakeScore = { kind: 'score', id: this.nextId++, args, settled: false, resolve, reject };
      this.requests.push(request);
      if (this.stoppedError) return this.settle(request, () => reject(this.stoppedError));
      if (!this.holding) void tick().then(() => this.finish(request));
    });
  }

  forgetImages(imageKeys: string[]): Promise<void> {
    this.forgotten.push(imageKeys);
    return Promise.resolve();
  }

  cancelLoad(): void {}
  dispose(): void {}
  revive(): void {
    this.revived++;
    this.stoppedError = undefined;
  }

  /** The request running now (the latest not settled). */
  pending(): FakeRequest | undefined {
    return this.requests.filter((r) => !r.settled).at(-1);
  }

  /** Streams one more word of a held generation. */
  step(request: FakeRequest): void {
    if (request.kind !== 'generate' || request.settled) return;
    request.words++;
    request.onText(this.soFar(request));
  }

  /** Answers a held request: a generation with the text so far (all of it unless stopped). */
  finish(request: FakeRequest): void {
    if (request.settled) return;
    if (request.kind === 'score') {
      const meanLogProbs = Float32Array.from(request.args.labels, fakeLogProb);
      return this.settle(request, () =>
        request.resolve({ meanLogProbs, tokenCounts: request.args.labels.map(() => 1) }),
      );
    }
    if (!request.stopRequested) request.words = this.allWords(request).length;
    const { text, tokenIds } = this.soFar(request);
    const reply = { text, tokenIds, stopped: request.stopRequested, firstTokenMs: 5, tokensPerSecond: 100, imageMs: 1 };
    this.settle(request, () => request.resolve(reply));
  }

  /** The worker died and the client re-sent the request: its text starts again from nothing. */
  restartStream(request: FakeRequest): void {
    if (request.kind === 'generate') request.words = 0;
  }

  /** The restart budget ran out: every pending request fails, and so does every later one until `revive`. */
  giveUp(message = 'The model worker stopped 3 times within a minute'): void {
    this.stoppedError = new WorkerStoppedError(message);
    this.onStopped(message);
    for (const request of this.requests)
      if (!request.settled) this.settle(request, () => request.reject(this.stoppedError!));
  }

  private settle(request: FakeRequest, answer: () => void): void {
    request.settled = true;
    answer();
  }

  private async runByItself(request: FakeGeneration): Promise<void> {
    while (!request.settled && !request.stopRequested && request.words < this.allWords(request).length) {
      await tick();
      this.step(request);
    }
    await tick();
    this.finish(request);
  }

  private allWords(request: FakeGeneration): string[] {
    return fakeText(request.args.imageKey, request.args.prefix).split(' ');
  }

  private soFar(request: FakeGeneration): GeneratedSoFar {
    const words = this.allWords(request).slice(0, request.words);
    return { text: words.join(' '), tokenIds: words.map((_, i) => 10 + i) };
  }
}
