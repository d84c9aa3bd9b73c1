// A session over a fake worker host, recording what it reports: the starting point of the session's unit tests.
import { ClipClient } from '../../client/clip-client';
import { FakeWorkerHost, loadOf, settle, until } from './fake-worker-host';
import { ModelSession } from './model-session';
import { RecordingSink } from './recording-sink';

export function sessionFixture() {
  const host = new FakeWorkerHost();
  const sink = new RecordingSink();
  const session = new ModelSession({ makeClient: () => new ClipClient(host), source: sink, sink });
  return { host, sink, session };
}

/** A fixture whose session has loaded fake model `n` and finished the pass the load starts. */
export async function loadedFixture(n = 1) {
  const made = sessionFixture();
  await made.session.load({ modelId: `m${n}`, request: loadOf(n) });
  await settle();
  return made;
}

/** A loaded fixture with the label "cat" and image "a" sent and held unanswered in the worker. */
export async function inFlightFixture() {
  const made = await loadedFixture(1);
  made.host.holding = true;
  made.sink.wanted = ['cat'];
  made.sink.addImages('a');
  void made.session.encodeLabels();
  made.session.syncImages();
  await until(() => made.host.current().held.length === 2);
  return made;
}
