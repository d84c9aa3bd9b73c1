// The generator's life for the Describe view: loads the bundled PrefixLM once, then works through each image's
// caption, answer, continuation and label likelihoods one request at a time, streaming text into the sink. Edits
// make only the affected results stale (describe-board.ts); a stale reply never overwrites newer state. Restarts
// and the WebGPU -> WASM fallback are the client's; the session keeps the cards and the status truthful.
import { WorkerStoppedError } from '../../client/worker-client';
import { advanceLoad, IDLE, loadFailed, loadingStatus, withBackend, workerStopped } from '../model-status';
import type { SessionImage } from '../session/session-types';
import { DescribeBoard, type Ticket } from './describe-board';
import type { DescribeImageState } from './describe-types';
import { isGeneration, queuedText, softmax, TASK_ORDER, wantedTask } from './describe-work';
import type { GeneratorClientLike, LoadedGenerator } from './generator-client-like';
import type { GeneratorSessionOptions, GeneratorStatus } from './generator-session-types';
import { StreamTimer } from './stream-timer';

export type { GeneratorStatus } from './generator-session-types';

/** The request running now; a generation's id is what `stop` takes (a likelihood can only be ignored). */
type Running = Ticket & { generationId?: number };

export class GeneratorSession {
  private readonly client: GeneratorClientLike;
  private readonly board = new DescribeBoard();
  private currentStatus: GeneratorStatus = IDLE;
  private running?: Running;
  private paused = false;
  private readonly now: () => number;

  constructor(private readonly options: GeneratorSessionOptions) {
    this.now = options.now ?? Date.now;
    const client = (this.client = options.makeClient());
    client.onStopped = (message) => this.workerStopped(message);
    client.onBackendChanged = (backend, notice) => this.setStatus(withBackend(this.currentStatus, backend, notice));
  }

  get status(): GeneratorStatus {
    return this.currentStatus;
  }

  /** Loads the generator the first time (later calls only look for work). */
  open(): void {
    if (this.currentStatus.phase === 'idle') void this.load();
    this.sync();
  }

  /** After an error status: a fresh worker when the old one was given up, the model loaded again, failed work queued. */
  retry(): void {
    if (this.currentStatus.phase !== 'error') return;
    if (this.currentStatus.kind === 'worker-stopped') this.client.revive();
    this.board.queueAgain((view) => view.state === 'error');
    this.publish();
    void this.load();
  }

  /** "Describe again": generation resumes, and what was stopped or failed runs again. */
  describeAgain(): void {
    this.setPaused(false);
    this.board.queueAgain((view) => view.state === 'error' || ('stopped' in view && view.stopped));
    this.publish();
    this.pump();
  }

  /** Stops the running generation (its text stays, marked stopped); queued ones wait for an edit or describeAgain. */
  stopGeneration(): void {
    this.setPaused(true);
    if (this.running?.generationId !== undefined) this.client.stop(this.running.generationId);
  }

  /** Compares the images and settings with the work done: stale work is queued again, removed images dropped. */
  sync(): void {
    const { removed, stale } = this.board.reconcile(this.options.source.images(), this.options.source.inputs());
    if (removed.length) void this.client.forgetImages(removed).catch(() => undefined);
    const run = this.running;
    const runStale =
      run && (removed.includes(run.imageId) || stale.some((t) => t.imageId === run.imageId && t.kind === run.kind));
    if (runStale && run.generationId !== undefined) this.client.stop(run.generationId); // its reply is ignored
    if (removed.length || stale.length) {
      this.setPaused(false); // an edit resumes generation after a Stop
      this.publish();
    }
    this.pump();
  }

