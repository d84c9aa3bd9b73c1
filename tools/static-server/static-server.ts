// A plain static file server, like GitHub Pages or any basic host: it serves a folder under a sub-path and sends
// no cross-origin isolation headers (no COOP/COEP), so tests see what visitors of such hosts see.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.onnx': 'application/octet-stream',
};

export interface StaticServer {
  /** The site's address, ending in the sub-path and a slash. */
  url: string;
  close: () => Promise<void>;
}

export interface StaticServerOptions {
  root: string;
  /** The sub-path the site lives under, like "/tools/clipscope/". */
  basePath: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Answers for paths (relative to the site) that match are held until the promise settles. */
  hold?: { path: RegExp; until: Promise<unknown> };
}

/** The file a URL path names under `root`, or undefined when it is outside the site. */
function filePath(root: string, basePath: string, urlPath: string): string | undefined {
  if (!urlPath.startsWith(basePath)) return undefined;
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(urlPath.slice(basePath.length)));
  } catch {
    return undefined; // malformed %-escape
  }
  if (relative.startsWith('..') || relative.includes(`${sep}..`)) return undefined;
  return join(root, relative.endsWith(sep) || relative === '.' ? join(relative, 'index.html') : relative);
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const { root, basePath, port = 0, hold } = options;
  // Never rejects (a failed stat answers 404), so node:http may drop the promise.
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const urlPath = new URL(request.url ?? '/', 'http://x').pathname;
    if (hold?.path.test(urlPath.slice(basePath.length))) await hold.until.catch(() => undefined);
    const path = filePath(root, basePath, urlPath);
    const notFound = () => response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    if (!path || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
    stat(path).then(
      (info) => {
        if (!info.isFile()) return notFound();
        response.writeHead(200, {
          'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
          'Content-Length': info.size,
          'Cache-Control': 'no-cache',
        });
        if (request.method === 'HEAD') return response.end();
        createReadStream(path).pipe(response);
      },
      () => notFound(),
    );
  };
  const server: Server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actualPort}${basePath}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
