import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadFile } from './download';

// A host that accepts connections and never answers: the app must not wait on it for ever.
let server: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  sockets.forEach((s) => s.destroy());
  await new Promise((resolve) => server?.close(resolve));
});

async function silentHost(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  server = createServer(() => requests++);
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/repo/resolve/main/config.json`, requests: () => requests };
}

describe('downloadFile answer timeout', () => {
  it('gives up on a host that does not answer, once, without retrying, and says so', async () => {
    const host = await silentHost();
    await expect(downloadFile(host.url, { answerTimeoutMs: 300, backoffMs: 1 })).rejects.toThrow(
      /did not answer within 0.3 s/,
    );
    expect(host.requests()).toBe(1);
  });

  it('a cancel still reads as a cancel while waiting for the answer', async () => {
    const host = await silentHost();
    const control = new AbortController();
    const download = downloadFile(host.url, { answerTimeoutMs: 60_000, signal: control.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    control.abort();
    await expect(download).rejects.toThrow(/cancelled/);
  });
});

describe('downloadFile progress', () => {
  it('reports the size from the headers before any bytes arrive', async () => {
    let release: () => void = () => {};
    server = createServer((_, response) => {
      response.writeHead(200, { 'Content-Length': 4 });
      response.flushHeaders();
      release = () => response.end('abcd');
    });
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const first = new Promise((resolve) => {
      const progress: unknown[] = [];
      void downloadFile(`http://127.0.0.1:${port}/f`, {
        onProgress: (p) => progress.push(p) === 1 && resolve(p),
      }).then((bytes) => progress.push(bytes.length));
    });
    expect(await first).toEqual({ loadedBytes: 0, totalBytes: 4, fromCache: false });
    release();
  });
});
