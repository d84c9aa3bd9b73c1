import { describe, expect, it } from 'vitest';
import type { Message } from '../shared/request-map';
import type { KindRegistry } from './model-host';
import { ModelHost } from './model-host';
import type { Answer, BatchLane, HostedSession } from './model-kind';
import { WebGpuFailure } from './worker-errors';

type Sent = Message & { [field: string]: unknown };

/** A kind whose every call is logged; its batch lane ('item') is ready when the test says. */
function fakeKind(kind: 'clip', log: string[]) {
  const queue: Message[] = [];
  // Closed until the test opens it (the first image still decoding), then open for good.
  const gate = { opened: false, waiting: [] as (() => void)[] };
  const lane: BatchLane<Message, Message> = {
    get length() {
      return queue.length;
    },
    push: (request) => queue.push(request),
    remove: (id) => queue.splice(queue.findIndex((r) => r.id === id) >>> 0, 1),
    clear: () => queue.splice(0).map((r) => r.id),
    ready: () => (gate.opened ? Promise.resolve() : new Promise<void>((resolve) => gate.waiting.push(resolve))),
    take: () => {
      const taken = queue.splice(0, 2);
      return {
        ids: taken.map((r) => r.id),
        run: async () => {
          log.push(`batch ${taken.map((r) => r.id).join(',')}`);
          return taken.map((r): Answer<Message> | Error =>
            r.id === 13 ? new Error('unreadable image') : { reply: { type: 'itemDone' } },
          );
        },
      };
    },
  };
  const session: HostedSession = {
    kind,
    load: async (request, _signal, report) => {
      log.push(`load ${request.id}`);
      report({ phase: 'half' });
      return { backend: 'wasm', notice: '' };
    },
    run: async (request, update) => {
      log.push(`run ${request.type} ${request.id}`);
      if (request.type === 'gpu') throw new WebGpuFailure('WebGPU failed while running: lost');
      if (request.type === 'bad') throw new Error('12345');
      update('token');
      return { reply: { type: `${request.type}Done` } };
    },
    batches: { type: 'item', lane },
    release: async () => void log.push(`release ${kind}`),
  };
  const open = () => ((gate.opened = true), gate.waiting.splice(0).forEach((resolve) => resolve()));
  return { session, open };
}

