// Clipscope's service worker. Two jobs:
// 1. Cross-origin isolation on hosts that cannot send headers (GitHub Pages and most static hosts): every response
//    from the site itself gets COOP/COEP, so the page becomes `crossOriginIsolated` and ONNX Runtime's WASM backend
//    can use threads. Cross-origin requests (model downloads from the Hub or a mirror) are not touched: they are
//    CORS fetches, which `require-corp` allows, and handling them here would only add a copy of every byte.
// 2. Offline: the app shell is cached at install; the heavy files (ONNX Runtime's WASM build, the bundled Mini's
//    weights) are cached from the page's own response the first time it uses them, so a visit stores the one build
//    and the one dtype it runs, each downloaded once. The worker takes control of the page that installed it (the
//    page waits for that before it starts its model, see src/client/service-worker-registration.ts), so even the first visit's
//    downloads pass through it. Then the site opens and classifies without a network. The cache name carries the
//    build's content hash, so a new deploy installs into a fresh cache and deletes the old one once it takes over.
// No imports: this file is emitted on its own as dist/sw.js (tools/build/service-worker-plugin.ts). The empty export
// makes it a module for TypeScript, so `self` can be typed as the service worker scope.
export {};

interface ServiceWorkerManifest {
  /** Content hash of the build. */
  version: string;
  /** Paths relative to the site root, cached at install. */
  core: string[];
  /** Paths cached the first time they are used (WASM builds of 14 and 27 MB, model weights). */
  lazy: string[];
  /** Content hash of each lazy file. */
  hashes: Record<string, string>;
}

declare const self: ServiceWorkerGlobalScope;
// Replaced with the real manifest when the site is built.
declare const __CLIPSCOPE_SW_MANIFEST__: ServiceWorkerManifest;

const MANIFEST = __CLIPSCOPE_SW_MANIFEST__;
const CACHE_PREFIX = 'clipscope-shell-';
const CACHE_NAME = `${CACHE_PREFIX}${MANIFEST.version}`;
const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const siteUrl = (path: string) => new URL(path, self.registration.scope).href;
const buildUrls = new Set([...MANIFEST.core, ...MANIFEST.lazy].map(siteUrl));
const lazyHashes = new Map(Object.entries(MANIFEST.hashes).map(([path, hash]) => [siteUrl(path), hash]));
// Stored with each heavy file, so that a later deploy can tell whether its cached copy is still this build's.
const HASH_HEADER = 'X-Clipscope-Hash';

// A new deploy takes over as soon as it is cached, not only once every tab is closed: pages are fetched network-first,
// so an open tab already runs the new build's page, and its files should come from the new cache.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then(async (cache) => {
        await cache.addAll(MANIFEST.core.map(siteUrl));
        await keepUnchanged(cache);
      })
      .then(() => self.skipWaiting()),
  );
});

/** Heavy files an earlier deploy cached and this one did not change move into the new cache: no second download. */
async function keepUnchanged(cache: Cache): Promise<void> {
  const earlier = (await caches.keys()).filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE_NAME);
  await Promise.all(
    [...lazyHashes].map(async ([url, hash]) => {
      for (const name of earlier) {
        const copy = await (await caches.open(name)).match(url, { ignoreVary: true });
        if (copy?.headers.get(HASH_HEADER) === hash) return cache.put(url, copy);
      }
    }),
  );
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE_NAME).map((n) => caches.delete(n))),
      )
      // Pages already open, the first visit's included, fetch through this worker from now on.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(request.mode === 'navigate' ? page(request) : file(event));
});

/** Pages come from the network when it answers, so a new deploy shows at once; from the cache when offline. */
async function page(request: Request): Promise<Response> {
  try {
    return isolated(await fetch(request));
  } catch (error) {
    const cached = await caches.match(siteUrl('./'), { cacheName: CACHE_NAME });
    if (!cached) throw error;
    return isolated(cached);
  }
}

/** Files of this build are cached and never change (hashed names, or versioned with the cache). */
async function file(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const cache = await caches.open(CACHE_NAME);
  // A host may answer with `Vary: Origin` (Vite's preview does); the page's requests carry an Origin the install's
  // did not, and a build's files are the same for every origin.
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return isolated(cached);
  const response = await fetch(request);
  // Stored from the response the page reads, while it reads it: one download serves both.
  if (response.status === 200 && buildUrls.has(request.url)) event.waitUntil(cache.put(request, stamped(response)));
  return isolated(response);
}

/** A copy of `response` to cache, with the build's hash of the file when it is a heavy one. */
function stamped(response: Response): Response {
  const hash = lazyHashes.get(response.url);
  if (!hash) return response.clone();
  const headers = new Headers(response.headers);
  headers.set(HASH_HEADER, hash);
  return new Response(response.clone().body, { status: response.status, statusText: response.statusText, headers });
}

function isolated(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
