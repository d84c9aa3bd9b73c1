import { describe, expect, it } from 'vitest';
import { settle, until } from '../session/fake-worker-host';
import { describeFixture } from './describe-fixture';

describe('GeneratorSession: edits, removed images, faults', () => {
  it('a question edit re-asks only answers, and the stale answer never overwrites the new one', async () => {
    const f = describeFixture('a');
    f.inputs.question = 'what colour is the star?';
    f.inputs.labels = ['red star'];
    f.session.open();
    await f.idle();
    f.client.holding = true;
    f.inputs.question = 'how many shapes are there?';
    f.session.sync();
    await until(() => f.client.pending() !== undefined);
    const first = f.client.pending()!;
    f.client.step(first);
    f.inputs.question = 'is there a triangle?';
    f.session.sync(); // the running answer is stale: stopped, and its reply ignored
    await settle();
    expect(first.settled).toBe(true);
    expect(f.seen.byImage.a?.answer?.text).toBe('');
    const second = f.client.pending()!;
    expect(second.args.prefix).toBe('question: is there a triangle? answer:');
    f.client.finish(second);
    await settle();
    expect(f.seen.byImage.a?.answer).toMatchObject({ state: 'done', text: 'red a', stopped: false });
    expect(f.order()).toEqual(['caption a', 'likelihood a', 'answer a', 'answer a', 'answer a']);
    expect(f.seen.byImage.a?.caption).toMatchObject({ state: 'done', text: 'a red star a' });
  });

  it('an empty question drops the answers; a prefix edit re-runs only continuations', async () => {
    const f = describeFixture('a');
    f.inputs.question = 'what colour is the star?';
    f.inputs.prefix = 'a photo';
    f.session.open();
    await f.idle();
    const before = f.client.requests.length;
    f.inputs.question = '';
    f.inputs.prefix = 'a photo of';
    f.session.sync();
    await f.idle();
    expect(f.seen.byImage.a?.answer).toBeUndefined();
    expect(f.order().slice(before)).toEqual(['continuation a']);
  });

  it('a label or template edit re-scores only likelihoods', async () => {
    const f = describeFixture('a', 'b');
    f.inputs.labels = ['red star'];
    f.inputs.question = 'is there a triangle?';
    f.session.open();
    await f.idle();
    let before = f.client.requests.length;
    f.inputs.labels = ['red star', 'blue square'];
    f.session.sync();
    await f.idle();
    expect(f.order().slice(before)).toEqual(['likelihood a', 'likelihood b']);
    expect(f.seen.byImage.a?.likelihood?.labels).toEqual(['red star', 'blue square']);
    before = f.client.requests.length;
    f.inputs.template = 'an image of {}';
    f.session.sync();
    await f.idle();
    expect(f.order().slice(before)).toEqual(['likelihood a', 'likelihood b']);
    expect(f.seen.byImage.b?.likelihood?.prefix).toBe('an image of');
    f.session.sync(); // nothing changed: nothing runs
    await settle();
    expect(f.client.requests.length).toBe(before + 2);
  });

  it('a removed image has its work dropped (the running one stopped) and its features forgotten; a new one is queued', async () => {
    const f = describeFixture('a', 'b');
    f.client.holding = true;
    f.session.open();
    await until(() => f.client.requests.length === 1);
    f.client.step(f.client.requests[0]!);
    f.removeImage('a');
    f.addImage('c');
    f.session.sync();
    await settle();
    expect(f.client.forgotten).toEqual([['a']]);
    expect(f.seen.byImage.a).toBeUndefined();
    f.client.holding = false;
    f.client.requests.filter((r) => !r.settled).forEach((r) => f.client.finish(r));
    await f.idle();
    expect(f.order()).toEqual(['caption a', 'caption b', 'caption c']);
    expect(Object.keys(f.seen.byImage)).toEqual(['b', 'c']);
  });

  it('a worker killed mid-caption: the re-sent request clears the text, streams again and ends done', async () => {
    const f = describeFixture('a');
    f.client.holding = true;
    f.session.open();
    await until(() => f.client.requests.length === 1);
    const caption = f.client.requests[0]!;
    f.client.step(caption);
    f.client.step(caption);
    f.client.restartStream(caption);
    f.client.step(caption);
    expect(f.seen.byImage.a?.caption).toMatchObject({ state: 'streaming', text: 'a' });
    f.client.finish(caption);
    await settle();
    expect(f.seen.captions.a).toEqual(['', 'a', 'a red', 'a', 'a red star a']);
    expect(f.seen.byImage.a?.caption).toMatchObject({ state: 'done', text: 'a red star a' });
  });

  it('an exhausted restart budget ends every unfinished card in an error that says what to do; Restart recovers', async () => {
    const f = describeFixture('a', 'b');
    f.inputs.labels = ['red star'];
    f.client.holding = true;
    f.session.open();
    await until(() => f.client.requests.length === 1);
    f.client.giveUp();
    await settle();
    const status = f.status();
    expect(status).toMatchObject({ phase: 'error', kind: 'worker-stopped', actions: ['restart'] });
    for (const id of ['a', 'b']) {
      expect(f.seen.byImage[id]?.caption?.state).toBe('error');
      expect(f.seen.byImage[id]?.caption?.message).toMatch(/Restart/);
      expect(f.seen.byImage[id]?.likelihood?.state).toBe('error');
    }
    f.client.holding = false;
    f.session.retry();
    await f.idle();
    expect(f.client.revived).toBe(1);
    expect(f.status().phase).toBe('ready');
    expect(f.seen.byImage.b?.caption).toMatchObject({ state: 'done', text: 'a red star b' });
    expect(f.seen.byImage.a?.likelihood?.state).toBe('done');
  });

  it('a failed load says so with a retry; the WebGPU fallback shows the new backend', async () => {
    const f = describeFixture('a');
    f.client.loadFailure = 'config.json could not be fetched';
    f.session.open();
    await until(() => f.status().phase === 'error');
    expect(f.status()).toMatchObject({ kind: 'load', actions: ['retry'] });
    f.client.loadFailure = undefined;
    f.session.retry();
    await f.idle();
    expect(f.status().phase).toBe('ready');
    f.client.onBackendChanged('wasm', 'WebGPU failed, so the model runs on WASM.');
    expect(f.status()).toMatchObject({ phase: 'ready', model: { backend: 'wasm', notice: /WASM/ } });
  });
});