function hostWithFakeKind() {
  const log: string[] = [];
  const sent: Sent[] = [];
  const kind = fakeKind('clip', log);
  const starts: string[] = [];
  const kinds: KindRegistry = { clip: () => (starts.push('clip'), kind.session) };
  const host = new ModelHost(kinds, (message) => sent.push(message as Sent));
  return { host, log, sent, starts, open: kind.open };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const load = (id: number): Message => ({ type: 'load', id, kind: 'clip', backend: 'wasm' }) as Message;

describe('ModelHost', () => {
  it('starts the session of the kind the load names, once, and streams its progress before the reply', async () => {
    const { host, sent, starts } = hostWithFakeKind();
    host.receive(load(1));
    await settle();
    host.receive(load(2));
    await settle();
    expect(starts).toEqual(['clip']);
    expect(sent.map((m) => `${m.type} ${m.id}`)).toEqual(['update 1', 'loaded 1', 'update 2', 'loaded 2']);
    expect(sent[1]).toMatchObject({ model: { backend: 'wasm' } });
  });

  it('answers a load of a kind it does not host with what to do, and starts nothing', async () => {
    const { host, sent, starts } = hostWithFakeKind();
    host.receive({ type: 'load', id: 3, kind: 'generator', backend: 'wasm' } as Message);
    await settle();
    expect(starts).toEqual([]);
    expect(sent).toEqual([
      { type: 'error', id: 3, message: 'This page cannot run models of the kind "generator": reload the page.' },
    ]);
  });

  it('answers a request before any load with what to do', async () => {
    const { host, sent } = hostWithFakeKind();
    host.receive({ type: 'text', id: 4 });
    await settle();
    expect(sent).toEqual([{ type: 'error', id: 4, message: 'No model is loaded yet.' }]);
  });

  it('runs single requests before batched ones, and answers a batch in one message with its ids', async () => {
    const { host, log, sent, open } = hostWithFakeKind();
    host.receive(load(1));
    await settle();
    [10, 11, 12].forEach((id) => host.receive({ type: 'item', id }));
    host.receive({ type: 'text', id: 20 }); // arrives while the first item is being prepared
    await settle();
    expect(log).toEqual(['load 1']); // the first item is not ready yet
    open();
    await settle();
    expect(log).toEqual(['load 1', 'run text 20', 'batch 10,11', 'batch 12']);
    const batches = sent.filter((m) => m.type === 'imageBatch');
    expect(batches.map((b) => b.replies)).toEqual([
      [
        { type: 'itemDone', id: 10 },
        { type: 'itemDone', id: 11 },
      ],
      [{ type: 'itemDone', id: 12 }],
    ]);
    expect(sent).toContainEqual({ type: 'update', id: 20, update: 'token' });
    expect(sent).toContainEqual({ type: 'textDone', id: 20 });
  });

  it('a failed item is an error in its place; a cancelled queued item is never run', async () => {
    const { host, log, sent, open } = hostWithFakeKind();
    host.receive(load(1));
    await settle();
    [13, 14, 15].forEach((id) => host.receive({ type: 'item', id }));
    host.receive({ type: 'cancel', id: 15 });
    await settle();
    open();
    await settle();
    expect(log).toEqual(['load 1', 'batch 13,14']);
    expect(sent.find((m) => m.type === 'imageBatch')?.replies).toEqual([
      { type: 'error', id: 13, message: 'unreadable image' },
      { type: 'itemDone', id: 14 },
    ]);
  });

  it('words an ONNX Runtime pointer error, and turns a WebGPU failure into a restart request that stops the queue', async () => {
    const { host, log, sent } = hostWithFakeKind();
    host.receive(load(1));
    await settle();
    host.receive({ type: 'bad', id: 2 });
    host.receive({ type: 'gpu', id: 3 });
    host.receive({ type: 'text', id: 4 });
    await settle();
    expect(sent).toContainEqual({ type: 'error', id: 2, message: 'an internal error in ONNX Runtime' });
    expect(sent).toContainEqual({ type: 'webgpuFailed', id: 3, reason: 'WebGPU failed while running: lost' });
    expect(log).not.toContain('run text 4'); // the client replaces this worker and re-sends it
  });

  it('a load can be cancelled while it runs: its abort signal fires', async () => {
    const log: string[] = [];
    const signals: AbortSignal[] = [];
    const kind = fakeKind('clip', log);
    kind.session.load = (_request, signal) => {
      signals.push(signal);
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('Cancelled.'))));
    };
    const sent: Sent[] = [];
    const host = new ModelHost({ clip: () => kind.session }, (m) => sent.push(m as Sent));
    host.receive(load(1));
    host.receive({ type: 'cancel', id: 1 });
    await settle();
    expect(signals[0]?.aborted).toBe(true);
    expect(sent).toEqual([{ type: 'error', id: 1, message: 'Cancelled.' }]);
  });

  it('cancel aborts the signal of a running single request, and a queued one starts with it aborted', async () => {
    const log: string[] = [];
    const kind = fakeKind('clip', log);
    const seen: { id: number; abortedAtStart: boolean; signal: AbortSignal }[] = [];
    kind.session.run = (request, _update, signal) => {
      seen.push({ id: request.id, abortedAtStart: signal.aborted, signal });
      if (signal.aborted) return Promise.resolve({ reply: { type: 'stoppedEarly' } });
      return new Promise((resolve) =>
        signal.addEventListener('abort', () => resolve({ reply: { type: 'stoppedWhileRunning' } })),
      );
    };
    const sent: Sent[] = [];
    const host = new ModelHost({ clip: () => kind.session }, (m) => sent.push(m as Sent));
    host.receive(load(1));
    host.receive({ type: 'generate', id: 2 });
    host.receive({ type: 'generate', id: 3 });
    await settle();
    host.receive({ type: 'cancel', id: 3 }); // still queued behind 2
    host.receive({ type: 'cancel', id: 2 }); // running
    await settle();
    expect(seen.map((s) => [s.id, s.abortedAtStart])).toEqual([
      [2, false],
      [3, true],
    ]);
    expect(sent.filter((m) => m.type !== 'update' && m.type !== 'loaded')).toEqual([
      { type: 'stoppedWhileRunning', id: 2 },
      { type: 'stoppedEarly', id: 3 },
    ]);
  });
});
