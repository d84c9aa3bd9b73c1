// Serves the repository over loopback HTTP (with COOP/COEP, so WASM gets threads) and runs measure.html for a
// model folder in Debian's headless Chromium, once per execution provider.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../chromium';

export const ROOT = resolve(import.meta.dirname, '../../..');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};
const RESULT_TIMEOUT_MS = 300_000;

export interface BrowserRun {
  ep: 'wasm' | 'webgpu';
  error?: string;
  fallbackAdapter?: boolean | null;
  crossOriginIsolated?: boolean;
  threads?: number;
  sessionCreateMs?: number;
  imageMs?: number;
  textMs?: number;
  imageEmbeds?: number[];
}

export function serveRepository() {
  return createServer((request, response) => {
    const path = normalize(join(ROOT, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(ROOT) || !existsSync(path) || !statSync(path).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    createReadStream(path).pipe(response);
  });
}

export interface PageRunner {
  /** Opens the page path (relative to the repository root) and resolves with what it leaves in __result. */
  run<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** Serves the repository (with COOP/COEP, so WASM gets threads) to one headless Chromium that opens pages on demand. */
export async function openPages(): Promise<PageRunner> {
  const server = serveRepository();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  return {
    async run<T>(path: string): Promise<T> {
      const page = await browser.newPage();
      try {
        await page.goto(`${origin}/${path}`);
        await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result, null, {
          timeout: RESULT_TIMEOUT_MS,
        });
        return await page.evaluate(() => (globalThis as unknown as { __result: T }).__result);
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/**
 * Opens each page path (relative to the repository root, served with COOP/COEP) in headless Chromium and returns
 * what each page leaves in `globalThis.__result`, in order.
 */
export async function runPages<T>(paths: string[]): Promise<T[]> {
  const pages = await openPages();
  const results: T[] = [];
  try {
    for (const path of paths) results.push(await pages.run<T>(path));
  } finally {
    await pages.close();
  }
  return results;
}

/** Runs the model folder (inside the repository) on each execution provider; `runs` timed runs after warm-up. */
export function runInChromium(modelDir: string, eps: BrowserRun['ep'][], runs = 5): Promise<BrowserRun[]> {
  const model = '/' + relative(ROOT, resolve(modelDir));
  return runPages<BrowserRun>(
    eps.map((ep) => `tools/models/browser/measure.html?model=${model}&ep=${ep}&runs=${runs}`),
  );
}

export function maxAbsDiff(a: readonly number[] = [], b: readonly number[] = []): number {
  if (a.length === 0 || a.length !== b.length) return Infinity;
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}
