import { describe, expect, it } from 'vitest';
import { TEXT_BATCH_SIZE } from '../../shared/settings';
import type { WorkerRequest } from '../../shared/protocol';
import { FakeWorkerHost, loadOf, settle, until } from './fake-worker-host';
import { loadFailed } from '../model-status';
import type { RecordingSink } from './recording-sink';
import { loadedFixture, sessionFixture } from './session-fixture';

const ofType = (host: FakeWorkerHost, type: WorkerRequest['type']) =>
  host.workers.flatMap((w) => w.received).filter((r) => r.type === type);
const textsSent = (host: FakeWorkerHost) =>
  ofType(host, 'encodeTexts').map((r) => (r.type === 'encodeTexts' ? r.prompts : []));
const doneIds = (sink: RecordingSink) => sink.events.flatMap((e) => (e.kind === 'done' ? [e.id] : []));

describe('ModelSession load', () => {
  it('reports loading with progress, then ready with the loaded model', async () => {
    const { session, sink } = sessionFixture();
    const outcome = await session.load({ modelId: 'm1', request: loadOf(1) });
    expect(outcome.kind).toBe('loaded');
    const phases = sink.events.flatMap((e) => (e.kind === 'status' ? [e.status.phase] : []));
    expect(phases).toEqual(['loading', 'loading', 'loading', 'ready']); // starting (twice), downloading, ready
    expect(sink.lastStatus()).toMatchObject({ phase: 'ready', modelId: 'm1', model: { dtype: 'q8' } });
  });

  it('cancel ends the download with a cancelled error status that offers a retry', async () => {
    const { session, sink, host } = sessionFixture();
    host.holding = true;
    const outcome = session.load({ modelId: 'm1', request: loadOf(1) });
    session.cancelLoad();
    expect(await outcome).toEqual({ kind: 'cancelled' });
    expect(sink.lastStatus()).toMatchObject({ phase: 'error', kind: 'cancelled', actions: ['retry'] });
    expect(host.current().received.map((r) => r.type)).toEqual(['load', 'cancel']);
  });

  it('leaves a failed load to the caller, and a fail for a replaced load is ignored', async () => {
    const { session, sink, host } = sessionFixture();
    host.holding = true;
    const first = session.load({ modelId: 'm1', request: loadOf(1) });
    host.current().failNext.set('load', 'The host answered 404.');
    host.current().release();
    const outcome = await first;
    expect(outcome).toMatchObject({ kind: 'failed', message: 'The host answered 404.' });
    expect(sink.lastStatus()?.phase).toBe('loading');
    const second = session.load({ modelId: 'm2', request: loadOf(2) });
    if (outcome.kind === 'failed') session.fail(loadFailed('m1', 'old'), outcome.generation);
    expect(sink.lastStatus()).toMatchObject({ phase: 'loading', modelId: 'm2' });
    host.current().release();
    expect((await second).kind).toBe('loaded');
  });
});

describe('ModelSession labels', () => {
  it('coalesces several edits during one encode into exactly one more encode, with the latest prompts', async () => {
    const { session, sink, host } = await loadedFixture();
    host.holding = true;
    sink.wanted = ['a photo of a cat'];
    const run = session.encodeLabels();
    await until(() => host.current().held.length === 1);
    for (const edit of [
      ['a photo of a cat', 'b'],
      ['a photo of a cat', 'bi'],
      ['a photo of a cat', 'bird', 'dog'],
    ]) {
      sink.wanted = edit;
      void session.encodeLabels();
    }
    host.holding = false;
    host.current().release();
    await run;
    expect(textsSent(host)).toEqual([['a photo of a cat'], ['bird', 'dog']]);
    expect(sink.events.flatMap((e) => (e.kind === 'text' ? [e.prompt] : []))).toEqual([
      'a photo of a cat',
      'bird',
      'dog',
    ]);
  });

  it(`encodes in batches of ${TEXT_BATCH_SIZE}, only prompts neither cached nor in flight`, async () => {
    const { session, sink, host } = await loadedFixture();
    const prompts = Array.from({ length: TEXT_BATCH_SIZE + 10 }, (_, i) => `label ${i}`);
    sink.wanted = [...prompts, prompts[0]!];
    await session.encodeLabels();
    expect(textsSent(host).map((batch) => batch.length)).toEqual([TEXT_BATCH_SIZE, 10]);
    sink.wanted = [...prompts, 'one more'];
    await session.encodeLabels();
    expect(textsSent(host).at(-1)).toEqual(['one more']);
    expect(session.textEmbedding('label 3')).toBeDefined();
  });
});

describe('ModelSession images', () => {
  it('drops an image removed while it was encoding', async () => {
    const { session, sink, host } = await loadedFixture();
    host.holding = true;
    sink.addImages('a', 'b');
    session.syncImages();
    await until(() => host.current().held.length === 2);
    sink.listed = sink.listed.filter((image) => image.id !== 'a');
    host.current().release();
    await until(() => doneIds(sink).length === 1);
    await settle();
    expect(doneIds(sink)).toEqual(['b']);
    expect(sink.events.some((e) => e.kind === 'failed')).toBe(false);
  });

  it('runs images added before any model once it loads, and does not send an image twice', async () => {
    const { session, sink, host } = sessionFixture();
    sink.addImages('a', 'b');
    session.syncImages();
    session.syncImages();
    await session.load({ modelId: 'm1', request: loadOf(1) });
    await until(() => doneIds(sink).length === 2);
    session.syncImages();
    await settle();
    expect(ofType(host, 'encodeImage')).toHaveLength(2);
  });

  it('cancelImages drops the queued images: the worker is told and no result arrives for them', async () => {
    const { session, sink, host } = await loadedFixture();
    host.holding = true;
    sink.addImages('a');
    session.syncImages();
    await until(() => host.current().held.length === 1);
    sink.listed = [];
    session.cancelImages();
    await settle();
    expect(host.current().received.at(-1)?.type).toBe('cancel');
    expect(host.current().held).toEqual([]);
    expect(sink.events.filter((e) => e.kind === 'done' || e.kind === 'failed')).toEqual([]);
  });
});
