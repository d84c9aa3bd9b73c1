import { describe, expect, it } from 'vitest';
import { MAX_RESTARTS } from '../../client/clip-client';
import { loadOf, settle, until } from './fake-worker-host';
import type { RecordingSink } from './recording-sink';
import { inFlightFixture, loadedFixture, sessionFixture } from './session-fixture';

const doneIds = (sink: RecordingSink) => sink.events.flatMap((e) => (e.kind === 'done' ? [e.id] : []));

describe('ModelSession model switch', () => {
  it('never lets an answer for the replaced model reach the sink', async () => {
    const { session, sink, host } = await inFlightFixture();
    const switched = session.load({ modelId: 'm2', request: loadOf(2) });
    host.holding = false;
    host.current().release(); // the old model answers the text first, then model 2 loads
    await switched;
    await until(() => doneIds(sink).length === 1 && sink.events.some((e) => e.kind === 'text'));
    const afterSwitch = sink.afterClear(2);
    expect(
      afterSwitch.filter((e) => e.kind === 'text' || e.kind === 'done').map((e) => 'model' in e && e.model),
    ).toEqual(expect.arrayContaining([2]));
    expect(afterSwitch.some((e) => 'model' in e && e.model === 1)).toBe(false);
    expect(session.textEmbedding('cat')?.[0]).toBe(2);
  });

  it('a model switch mid-run: every image ends with a result from the new model', async () => {
    const { session, sink, host } = await loadedFixture(1);
    host.holding = true;
    const ids = ['a', 'b', 'c', 'd', 'e'];
    sink.addImages(...ids);
    session.syncImages();
    await until(() => host.current().held.length === ids.length);
    host.current().release((request) => request.type === 'encodeImage' && request.id <= 3); // two answered
    await until(() => doneIds(sink).length === 2);
    const switched = session.load({ modelId: 'm2', request: loadOf(2) });
    host.holding = false;
    host.current().release();
    await switched;
    await until(() => ids.every((id) => session.imageEmbedding(id)));
    expect(ids.map((id) => session.imageEmbedding(id)![0])).toEqual([2, 2, 2, 2, 2]);
    const finals = new Map(sink.afterClear(2).flatMap((e) => (e.kind === 'done' ? [[e.id, e.model] as const] : [])));
    expect([...finals.keys()].sort()).toEqual(ids);
    expect([...finals.values()]).toEqual([2, 2, 2, 2, 2]);
  });
});

describe('ModelSession restarts', () => {
  it('a worker that dies gets a successor which receives the load and the pending requests; results arrive', async () => {
    const { session, sink, host } = await loadedFixture(1);
    host.holding = true;
    sink.wanted = ['cat'];
    sink.addImages('a', 'b');
    void session.encodeLabels();
    session.syncImages();
    await until(() => host.current().held.length === 3);
    host.current().kill();
    await until(() => host.workers.length === 2);
    expect(
      host
        .current()
        .received.map((r) => r.type)
        .sort(),
    ).toEqual(['encodeImage', 'encodeImage', 'encodeTexts', 'load'].sort());
    expect(host.current().received[0]?.type).toBe('load');
    host.holding = false;
    host.current().release();
    await until(() => doneIds(sink).length === 2 && session.textEmbedding('cat') !== undefined);
    expect(sink.lastStatus()).toMatchObject({
      phase: 'ready',
      model: { notice: expect.stringMatching(/pending work was re-run/) },
    });
  });

  it('an exhausted restart budget fails pending work with a clear error and an error status offering restart', async () => {
    const { session, sink, host } = await loadedFixture(1);
    host.holding = true;
    sink.addImages('a');
    session.syncImages();
    await until(() => host.current().held.length === 1);
    for (let i = 0; i <= MAX_RESTARTS; i++) {
      const before = host.workers.length;
      host.current().kill(); // dies before answering what was re-sent
      if (i < MAX_RESTARTS) await until(() => host.workers.length === before + 1);
    }
    await until(() => sink.events.some((e) => e.kind === 'failed'));
    expect(host.workers).toHaveLength(MAX_RESTARTS + 1);
    const failed = sink.events.find((e) => e.kind === 'failed');
    expect(failed).toMatchObject({ id: 'a', workerStopped: true, message: expect.stringMatching(/Press Restart/) });
    expect(sink.lastStatus()).toMatchObject({ phase: 'error', kind: 'worker-stopped', actions: ['restart'] });
    // Restart: a fresh worker loads the model and the image runs again.
    host.holding = false;
    session.revive();
    await session.load({ modelId: 'm1', request: loadOf(1) });
    await until(() => doneIds(sink).includes('a'));
    expect(sink.lastStatus()?.phase).toBe('ready');
  });
});

describe('ModelSession frames and stop', () => {
  it('encodes camera frames only while ready, closing a frame it cannot use', async () => {
    const { session } = sessionFixture();
    let closed = 0;
    const frame = () => ({ close: () => void closed++ }) as unknown as ImageBitmap;
    expect(await session.encodeFrame(frame())).toBeUndefined();
    expect(closed).toBe(1);
    await session.load({ modelId: 'm3', request: loadOf(3) });
    expect(Array.from((await session.encodeFrame(frame()))!)).toEqual([3, 0]);
  });

  it('after stop, answers in flight are dropped and the worker is ended', async () => {
    const { session, sink, host } = await inFlightFixture();
    const before = sink.events.length;
    session.stop();
    expect(host.current().terminated).toBe(true);
    expect(sink.events.slice(before)).toEqual([{ kind: 'status', status: { phase: 'idle' } }]);
    await settle();
    expect(sink.events.slice(before + 1)).toEqual([]);
    expect((await session.load({ modelId: 'm2', request: loadOf(2) })).kind).toBe('replaced');
  });
});
