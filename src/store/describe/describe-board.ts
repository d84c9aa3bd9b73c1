// Every image's describe work as the session keeps it: what each result was asked with (its key), a number that
// makes older replies stale, and the state the view shows. Pure bookkeeping: the session sends the requests.
import type { SessionImage } from '../session/session-types';
import type { DescribeImageState, GeneratedTextState, LikelihoodState } from './describe-types';
import {
  queuedLikelihood,
  queuedText,
  TASK_ORDER,
  wantedTask,
  type DescribeInputs,
  type TaskKind,
} from './describe-work';

interface Entry {
  image: SessionImage;
  keys: Partial<Record<TaskKind, string>>;
  /** Bumped whenever a result is queued again: a reply for an older number is stale. */
  seqs: Partial<Record<TaskKind, number>>;
  view: DescribeImageState;
}

/** One request on its way: its reply is written only while `seq` is still the result's number. */
export interface Ticket {
  imageId: string;
  kind: TaskKind;
  seq: number;
}

export class DescribeBoard {
  private readonly entries = new Map<string, Entry>();
  private nextSeq = 1;

  /**
   * Brings the board in line with the images and settings: removed images go, new ones and results whose
   * request changed are queued. Returns the removed image ids and the results that went stale.
   */
  reconcile(images: readonly SessionImage[], inputs: DescribeInputs): { removed: string[]; stale: Ticket[] } {
    const listed = new Set(images.map((image) => image.id));
    const removed = [...this.entries.keys()].filter((id) => !listed.has(id));
    removed.forEach((id) => this.entries.delete(id));
    const stale: Ticket[] = [];
    for (const image of images) {
      let entry = this.entries.get(image.id);
      if (!entry) this.entries.set(image.id, (entry = { image, keys: {}, seqs: {}, view: {} }));
      for (const kind of TASK_ORDER) {
        const wanted = wantedTask(kind, inputs);
        if (wanted?.key === entry.keys[kind]) continue;
        stale.push({ imageId: image.id, kind, seq: entry.seqs[kind] ?? 0 });
        entry.keys[kind] = wanted?.key;
        entry.seqs[kind] = this.nextSeq++;
        const queued = kind === 'likelihood' ? wanted && queuedLikelihood(wanted) : wanted && queuedText();
        entry.view = { ...entry.view, [kind]: queued };
      }
    }
    return { removed, stale };
  }

  /** The first image (in card order) with a queued `kind` whose key is still `key`, as a ticket. */
  nextQueued(kind: TaskKind, key: string | undefined): { ticket: Ticket; image: SessionImage } | undefined {
    for (const entry of this.entries.values()) {
      if (entry.view[kind]?.state !== 'queued' || entry.keys[kind] !== key) continue;
      return { ticket: { imageId: entry.image.id, kind, seq: entry.seqs[kind]! }, image: entry.image };
    }
    return undefined;
  }

  /** Writes a reply into its image's state unless its request went stale; true when written. */
  write(ticket: Ticket, patch: DescribeImageState): boolean {
    const entry = this.entries.get(ticket.imageId);
    if (!entry || entry.seqs[ticket.kind] !== ticket.seq) return false;
    entry.view = { ...entry.view, ...patch };
    return true;
  }

  /** Queues again the results `which` picks (those a stop or a failure left behind). */
  queueAgain(which: (view: GeneratedTextState | LikelihoodState) => boolean): void {
    this.each((entry, kind, view) => {
      if (view.state === 'queued' || !which(view)) return;
      entry.seqs[kind] = this.nextSeq++;
      const again =
        'stopped' in view ? queuedText() : queuedLikelihood({ prefix: view.prefix, labels: view.labels, key: '' });
      entry.view = { ...entry.view, [kind]: again }; // too many labels stays an error
    });
  }

  /** Every result not finished ends in an error with `message`. */
  failUnfinished(message: string): void {
    this.each((entry, kind, view) => {
      if (view.state === 'queued' || view.state === 'streaming')
        entry.view = { ...entry.view, [kind]: { ...view, state: 'error', message } };
    });
  }

  /** Every image's state, a fresh object. */
  snapshot(): Record<string, DescribeImageState> {
    return Object.fromEntries([...this.entries].map(([id, entry]) => [id, entry.view]));
  }

  private each(visit: (entry: Entry, kind: TaskKind, view: GeneratedTextState | LikelihoodState) => void): void {
    for (const entry of this.entries.values()) {
      for (const kind of TASK_ORDER) {
        const view = entry.view[kind];
        if (view) visit(entry, kind, view);
      }
    }
  }
}
