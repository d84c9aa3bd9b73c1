// Downloads one model file: streamed with progress, retried with backoff, resumed with HTTP Range where the
// server allows it, checked for completeness, and only then stored in Cache Storage (so a half-finished download
// can never be read back as complete).
export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
  fromCache: boolean;
}

export interface DownloadOptions {
  /** Where finished files are kept; undefined for files the site itself serves. */
  cache?: Cache;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  attempts?: number;
  backoffMs?: number;
  /** Give up, without retrying, when the server has not answered (status and headers) within this time: a host
   * that hangs must not keep the app waiting. Undefined: wait as long as the browser does. */
  answerTimeoutMs?: number;
  /** Called with words for the user when the cache misbehaves: a file could not be stored (storage full or
   * refused; the file is still used) or a stored one was incomplete (it is fetched again). */
  onCacheFailure?: (message: string) => void;
}

class DownloadError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the network failed. */
    readonly status: number,
  ) {
    super(message);
  }
}

const SIZE_HEADER = 'X-Clipscope-Size';
const DEFAULT_ATTEMPTS = 4;
const DEFAULT_BACKOFF_MS = 400;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

function join(chunks: Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.length), 0);
  return bytes;
}

/** A cached copy, if it is complete; an incomplete one is evicted (and said so). */
async function readCached(url: string, cache: Cache, options: DownloadOptions): Promise<Uint8Array | undefined> {
  const cached = await cache.match(url);
  if (!cached) return undefined;
  const bytes = new Uint8Array(await cached.arrayBuffer());
  if (String(bytes.length) === cached.headers.get(SIZE_HEADER)) return bytes;
  await cache.delete(url);
  options.onCacheFailure?.('A cached model file was incomplete, so it was downloaded again.');
  return undefined;
}

export async function evictCached(url: string, cache: Cache | undefined): Promise<void> {
  await cache?.delete(url);
}

export async function downloadFile(url: string, options: DownloadOptions = {}): Promise<Uint8Array> {
  const { cache, signal, onProgress = () => {} } = options;
  const cached = cache && (await readCached(url, cache, options));
  if (cached) {
    onProgress({ loadedBytes: cached.length, totalBytes: cached.length, fromCache: true });
    return cached;
  }
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let total = 0;
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    // Each attempt has its own controller: the caller's signal cancels it, and so does the answer timeout.
    const attemptControl = new AbortController();
    const forward = () => attemptControl.abort(signal?.reason);
    signal?.addEventListener('abort', forward, { once: true });
    let timedOut = false;
    const timer =
      options.answerTimeoutMs === undefined
        ? undefined
        : setTimeout(() => ((timedOut = true), attemptControl.abort()), options.answerTimeoutMs);
    try {
      const headers = loaded > 0 ? { Range: `bytes=${loaded}-` } : undefined;
      const response = await fetch(url, { signal: attemptControl.signal, headers }).finally(() => clearTimeout(timer));
      if (response.status === 200 && loaded > 0) [chunks.length, loaded] = [0, 0]; // Range ignored: start over
      if (!response.ok) throw new DownloadError(`the server answered ${response.status}`, response.status);
      total = total || (Number(response.headers.get('Content-Length')) || 0) + loaded;
      // The size is known from the headers: said at once, before the first bytes arrive.
      onProgress({ loadedBytes: loaded, totalBytes: Math.max(total, loaded), fromCache: false });
      const reader = response.body!.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        chunks.push(r.value);
        loaded += r.value.length;
        onProgress({ loadedBytes: loaded, totalBytes: Math.max(total, loaded), fromCache: false });
      }
      if (total && loaded !== total) throw new DownloadError(`the download stopped at ${loaded} of ${total} bytes`, 0);
      break;
    } catch (error) {
      if (signal?.aborted) throw new DownloadError('the download was cancelled', 0);
      if (timedOut) {
        const seconds = options.answerTimeoutMs! / 1000;
        throw new DownloadError(`Could not download ${url}: the server did not answer within ${seconds} s.`, 0);
      }
      const status = error instanceof DownloadError ? error.status : 0;
      const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
      if (permanent || attempt >= attempts) {
        const reason = error instanceof DownloadError ? error.message : 'the network request failed';
        throw new DownloadError(`Could not download ${url}: ${reason}.`, status);
      }
      await sleep((options.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (attempt - 1), signal);
    } finally {
      signal?.removeEventListener('abort', forward);
    }
  }
  const bytes = join(chunks, loaded);
  if (cache) {
    const headers = { 'Content-Length': String(loaded), [SIZE_HEADER]: String(loaded) };
    await cache.put(url, new Response(bytes, { headers })).catch((error: unknown) => {
      const full = error instanceof DOMException && error.name === 'QuotaExceededError';
      options.onCacheFailure?.(
        full
          ? 'The browser has no room left to keep this model, so it will be downloaded again next time. Free space by deleting cached models.'
          : 'The browser refused to keep this model, so it will be downloaded again next time.',
      );
    });
  }
  return bytes;
}
