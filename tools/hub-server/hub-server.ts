// A real HTTP server that serves model folders in the Hugging Face Hub URL layout
// (`/{owner}/{name}/resolve/{revision}/{path}`), with switchable faults, for download tests.
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseByteRange } from './byte-range';
import { FaultTable, type Fault } from './fault-table';
import { parseResolvePath } from './resolve-path';
import { sendHalfThenCut, sendThrottled, sendWhole } from './send-body';

export interface HubServerOptions {
  /** repo id (e.g. 'Xenova/clip-vit-base-patch32') -> folder on disk holding config.json, onnx/..., etc. */
  repos: Record<string, string>;
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Rate for the 'slow' fault; default 64 KiB/s. */
  slowBytesPerSecond?: number;
}

interface ServedRequest {
  method: string;
  /** The URL path as the client sent it: still percent-encoded, without the query string. */
  path: string;
  status: number;
  /** The Range header, if the request had one. */
  range?: string;
}

export interface HubServer {
  /** e.g. 'http://127.0.0.1:41234' */
  origin: string;
  /** Every request served so far, in arrival order; each is recorded before its response is sent. */
  requests: ServedRequest[];
  /**
   * Makes requests whose file path (the part after /resolve/{revision}/) ends with `pathSuffix` fail this way;
   * `times` = how many requests to affect (default Infinity). 'not-found' and 'server-error' hit GET and HEAD;
   * 'cut-halfway' and 'slow' hit only responses with a body (GET 200/206), so a HEAD probe does not use them up.
   */
  setFault(pathSuffix: string, fault: Fault, times?: number): void;
  clearFaults(): void;
  /** Stops listening and drops open connections, including bodies still streaming. */
  close(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_SLOW_BYTES_PER_SECOND = 64 * 1024;
const STATUS_FAULTS: readonly Fault[] = ['not-found', 'server-error'];
const BODY_FAULTS: readonly Fault[] = ['cut-halfway', 'slow'];

// Sent on every response. no-cache makes the browser revalidate, so tests see each request the app makes.
const COMMON_HEADERS: OutgoingHttpHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Accept-Ranges': 'bytes',
  'Cache-Control': 'no-cache',
};
const PREFLIGHT_HEADERS: OutgoingHttpHeaders = {
  'Access-Control-Allow-Headers': 'Range, Content-Type',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
};

interface ServerState {
  repoFolders: Map<string, string>;
  faults: FaultTable;
  requests: ServedRequest[];
  slowBytesPerSecond: number;
}

interface FoundFile {
  filePath: string;
  sizeBytes: number;
  etag: string;
}

async function findFile(folder: string, segments: readonly string[]): Promise<FoundFile | undefined> {
  const filePath = join(folder, ...segments);
  // parseResolvePath already refuses '..'; this catches anything that still lands outside the folder.
  const inside = relative(folder, filePath);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  const stats = await stat(filePath).catch(() => undefined);
  if (!stats?.isFile()) return undefined;
  const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  return { filePath, sizeBytes: stats.size, etag };
}

// Still percent-encoded: this is what tests compare against and what the client actually sent.
function urlPathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}

function recordRequest(state: ServerState, request: IncomingMessage, status: number): void {
  const path = urlPathOf(request);
  const range = request.headers.range;
  state.requests.push({ method: request.method ?? 'GET', path, status, ...(range === undefined ? {} : { range }) });
}

async function handleRequest(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  const respond = (status: number, headers: OutgoingHttpHeaders) => {
    recordRequest(state, request, status);
    response.writeHead(status, { ...COMMON_HEADERS, ...headers });
  };
  const respondText = (status: number, text: string, headers: OutgoingHttpHeaders = {}) => {
    respond(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text), ...headers });
    response.end(method === 'HEAD' ? undefined : text);
  };

  if (method === 'OPTIONS') {
    respond(204, PREFLIGHT_HEADERS);
    response.end();
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') return respondText(405, 'Method not allowed', { Allow: 'GET, HEAD' });

  const target = parseResolvePath(urlPathOf(request));
  if (!target) return respondText(404, 'Not found');
  const statusFault = state.faults.take(target.filePath, STATUS_FAULTS);
  if (statusFault === 'not-found') return respondText(404, 'Not found (injected fault)');
  if (statusFault === 'server-error') return respondText(500, 'Internal server error (injected fault)');

  const folder = state.repoFolders.get(target.repoId);
  const file = folder === undefined ? undefined : await findFile(folder, target.fileSegments);
  if (!file) return respondText(404, 'Not found');

  const byteRange = parseByteRange(request.headers.range, file.sizeBytes);
  if (byteRange === 'unsatisfiable') {
    return respondText(416, '', { 'Content-Range': `bytes */${file.sizeBytes}` });
  }
  const start = byteRange?.start ?? 0;
  const lengthBytes = byteRange ? byteRange.end - byteRange.start + 1 : file.sizeBytes;
  const headers: OutgoingHttpHeaders = {
    'Content-Type': extname(file.filePath) === '.json' ? 'application/json' : 'application/octet-stream',
    'Content-Length': lengthBytes,
    ETag: file.etag,
  };
  if (byteRange) headers['Content-Range'] = `bytes ${byteRange.start}-${byteRange.end}/${file.sizeBytes}`;
  const status = byteRange ? 206 : 200;
  if (method === 'HEAD') {
    respond(status, headers);
    response.end();
    return;
  }

  const bodyFault = state.faults.take(target.filePath, BODY_FAULTS);
  const slice = { filePath: file.filePath, start, lengthBytes };
  respond(status, headers);
  if (bodyFault === 'cut-halfway') await sendHalfThenCut(response, slice);
  else if (bodyFault === 'slow') await sendThrottled(response, slice, state.slowBytesPerSecond);
  else await sendWhole(response, slice);
}

export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const { slowBytesPerSecond = DEFAULT_SLOW_BYTES_PER_SECOND } = options;
  if (!(slowBytesPerSecond > 0)) throw new RangeError(`slowBytesPerSecond must be positive, got ${slowBytesPerSecond}`);
  const state: ServerState = {
    repoFolders: new Map(Object.entries(options.repos).map(([repoId, folder]) => [repoId, resolve(folder)])),
    faults: new FaultTable(),
    requests: [],
    slowBytesPerSecond,
  };
  const server = createServer((request, response) => {
    handleRequest(state, request, response).catch(() => {
      // Mostly a client that went away mid-body; either way the connection can no longer be trusted.
      if (response.headersSent) {
        response.destroy();
        return;
      }
      recordRequest(state, request, 500);
      response.writeHead(500, { ...COMMON_HEADERS, 'Content-Length': 0 }).end();
    });
  });
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', failed);
      listening();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    origin: `http://${hostInUrl}:${port}`,
    requests: state.requests,
    setFault: (pathSuffix, fault, times) => state.faults.set(pathSuffix, fault, times),
    clearFaults: () => state.faults.clear(),
    close: () =>
      new Promise<void>((closed, failed) => {
        server.close((error) => (error ? failed(error) : closed()));
        server.closeAllConnections();
      }),
  };
}
