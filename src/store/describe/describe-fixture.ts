// A generator session over the fake client, with a source the test edits and a sink that keeps what it was told.
import { settle, until } from '../session/fake-worker-host';
import type { SessionImage } from '../session/session-types';
import type { DescribeImageState } from './describe-types';
import type { DescribeInputs } from './describe-work';
import { FakeGeneratorClient, requestName } from './fake-generator-client';
import { GeneratorSession, type GeneratorStatus } from './generator-session';

export function describeFixture(...imageIds: string[]) {
  const client = new FakeGeneratorClient();
  const images: SessionImage[] = imageIds.map((id) => ({ id, name: `${id}.png`, file: new Blob([id]) }));
  const inputs: DescribeInputs = { question: '', prefix: '', beams: 1, labels: [], template: 'a photo of a {}.' };
  const seen = {
    statuses: [] as GeneratorStatus[],
    byImage: {} as Record<string, DescribeImageState>,
    /** Every caption text the sink was shown for each image, in order. */
    captions: {} as Record<string, string[]>,
    speeds: [] as { tokensPerSecond: number; firstTokenMs: number }[],
    paused: false,
  };
  let time = 0;
  const session = new GeneratorSession({
    makeClient: () => client,
    modelId: 'clipscope-mini-prefixlm',
    loadParams: () => ({ modelUrl: 'https://site.test/models/m/', useCache: false, backend: 'auto', dtype: 'fp32' }),
    source: { images: () => images, inputs: () => inputs },
    sink: {
      status: (status) => seen.statuses.push(status),
      describe: (byImage) => {
        seen.byImage = byImage;
        for (const [id, state] of Object.entries(byImage)) {
          const list = (seen.captions[id] ??= []);
          if (state.caption && list.at(-1) !== state.caption.text) list.push(state.caption.text);
        }
      },
      speed: (speed) => seen.speeds.push(speed),
      paused: (paused) => (seen.paused = paused),
    },
    now: () => (time += 10),
  });
  const order = () => client.requests.map(requestName);
  const status = () => session.status;
  const addImage = (id: string) => images.push({ id, name: `${id}.png`, file: new Blob([id]) });
  const removeImage = (id: string) =>
    images.splice(
      images.findIndex((image) => image.id === id),
      1,
    );
  /** Until no request is pending and nothing more starts. */
  const idle = async () => {
    await until(() => client.requests.length > 0 && client.requests.every((r) => r.settled));
    await settle();
  };
  return { client, images, inputs, seen, session, order, status, addImage, removeImage, idle, until };
}
