// The generator's life for the Describe view: loads the bundled PrefixLM once, then works through each image's
// caption, answer, continuation and label likelihoods one request at a time, streaming text into the sink. Edits
// make only the affected results stale (see describe-work.ts); a stale reply never overwrites newer state. Restarts
// and the WebGPU -> WASM fallback are the client's; the session only keeps the cards and the status truthful.
import { WorkerStoppedError } from '../../client/worker-client';
import type { ModelStatus } from '../model-status';
import { advanceLoad, IDLE, loadFailed, loadingStatus, withBackend, workerStopped } from '../model-status';
import type { SessionImage } from '../session/session-types';
import type { DescribeImageState, GeneratedTextState, LikelihoodState } from './describe-types';
import {
  isGeneration,
  queuedLikelihood,
  queuedText,
  softmax,
  TASK_ORDER,
  wantedTask,
  type DescribeInputs,
  type GenerationKind,
  type TaskKind,
} from './describe-work';
import type {
  GeneratorClientLike,
  GeneratorLoadParams,
  LoadedGenerator,
  MakeGeneratorClient,
} from './generator-client-like';
import { StreamTimer } from './stream-timer';

export type GeneratorStatus = ModelStatus<LoadedGenerator>;

export interface GeneratorSource {
  /** The images to describe, in card order; one no longer listed was removed and its work is dropped. */
  images(): readonly SessionImage[];
  inputs(): DescribeInputs;
}

export interface GeneratorSink {
  status(status: GeneratorStatus): void;
  /** Every image's state, a fresh object on each change. */
  describe(byImage: Record<string, DescribeImageState>): void;
  /** The running generation's speed, live. */
  speed(speed: { tokensPerSecond: number; firstTokenMs: number }): void;
  /** Stop pressed (true) or generation resumed (false). */
  paused(paused: boolean): void;
}

export interface GeneratorSessionOptions {
  makeClient: MakeGeneratorClient;
  source: GeneratorSource;
  sink: GeneratorSink;
  /** The model to load (the bundled mini) and its id for the status. */
  modelId: string;
  loadParams: () => GeneratorLoadParams;
  now?: () => number;
}

interface Entry {
  image: SessionImage;
  keys: Partial<Record<TaskKind, string>>;
  /** Bumped whenever a task is queued again: a reply for an older number is stale. */
  seqs: Partial<Record<TaskKind, number>>;
  view: DescribeImageState;
}

interface Running {
  imageId: string;
  kind: TaskKind;
  seq: number;
  /** The generation's id, which `stop` takes (likelihoods cannot be stopped, only ignored). */
  generationId?: number;
}

export class GeneratorSession {
  private readonly client: GeneratorClientLike;
  private readonly entries = new Map<string, Entry>();
  private currentStatus: GeneratorStatus = IDLE;
  private running?: Running;
  private paused = false;
  private nextSeq = 1;
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
  /** Stopped by the person: no generation starts until an edit or `describeAgain`. */
  get isPaused(): boolean {
    return this.paused;
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
    this.requeue((view) => view.state === 'error');
    void this.load();
  }

  /** "Describe again": generation resumes, and what was stopped or failed runs again. */
  describeAgain(): void {
    this.setPaused(false);
    this.requeue((view) => view.state === 'error' || ('stopped' in view && view.stopped));
    this.pump();
  }

  /** Stops the running generation (its text stays, marked stopped); queued ones wait for an edit or describeAgain. */
  stopGeneration(): void {
    this.setPaused(true);
    if (this.running?.generationId !== undefined) this.client.stop(this.running.generationId);
  }

