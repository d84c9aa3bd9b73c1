import { describe, expect, it } from 'vitest';
import { until } from '../session/fake-worker-host';
import { createAppStore } from '../store';
import { describeAgain, openDescribe, stopGeneration, watchDescribeTab } from './describe-actions';
import { createDescribeSession } from './describe-session-wiring';
import { MAX_DESCRIBE_CHARS } from './describe-slice';
import { FakeGeneratorClient } from './fake-generator-client';

function appWithFakeGenerator() {
  const store = createAppStore();
  const client = new FakeGeneratorClient();
  store.getState().setDescribeSession(createDescribeSession(store, () => client, 'https://site.test/app/'));
  store.getState().setLabelsText('red star\nblue square');
  const file = new Blob(['x']);
  store.getState().addImages([{ id: 'img1', name: 'star.png', file, state: 'queued' }]);
  return { store, client };
}

describe('describe slice', () => {
  it('starts idle, and opening the tab loads the bundled generator and fills every image', async () => {
    const { store, client } = appWithFakeGenerator();
    expect(store.getState().generatorStatus.phase).toBe('idle');
    watchDescribeTab(store);
    expect(client.loads).toBe(0);
    store.getState().setExploreTab('describe');
    await until(() => store.getState().describeByImage.img1?.caption?.state === 'done');
    expect(client.loads).toBe(1);
    expect(store.getState().generatorStatus.phase).toBe('ready');
    expect(store.getState().generationSpeed?.tokensPerSecond).toBeGreaterThan(0);
    await until(() => store.getState().describeByImage.img1?.likelihood?.state === 'done');
    expect(store.getState().describeByImage.img1?.likelihood?.labels).toEqual(['red star', 'blue square']);
    expect(store.getState().describeByImage.img1?.likelihood?.prefix).toBe('a photo of a');
  });

  it('store edits reach the session: a question asks every image, a new image is described', async () => {
    const { store } = appWithFakeGenerator();
    openDescribe(store);
    store.getState().setDescribeQuestion('what colour is the star?');
    store.getState().addImages([{ id: 'img2', name: 'b.png', file: new Blob(['y']), state: 'queued' }]);
    await until(() => store.getState().describeByImage.img2?.answer?.state === 'done');
    expect(store.getState().describeByImage.img1?.answer?.text).toBe('red img1');
    store.getState().removeImage('img1');
    await until(() => store.getState().describeByImage.img1 === undefined);
  });

  it('Stop pauses generation and "Describe again" resumes it', async () => {
    const { store, client } = appWithFakeGenerator();
    client.holding = true;
    openDescribe(store);
    await until(() => client.requests.length === 1);
    stopGeneration(store);
    await until(() => store.getState().describeByImage.img1?.caption?.state === 'done');
    expect(store.getState().describePaused).toBe(true);
    expect(store.getState().describeByImage.img1?.caption?.stopped).toBe(true);
    client.holding = false;
    describeAgain(store);
    client.requests.filter((r) => !r.settled).forEach((r) => client.finish(r)); // the likelihood held meanwhile
    await until(() => store.getState().describeByImage.img1?.caption?.text === 'a red star img1');
    expect(store.getState().describePaused).toBe(false);
  });

  it('limits the question and prefix', () => {
    const store = createAppStore();
    store.getState().setDescribeQuestion('q'.repeat(MAX_DESCRIBE_CHARS + 50));
    store.getState().setDescribePrefix('p'.repeat(MAX_DESCRIBE_CHARS + 50));
    expect(store.getState().describeQuestion).toHaveLength(MAX_DESCRIBE_CHARS);
    expect(store.getState().describePrefix).toHaveLength(MAX_DESCRIBE_CHARS);
  });
});
