import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, type HubServer } from '../../tools/hub-server/hub-server';
import { makeFixtureRepo, MODEL_BYTES, REPO_ID, type FixtureRepo } from './fixture-repo';
import { rawGetStatus } from '../helpers/raw-get';

let fixture: FixtureRepo;
let server: HubServer;
const fileUrl = (path: string, repoId = REPO_ID) => `${server.origin}/${repoId}/resolve/main/${path}`;

beforeAll(async () => {
  fixture = await makeFixtureRepo();
  server = await startHubServer({ repos: { [REPO_ID]: fixture.repoDir } });
});

afterAll(async () => {
  await server?.close();
  await fixture?.remove();
});

describe('hub server: serving files', () => {
  it('listens on a free loopback port when given none', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves JSON with CORS, caching and type headers', async () => {
    const response = await fetch(fileUrl('config.json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'Content-Length, Content-Range, Accept-Ranges, ETag',
    );
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-length')).toBe(String(fixture.configJson.length));
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(await response.text()).toBe(fixture.configJson);
  });

  it('serves a binary file in a subfolder byte for byte', async () => {
    const response = await fetch(fileUrl('onnx/model.onnx'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-length')).toBe(String(MODEL_BYTES));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer()).equals(fixture.model)).toBe(true);
  });

  it('accepts any revision and percent-encoded file names', async () => {
    const response = await fetch(`${server.origin}/${REPO_ID}/resolve/refs%2Fpr%2F7/small%20file.bin`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(fixture.small)).toBe(true);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const response = await fetch(fileUrl('onnx/model.onnx'), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(MODEL_BYTES));
    expect(response.headers.get('etag')).toMatch(/^".+"$/);
    expect(await response.text()).toBe('');
  });

  it('answers a CORS preflight', async () => {
    const response = await fetch(fileUrl('onnx/model.onnx'), { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('Range, Content-Type');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
  });

  it('serves a closed byte range as 206 with exact bytes', async () => {
    const response = await fetch(fileUrl('onnx/model.onnx'), { headers: { Range: 'bytes=1000-1999' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-1999/${MODEL_BYTES}`);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await response.arrayBuffer()).equals(fixture.model.subarray(1000, 2000))).toBe(true);
  });

  it('serves an open-ended byte range to the end of the file', async () => {
    const start = MODEL_BYTES - 300;
    const response = await fetch(fileUrl('onnx/model.onnx'), { headers: { Range: `bytes=${start}-` } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${MODEL_BYTES - 1}/${MODEL_BYTES}`);
    expect(response.headers.get('content-length')).toBe('300');
    expect(Buffer.from(await response.arrayBuffer()).equals(fixture.model.subarray(start))).toBe(true);
  });

  it('refuses a range past the end with 416', async () => {
    const response = await fetch(fileUrl('onnx/model.onnx'), { headers: { Range: `bytes=${MODEL_BYTES}-` } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${MODEL_BYTES}`);
  });

  it('gives 404 for an unknown repo, an unknown file, or a non-resolve path', async () => {
    expect((await fetch(fileUrl('config.json', 'nobody/nothing'))).status).toBe(404);
    expect((await fetch(fileUrl('onnx/missing.onnx'))).status).toBe(404);
    expect((await fetch(fileUrl('onnx'))).status).toBe(404);
    expect((await fetch(`${server.origin}/${REPO_ID}/blob/main/config.json`)).status).toBe(404);
  });

  it('gives 404 for paths that climb out of the repo folder', async () => {
    expect(await rawGetStatus(server.origin, `/${REPO_ID}/resolve/main/../secret.txt`)).toBe(404);
    expect(await rawGetStatus(server.origin, `/${REPO_ID}/resolve/main/%2E%2E/secret.txt`)).toBe(404);
    expect(await rawGetStatus(server.origin, `/${REPO_ID}/resolve/main/..%2Fsecret.txt`)).toBe(404);
    expect(await rawGetStatus(server.origin, `/${REPO_ID}/resolve/main/onnx/..%5C..%5Csecret.txt`)).toBe(404);
  });

  it('records each request with method, path as sent, status and range', async () => {
    const before = server.requests.length;
    await (await fetch(fileUrl('onnx/model.onnx'), { headers: { Range: 'bytes=0-9' } })).arrayBuffer();
    await (await fetch(fileUrl('small%20file.bin'), { method: 'HEAD' })).arrayBuffer();
    await (await fetch(fileUrl('nope.json'))).arrayBuffer();
    expect(server.requests.slice(before)).toEqual([
      { method: 'GET', path: `/${REPO_ID}/resolve/main/onnx/model.onnx`, status: 206, range: 'bytes=0-9' },
      { method: 'HEAD', path: `/${REPO_ID}/resolve/main/small%20file.bin`, status: 200 },
      { method: 'GET', path: `/${REPO_ID}/resolve/main/nope.json`, status: 404 },
    ]);
  });
});