  /** Compares the images and settings with the work done: stale work is queued again, removed images dropped. */
  sync(): void {
    const images = this.options.source.images();
    const inputs = this.options.source.inputs();
    const listed = new Set(images.map((image) => image.id));
    const removed = [...this.entries.keys()].filter((id) => !listed.has(id));
    removed.forEach((id) => this.entries.delete(id));
    if (removed.length) void this.client.forgetImages(removed).catch(() => undefined);
    if (this.running && removed.includes(this.running.imageId)) this.stopRunning();
    let edited = removed.length > 0;
    for (const image of images) {
      let entry = this.entries.get(image.id);
      if (!entry) this.entries.set(image.id, (entry = { image, keys: {}, seqs: {}, view: {} }));
      for (const kind of TASK_ORDER) {
        const wanted = wantedTask(kind, inputs);
        if (wanted?.key === entry.keys[kind]) continue;
        edited = true;
        if (this.running?.imageId === image.id && this.running.kind === kind) this.stopRunning();
        entry.keys[kind] = wanted?.key;
        entry.seqs[kind] = this.nextSeq++;
        if (kind === 'likelihood') entry.view = { ...entry.view, likelihood: wanted && queuedLikelihood(wanted) };
        else entry.view = { ...entry.view, [kind]: wanted && queuedText() };
      }
    }
    if (edited) {
      this.setPaused(false);
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

  /** Starts the next request when none runs: see TASK_ORDER. */
  private pump(): void {
    if (this.running || this.currentStatus.phase !== 'ready') return;
    const model = this.currentStatus.model;
    for (const kind of TASK_ORDER) {
      if (this.paused && isGeneration(kind)) continue;
      const entry = [...this.entries.values()].find((e) => e.view[kind]?.state === 'queued');
      if (!entry) continue;
      const wanted = wantedTask(kind, this.options.source.inputs());
      if (!wanted || wanted.key !== entry.keys[kind]) continue; // a sync is on its way
      const run: Running = { imageId: entry.image.id, kind, seq: entry.seqs[kind]! };
      this.running = run;
      const settled = isGeneration(kind)
        ? this.generate(run, kind, entry, wanted.prefix, model.maxTokens)
        : this.score(run, entry, wanted.prefix, wanted.labels!);
      void settled.finally(() => {
        if (this.running === run) this.running = undefined;
        this.pump();
      });
      return;
    }
  }

  private generate(run: Running, kind: GenerationKind, entry: Entry, prefix: string, maxTokens: number) {
    const timer = new StreamTimer(this.now);
    const beams = this.options.source.inputs().beams;
    this.setView(run, { [kind]: { ...queuedText(), state: 'streaming' } });
    const { id, done } = this.client.generate(
      { imageKey: entry.image.id, image: entry.image.file, prefix, maxTokens, beams },
      ({ text, tokenIds }) => {
        const speed = timer.update(tokenIds.length); // a shorter text is the re-sent request after a restart
        const written = this.setView(run, { [kind]: { state: 'streaming', text, tokenIds, stopped: false, ...speed } });
        const { firstTokenMs, tokensPerSecond } = speed;
        if (written && firstTokenMs !== undefined && tokensPerSecond !== undefined)
          this.options.sink.speed({ firstTokenMs, tokensPerSecond });
      },
    );
    run.generationId = id;
    return done.then(
      (reply) => {
        const { text, tokenIds, stopped, firstTokenMs, tokensPerSecond } = reply;
        if (this.setView(run, { [kind]: { state: 'done', text, tokenIds, stopped, firstTokenMs, tokensPerSecond } }))
          this.options.sink.speed({ tokensPerSecond, firstTokenMs });
      },
      (error: Error) =>
        this.setView(run, { [kind]: { ...queuedText(), state: 'error', message: this.failure(error) } }),
    );
  }

  private score(run: Running, entry: Entry, prefix: string, labels: string[]) {
    const base = { labels, prefix };
    return this.client.scoreLabels({ imageKey: entry.image.id, image: entry.image.file, prefix, labels }).then(
      ({ meanLogProbs }) => {
        const probabilities = softmax(meanLogProbs);
        this.setView(run, { likelihood: { ...base, state: 'done', meanLogProbs: [...meanLogProbs], probabilities } });
      },
      (error: Error) => {
        const message = this.failure(error);
        this.setView(run, { likelihood: { ...base, state: 'error', probabilities: [], meanLogProbs: [], message } });
      },
    );
  }

  /** Writes a reply into its image's state unless the request went stale; true when written. */
  private setView(run: Running, patch: DescribeImageState): boolean {
    const entry = this.entries.get(run.imageId);
    if (!entry || entry.seqs[run.kind] !== run.seq) return false;
    entry.view = { ...entry.view, ...patch };
    this.publish();
    return true;
  }

  private failure(error: Error): string {
    if (error instanceof WorkerStoppedError) return stoppedWords(error.message);
    return `The model could not describe this image (${error.message}). Choose "Describe again" to try once more.`;
  }

  /** The running request went stale: a generation is stopped (its reply is ignored), a likelihood just ignored. */
  private stopRunning(): void {
    if (this.running?.generationId !== undefined) this.client.stop(this.running.generationId);
  }

  /** Queues again the results `which` picks (those a stop or a failure left behind). */
  private requeue(which: (view: GeneratedTextState | LikelihoodState) => boolean): void {
    for (const entry of this.entries.values()) {
      for (const kind of TASK_ORDER) {
        const view = entry.view[kind];
        if (!view || view.state === 'queued' || !which(view)) continue;
        entry.seqs[kind] = this.nextSeq++;
        entry.view = { ...entry.view, [kind]: kind === 'likelihood' ? { ...view, state: 'queued' } : queuedText() };
      }
    }
    this.publish();
  }

  /** The client gave up on a worker that kept dying: every unfinished result says so and what to do. */
  private workerStopped(message: string): void {
    const words = stoppedWords(message);
    this.setStatus(workerStopped(this.currentStatus, this.options.modelId, words));
    for (const entry of this.entries.values()) {
      for (const kind of TASK_ORDER) {
        const view = entry.view[kind];
        if (view && (view.state === 'queued' || view.state === 'streaming'))
          entry.view = { ...entry.view, [kind]: { ...view, state: 'error', message: words } };
      }
    }
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
    this.options.sink.describe(Object.fromEntries([...this.entries].map(([id, entry]) => [id, entry.view])));
  }
}

const stoppedWords = (message: string) =>
  `The describing model stopped (${message}). Choose "Restart" to start it on a fresh worker.`;
