// Ways of streaming a file's bytes into a response whose status and headers are already set.
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** The bytes `start .. start + lengthBytes - 1` of a file. */
export interface FileSlice {
  filePath: string;
  start: number;
  lengthBytes: number;
}

// Small enough steps that a throttled download advances smoothly rather than in one-second bursts.
const THROTTLE_STEPS_PER_SECOND = 20;

function readSlice({ filePath, start, lengthBytes }: FileSlice, chunkBytes?: number) {
  return createReadStream(filePath, { start, end: start + lengthBytes - 1, highWaterMark: chunkBytes });
}

// Resolves once the chunk has reached the socket, so a later destroy cannot discard it.
function writeChunk(response: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    response.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

export async function sendWhole(response: ServerResponse, slice: FileSlice): Promise<void> {
  if (slice.lengthBytes === 0) {
    response.end();
    return;
  }
  await pipeline(readSlice(slice), response);
}

/**
 * Sends about half the slice, then destroys the socket. The headers promised the full Content-Length, so the
 * client sees the connection die mid-body, as on a dropped network.
 */
export async function sendHalfThenCut(response: ServerResponse, slice: FileSlice): Promise<void> {
  response.flushHeaders();
  const halfBytes = Math.floor(slice.lengthBytes / 2);
  if (halfBytes > 0) {
    for await (const chunk of readSlice({ ...slice, lengthBytes: halfBytes })) {
      await writeChunk(response, chunk as Buffer);
    }
  }
  response.destroy();
}

/** Sends the slice at about `bytesPerSecond`, so the whole body takes roughly lengthBytes / bytesPerSecond. */
export async function sendThrottled(response: ServerResponse, slice: FileSlice, bytesPerSecond: number): Promise<void> {
  if (slice.lengthBytes === 0) {
    response.end();
    return;
  }
  response.flushHeaders();
  const chunkBytes = Math.max(1, Math.ceil(bytesPerSecond / THROTTLE_STEPS_PER_SECOND));
  const startedAtMs = performance.now();
  let sentBytes = 0;
  for await (const chunk of readSlice(slice, chunkBytes)) {
    sentBytes += (chunk as Buffer).length;
    // Pace against the start time rather than per chunk, so timer lateness does not add up over the body.
    const dueAtMs = startedAtMs + (sentBytes / bytesPerSecond) * 1000;
    const waitMs = dueAtMs - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    await writeChunk(response, chunk as Buffer);
  }
  response.end();
}
