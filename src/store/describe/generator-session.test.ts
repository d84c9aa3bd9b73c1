import { describe, expect, it } from 'vitest';
import { settle, until } from '../session/fake-worker-host';
import { describeFixture } from './describe-fixture';
import { MAX_LIKELIHOOD_LABELS } from './describe-work';
import { fakeLogProb } from './fake-generator-client';

describe('GeneratorSession: order, streaming, stop', () => {
  it('loads once on open, then captions every image before answers and continuations, likelihoods between', async () => {
    const f = describeFixture('a', 'b');
    f.inputs.question = 'what colour is the star?';
    f.inputs.prefix = 'a photo of a red';
    f.inputs.labels = ['red star', 'blue square'];
    f.session.open();
    f.session.open();
    await f.idle();
    expect(f.client.loads).toBe(1);
    expect(f.seen.statuses.map((s) => s.phase)).toEqual(['loading', 'ready']);
    expect(f.order()).toEqual([
      'caption a',
      'caption b',
      'likelihood a',
      'likelihood b',
      'answer a',
      'answer b',
      'continuation a',
      'continuation b',
    ]);
    const a = f.seen.byImage.a!;
    expect(a.caption).toMatchObject({ state: 'done', text: 'a red star a', stopped: false });
    expect(a.answer).toMatchObject({ state: 'done', text: 'red a' });
    expect(a.continuation).toMatchObject({ state: 'done', text: 'on grey a' });
    const prompts = f.client.requests.map((r) => r.args.prefix);
    expect(prompts).toContain('question: what colour is the star? answer:');
    expect(prompts).toContain('a photo of a red');
  });

  it('scores labels under the template prefix, softmax over their mean log-probabilities', async () => {
    const f = describeFixture('a');
    f.inputs.labels = ['red star', 'blue square', 'tri'];
    f.inputs.template = '  a photo of a {}. ';
    f.session.open();
    await f.idle();
    const score = f.client.requests.find((r) => r.kind === 'score')!;
    expect(score.args.prefix).toBe('a photo of a');
    const logs = f.inputs.labels.map(fakeLogProb);
    const exps = logs.map(Math.exp);
    const sum = exps.reduce((x, y) => x + y);
    const { likelihood } = f.seen.byImage.a!;
    expect(likelihood?.state).toBe('done');
    expect(likelihood?.labels).toEqual(f.inputs.labels);
    likelihood!.probabilities.forEach((p, i) => expect(p).toBeCloseTo(exps[i]! / sum, 6));
  });

  it('leaves the likelihood chart out, with what to do, when there are more labels than one pass holds', async () => {
    const f = describeFixture('a');
    f.inputs.labels = Array.from({ length: MAX_LIKELIHOOD_LABELS + 1 }, (_, i) => `label ${i}`);
    f.session.open();
    await f.idle();
    expect(f.order()).toEqual(['caption a']);
    expect(f.seen.byImage.a?.likelihood).toMatchObject({ state: 'error', message: /fewer labels/ });
    f.session.describeAgain(); // "Describe again" does not try it anyway
    await settle();
    expect(f.order()).toEqual(['caption a']);
  });

  it('streams the text as it comes, with time to first token and tokens per second', async () => {
    const f = describeFixture('a');
    f.client.holding = true;
    f.session.open();
    await until(() => f.client.requests.length === 1);
    const caption = f.client.requests[0]!;
    expect(f.seen.byImage.a?.caption?.state).toBe('streaming');
    f.client.step(caption);
    f.client.step(caption);
    expect(f.seen.byImage.a?.caption).toMatchObject({ state: 'streaming', text: 'a red' });
    expect(f.seen.byImage.a?.caption?.firstTokenMs).toBeGreaterThan(0);
    expect(f.seen.speeds.at(-1)?.tokensPerSecond).toBeGreaterThan(0);
    f.client.finish(caption);
    await settle();
    expect(f.seen.byImage.a?.caption).toMatchObject({ state: 'done', text: 'a red star a', tokensPerSecond: 100 });
    expect(f.seen.captions.a).toEqual(['', 'a', 'a red', 'a red star a']);
  });

  it('Stop keeps the text so far, marks it stopped, and starts no queued generation until Describe again', async () => {
    const f = describeFixture('a', 'b');
    f.client.holding = true;
    f.session.open();
    await until(() => f.client.requests.length === 1);
    f.client.step(f.client.requests[0]!);
    f.session.stopGeneration();
    await settle();
    expect(f.seen.byImage.a?.caption).toMatchObject({ state: 'done', text: 'a', stopped: true });
    expect(f.seen.byImage.b?.caption?.state).toBe('queued');
    expect(f.seen.paused).toBe(true);
    expect(f.order()).toEqual(['caption a']);
    f.client.holding = false;
    f.session.describeAgain();
    await f.idle();
    expect(f.seen.paused).toBe(false);
    expect(f.seen.byImage.a?.caption).toMatchObject({ state: 'done', text: 'a red star a', stopped: false });
    expect(f.seen.byImage.b?.caption).toMatchObject({ state: 'done', text: 'a red star b' });
  });

  it('a Stop during the first token leaves an empty done caption marked stopped', async () => {
    const f = describeFixture('a');
    f.client.holding = true;
    f.session.open();
    await until(() => f.client.requests.length === 1);
    f.session.stopGeneration();
    await settle();
    expect(f.seen.byImage.a?.caption).toMatchObject({ state: 'done', text: '', stopped: true });
  });

  it('a beam width change runs every generation again with that width', async () => {
    const f = describeFixture('a');
    f.session.open();
    await f.idle();
    f.inputs.beams = 3;
    f.session.sync();
    await f.idle();
    const last = f.client.requests.at(-1)!;
    expect(last.kind === 'generate' && last.args.beams).toBe(3);
    expect(f.order()).toEqual(['caption a', 'caption a']);
  });
});