  private async load(): Promise<void> {
    const { modelId } = this.options;
    this.setStatus(loadingStatus<LoadedGenerator>(modelId, this.now()));
    try {
      const model = await this.client.load(this.options.loadParams(), (step) =>
        this.setStatus(advanceLoad(this.currentStatus, step, this.now())),
      );
      this.setStatus({ phase: 'ready', modelId, model });
      this.pump();
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof WorkerStoppedError) this.workerStopped(message);
      else this.setStatus(loadFailed(modelId, message));
    }
  }

  /** Starts the next request when none runs, in TASK_ORDER (captions first, likelihoods between). */
  private pump(): void {
    if (this.running || this.currentStatus.phase !== 'ready') return;
    const { maxTokens } = this.currentStatus.model;
    const inputs = this.options.source.inputs();
    for (const kind of TASK_ORDER) {
      if (this.paused && isGeneration(kind)) continue;
      const wanted = wantedTask(kind, inputs);
      const next = wanted && this.board.nextQueued(kind, wanted.key);
      if (!wanted || !next) continue;
      const run: Running = (this.running = next.ticket);
      const { image } = next;
      const settled = isGeneration(kind)
        ? this.generate(run, image, { prefix: wanted.prefix, maxTokens, beams: inputs.beams })
        : this.score(run, image, wanted.prefix, wanted.labels!);
      void settled.finally(() => {
        if (this.running === run) this.running = undefined;
        this.pump();
      });
      return;
    }
  }

  private generate(run: Running, image: SessionImage, ask: { prefix: string; maxTokens: number; beams: number }) {
    const { kind } = run;
    const timer = new StreamTimer(this.now);
    this.write(run, { [kind]: { ...queuedText(), state: 'streaming' } });
    const { id, done } = this.client.generate(
      { imageKey: image.id, image: image.file, ...ask },
      ({ text, tokenIds }) => {
        const speed = timer.update(tokenIds.length); // fewer tokens: the request was re-sent after a restart
        const written = this.write(run, { [kind]: { state: 'streaming', text, tokenIds, stopped: false, ...speed } });
        const { firstTokenMs, tokensPerSecond } = speed;
        if (written && firstTokenMs !== undefined && tokensPerSecond !== undefined)
          this.options.sink.speed({ firstTokenMs, tokensPerSecond });
      },
    );
    run.generationId = id;
    return done.then(
      ({ text, tokenIds, stopped, firstTokenMs, tokensPerSecond }) => {
        if (this.write(run, { [kind]: { state: 'done', text, tokenIds, stopped, firstTokenMs, tokensPerSecond } }))
          this.options.sink.speed({ tokensPerSecond, firstTokenMs });
      },
      (error: Error) => this.write(run, { [kind]: { ...queuedText(), state: 'error', message: failure(error) } }),
    );
  }

  private score(run: Running, image: SessionImage, prefix: string, labels: string[]) {
    const base = { labels, prefix };
    return this.client.scoreLabels({ imageKey: image.id, image: image.file, prefix, labels }).then(
      ({ meanLogProbs }) => {
        const probabilities = softmax(meanLogProbs);
        this.write(run, { likelihood: { ...base, state: 'done', meanLogProbs: [...meanLogProbs], probabilities } });
      },
      (error: Error) => {
        const message = failure(error);
        this.write(run, { likelihood: { ...base, state: 'error', probabilities: [], meanLogProbs: [], message } });
      },
    );
  }

  private write(ticket: Ticket, patch: DescribeImageState): boolean {
    const written = this.board.write(ticket, patch);
    if (written) this.publish();
    return written;
  }

  /** The client gave up on a worker that kept dying: every unfinished result says so and what to do. */
  private workerStopped(message: string): void {
    const words = stoppedWords(message);
    this.setStatus(workerStopped(this.currentStatus, this.options.modelId, words));
    this.board.failUnfinished(words);
    this.publish();
  }

  private setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.options.sink.paused(paused);
  }

  private setStatus(status: GeneratorStatus): void {
    this.currentStatus = status;
    this.options.sink.status(status);
  }

  private publish(): void {
    this.options.sink.describe(this.board.snapshot());
  }
}

const stoppedWords = (message: string) =>
  `The describing model stopped (${message}). Choose "Restart" to start it on a fresh worker.`;

function failure(error: Error): string {
  if (error instanceof WorkerStoppedError) return stoppedWords(error.message);
  return `The model could not describe this image (${error.message}). Choose "Describe again" to try once more.`;
}
