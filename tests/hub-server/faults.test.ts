import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHubServer, type HubServer } from '../../tools/hub-server/hub-server';
import { makeFixtureRepo, MODEL_BYTES, REPO_ID, SMALL_BYTES, type FixtureRepo } from './fixture-repo';

// 2 KiB at 8 KiB/s: a quarter of a second, long enough to measure and short enough to keep the suite quick.
const SLOW_BYTES_PER_SECOND = 8192;
const EXPECTED_SLOW_MS = (SMALL_BYTES / SLOW_BYTES_PER_SECOND) * 1000;
// Timers may fire a little early or late; the point is that the body was visibly held back.
const SLOW_TOLERANCE_MS = 50;

let fixture: FixtureRepo;
let server: HubServer;
const fileUrl = (path: string) => `${server.origin}/${REPO_ID}/resolve/main/${path}`;

beforeAll(async () => {
  fixture = await makeFixtureRepo();
  server = await startHubServer({
    repos: { [REPO_ID]: fixture.repoDir },
    slowBytesPerSecond: SLOW_BYTES_PER_SECOND,
  });
});

afterAll(async () => {
  await server?.close();
  await fixture?.remove();
});

beforeEach(() => server.clearFaults());

describe('hub server: faults', () => {
  it("'not-found' answers 404 for an existing file, on GET and HEAD", async () => {
    server.setFault('config.json', 'not-found');
    expect((await fetch(fileUrl('config.json'))).status).toBe(404);
    expect((await fetch(fileUrl('config.json'), { method: 'HEAD' })).status).toBe(404);
    expect((await fetch(fileUrl('onnx/model.onnx'))).status).toBe(200);
  });

  it("'server-error' answers 500 with CORS headers, so the browser lets the app see it", async () => {
    server.setFault('.onnx', 'server-error');
    const response = await fetch(fileUrl('onnx/model.onnx'));
    expect(response.status).toBe(500);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("'cut-halfway' promises the full length, then drops the connection mid-body", async () => {
    server.setFault('onnx/model.onnx', 'cut-halfway');
    const response = await fetch(fileUrl('onnx/model.onnx'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(MODEL_BYTES));
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it("'cut-halfway' delivers about half the bytes before the cut", async () => {
    server.setFault('onnx/model.onnx', 'cut-halfway');
    const response = await fetch(fileUrl('onnx/model.onnx'));
    const reader = response.body!.getReader();
    let receivedBytes = 0;
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          receivedBytes += value.length;
        }
      })(),
    ).rejects.toThrow();
    expect(receivedBytes).toBe(MODEL_BYTES / 2);
  });

  it("'cut-halfway' on a range cuts that range", async () => {
    server.setFault('model.onnx', 'cut-halfway');
    const response = await fetch(fileUrl('onnx/model.onnx'), { headers: { Range: 'bytes=100000-' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-length')).toBe(String(MODEL_BYTES - 100_000));
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it("'slow' delivers the whole body, throttled to the configured rate", async () => {
    server.setFault('small file.bin', 'slow');
    const startedAtMs = performance.now();
    const response = await fetch(fileUrl('small%20file.bin'));
    const body = Buffer.from(await response.arrayBuffer());
    const elapsedMs = performance.now() - startedAtMs;
    expect(body.equals(fixture.small)).toBe(true);
    expect(elapsedMs).toBeGreaterThanOrEqual(EXPECTED_SLOW_MS - SLOW_TOLERANCE_MS);
    expect(elapsedMs).toBeLessThan(EXPECTED_SLOW_MS * 4);
  });

  it('a fault with times fails that many requests, then the retry succeeds', async () => {
    server.setFault('onnx/model.onnx', 'server-error', 1);
    const before = server.requests.length;
    expect((await fetch(fileUrl('onnx/model.onnx'))).status).toBe(500);
    const retry = await fetch(fileUrl('onnx/model.onnx'));
    expect(retry.status).toBe(200);
    expect(Buffer.from(await retry.arrayBuffer()).equals(fixture.model)).toBe(true);
    expect(server.requests.slice(before).map((request) => request.status)).toEqual([500, 200]);
  });

  it('a cut with times lets the second download through whole', async () => {
    server.setFault('onnx/model.onnx', 'cut-halfway', 1);
    await expect((await fetch(fileUrl('onnx/model.onnx'))).arrayBuffer()).rejects.toThrow();
    const retry = await fetch(fileUrl('onnx/model.onnx'));
    expect(Buffer.from(await retry.arrayBuffer()).equals(fixture.model)).toBe(true);
  });

  it('body faults are not used up by a HEAD probe', async () => {
    server.setFault('onnx/model.onnx', 'cut-halfway', 1);
    expect((await fetch(fileUrl('onnx/model.onnx'), { method: 'HEAD' })).status).toBe(200);
    await expect((await fetch(fileUrl('onnx/model.onnx'))).arrayBuffer()).rejects.toThrow();
  });

  it('records faulted requests too', async () => {
    server.setFault('config.json', 'not-found', 1);
    const before = server.requests.length;
    await (await fetch(fileUrl('config.json'))).arrayBuffer();
    await (await fetch(fileUrl('config.json'))).arrayBuffer();
    expect(server.requests.slice(before)).toEqual([
      { method: 'GET', path: `/${REPO_ID}/resolve/main/config.json`, status: 404 },
      { method: 'GET', path: `/${REPO_ID}/resolve/main/config.json`, status: 200 },
    ]);
  });

  it('clearFaults removes every fault', async () => {
    server.setFault('config.json', 'server-error');
    server.clearFaults();
    expect((await fetch(fileUrl('config.json'))).status).toBe(200);
  });

  it('refuses a times below one', () => {
    expect(() => server.setFault('config.json', 'slow', 0)).toThrow(RangeError);
  });
});
