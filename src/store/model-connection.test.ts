import { describe, expect, it } from 'vitest';
import type { ClipClient } from '../client/clip-client';
import { ModelConnection } from './model-connection';

/** A stand-in client that records whether it was disposed. */
function fakeClient(log: string[], name: string): ClipClient {
  return { dispose: () => log.push(`dispose ${name}`) } as unknown as ClipClient;
}

describe('ModelConnection', () => {
  it('makes its client at once and replaces it with a fresh one, disposing the old', () => {
    const log: string[] = [];
    let made = 0;
    const connection = new ModelConnection(() => fakeClient(log, `client ${++made}`));
    const first = connection.client;
    connection.replaceClient();
    expect(log).toEqual(['dispose client 1']);
    expect(connection.client).not.toBe(first);
    expect(made).toBe(2);
  });

  it('is an object per app: two connections share nothing', () => {
    const a = new ModelConnection(() => fakeClient([], 'a'));
    const b = new ModelConnection(() => fakeClient([], 'b'));
    a.cancelRequested = true;
    a.localModel = { name: 'folder', files: {} };
    expect(b.cancelRequested).toBe(false);
    expect(b.localModel).toBeUndefined();
  });
});
