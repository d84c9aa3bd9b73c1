import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../tools/static-server/static-server';
import { rawGetStatus } from '../helpers/raw-get';

let root: string;
let server: StaticServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'static-server-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>site</title>');
  writeFileSync(join(root, 'assets/app.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(join(tmpdir(), 'outside-static-root.txt'), 'secret');
  server = await startStaticServer({ root, basePath: '/tools/clipscope/' });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'outside-static-root.txt'), { force: true });
});

describe('plain static server', () => {
  it('serves the site under its sub-path, index.html for the folder, without isolation headers', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tools\/clipscope\/$/);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>site</title>');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(page.headers.get('cross-origin-embedder-policy')).toBeNull();
  });

  it('sends wasm as application/wasm, so browsers can compile it while it streams', async () => {
    const wasm = await fetch(`${server.url}assets/app.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
  });

  it('answers 404 outside the sub-path, for missing files, and for paths escaping the folder', async () => {
    expect((await fetch(server.url.replace('/tools/clipscope/', '/index.html'))).status).toBe(404);
    expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
    expect(await rawGetStatus(server.url, '/tools/clipscope/../../outside-static-root.txt')).toBe(404);
    expect(await rawGetStatus(server.url, '/tools/clipscope/%2e%2e/%2e%2e/outside-static-root.txt')).toBe(404);
    expect(await rawGetStatus(server.url, '/tools/clipscope/%E0%A4%A')).toBe(404);
  });
});
