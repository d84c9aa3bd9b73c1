import { describe, expect, it } from 'vitest';
import { holdLife, lifeEnded, LifeWatch, type Locks } from './life-watch';

/**
 * Web Locks as the browser grants them: one holder per name, later requests wait in order, and a lock is released
 * when its callback's promise settles or when its holder (a worker) ends, which `end` simulates.
 */
class FakeLocks implements Locks {
  private readonly queues = new Map<string, { owner: string; run: () => void }[]>();
  private readonly releases = new Map<string, () => void>();
  /** The agent making the next requests: a worker, or its starter. */
  agent = 'starter';

  request(name: string, callback: () => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const owner = this.agent;
      const run = () => {
        let result: unknown;
        try {
          result = callback();
        } catch (error) {
          reject(error);
          return this.release(name);
        }
        const held = new Promise<void>((done) => this.releases.set(name, done));
        void Promise.race([Promise.resolve(result), held]).then(
          (value) => (resolve(value), this.release(name)),
          (error: unknown) => (reject(error), this.release(name)),
        );
      };
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      queue.push({ owner, run });
      if (queue.length === 1) run();
    });
  }

  /** The agent holding `name` ended: its lock goes, and the next request in line is granted. */
  end(name: string): void {
    this.releases.get(name)?.();
  }

  holder(name: string): string | undefined {
    return this.queues.get(name)?.[0]?.owner;
  }

  private release(name: string): void {
    const queue = this.queues.get(name)!;
    queue.shift();
    this.releases.delete(name);
    queue[0]?.run();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function workerHolding(name: string) {
  const locks = new FakeLocks();
  locks.agent = 'worker';
  const held: string[] = [];
  holdLife(name, () => held.push(name), locks);
  locks.agent = 'starter';
  return { locks, held };
}

describe('life watch', () => {
  it('the worker holds its lock for as long as it lives, and says so once it holds it', async () => {
    const { locks, held } = workerHolding('w1');
    await settle();
    expect(held).toEqual(['w1']);
    expect(locks.holder('w1')).toBe('worker');
  });

  it("the starter's watch resolves only once the worker has ended", async () => {
    const { locks } = workerHolding('w1');
    const ended = { yes: false };
    void lifeEnded('w1', locks).then(() => (ended.yes = true));
    await settle();
    expect(ended.yes).toBe(false);
    locks.end('w1');
    await settle();
    expect(ended.yes).toBe(true);
  });

  it('a watch on another worker name is not held up by this one', async () => {
    const { locks } = workerHolding('w1');
    await expect(lifeEnded('w2', locks)).resolves.toBeUndefined();
  });

  it('without Web Locks the watch never resolves and the worker holds nothing', async () => {
    holdLife('w1', () => expect.unreachable(), undefined);
    const ended = { yes: false };
    void lifeEnded('w1', undefined).then(() => (ended.yes = true));
    await settle();
    expect(ended.yes).toBe(false);
  });

  it('a refused lock (storage blocked) is like no Web Locks: no false death, no unhandled rejection', async () => {
    const refusing: Locks = { request: () => Promise.reject(new DOMException('denied', 'SecurityError')) };
    holdLife('w1', () => {}, refusing);
    const ended = { yes: false };
    void lifeEnded('w1', refusing).then(() => (ended.yes = true));
    await settle();
    expect(ended.yes).toBe(false);
  });

  it('LifeWatch watches only after the worker is alive, once however often it speaks, and reports its end once', async () => {
    const { locks } = workerHolding('w1');
    const ends: string[] = [];
    const asked: string[] = [];
    const watch = new LifeWatch(
      'w1',
      () => ends.push('ended'),
      (name) => (asked.push(name), lifeEnded(name, locks)),
    );
    await settle();
    expect(asked).toEqual([]); // not alive yet: a watch now could be granted before the worker takes its lock
    watch.alive();
    watch.alive();
    await settle();
    expect(asked).toEqual(['w1']);
    expect(ends).toEqual([]);
    locks.end('w1');
    await settle();
    expect(ends).toEqual(['ended']);
  });
});
