// The model worker's JavaScript heap (plus ArrayBuffer backing stores), read over the DevTools protocol: a
// worker has no performance.memory, and Playwright's Worker has no CDP session of its own.
import type { Browser, CDPSession } from '@playwright/test';

export class WorkerHeap {
  private nextId = 1;
  private readonly replies = new Map<number, (result: Record<string, number>) => void>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: Record<string, number> };
      if (message.id !== undefined) this.replies.get(message.id)?.(message.result ?? {});
    });
  }

  /** Attaches to the worker whose script URL contains `urlPart`. */
  static async attach(browser: Browser, urlPart: string): Promise<WorkerHeap> {
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
    if (!target) throw new Error(`no worker with ${urlPart} in its URL`);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    return new WorkerHeap(cdp, sessionId);
  }

  private call(method: string): Promise<Record<string, number>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.replies.set(id, resolve);
      void this.cdp.send('Target.sendMessageToTarget', {
        sessionId: this.sessionId,
        message: JSON.stringify({ id, method }),
      });
    });
  }

  /** Bytes in use after a full garbage collection: JS heap plus ArrayBuffer backing stores. */
  async usedBytes(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    const usage = await this.call('Runtime.getHeapUsage');
    return (usage.usedSize ?? 0) + (usage.backingStorageSize ?? 0);
  }
}
