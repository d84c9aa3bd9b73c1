// "Is that worker still alive?" with Web Locks. A worker holds a lock named after itself for its whole life; the
// browser releases it however the worker ends (closed, terminated, crashed, killed for memory), and none of those
// but a crash fires an error event. So whoever started the worker asks for the same lock: it is granted exactly
// when the worker has ended. Used by the client for the model worker and by the model worker for its preparing
// workers. Without Web Locks a death is only seen through error events.

/** The part of `navigator.locks` used here (injectable for tests). */
export interface Locks {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

const browserLocks = (): Locks | undefined => (typeof navigator === 'undefined' ? undefined : navigator.locks);

/**
 * The worker's side: holds the lock `name` (the worker's own name) until the worker ends. `onHeld` runs once the
 * lock is held, for a worker that says so to its starter (who may watch only after that, or the watch would be
 * granted at once).
 */
export function holdLife(name: string, onHeld: () => void = () => {}, locks = browserLocks()): void {
  void locks
    ?.request(name, () => {
      onHeld();
      return new Promise<never>(() => {});
    })
    .catch(() => {});
}

/**
 * The starter's side: resolves once the worker named `name` has ended. Call it only after the worker has shown it
 * holds its lock (it has sent a message after taking it); before that the lock may be free and this resolves at
 * once. Never resolves where Web Locks are missing.
 */
export function lifeEnded(name: string, locks = browserLocks()): Promise<void> {
  if (!locks) return new Promise<void>(() => {});
  return locks
    .request(name, () => undefined)
    .then(
      () => undefined,
      () => new Promise<void>(() => {}), // a lock refused (storage blocked): no way to tell, like no Web Locks
    );
}

/** Watches one worker: `onEnded` runs once after `alive` was called and the worker then ended. */
export class LifeWatch {
  private watching = false;

  constructor(
    private readonly name: string,
    private readonly onEnded: () => void,
    private readonly ended: (name: string) => Promise<void> = lifeEnded,
  ) {}

  /** The worker has spoken, so it holds its lock (it takes it before anything else): from now on its end is seen. */
  alive(): void {
    if (this.watching) return;
    this.watching = true;
    void this.ended(this.name).then(this.onEnded);
  }
}
