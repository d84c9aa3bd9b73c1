// Fetches a Hub-layout model folder (configs, tokenizer, both ONNX towers of one dtype), reporting bytes as they
// arrive and keeping finished files in Cache Storage when asked to.
import { DTYPE_SUFFIX, type Dtype } from '../model/catalogue/catalogue';
import { towerPaths } from '../model/catalogue/download-need';
import { MODEL_CACHE_NAME, MODEL_HOST_ANSWER_TIMEOUT_MS } from '../shared/settings';
import { downloadFile, evictCached, type DownloadOptions, type DownloadProgress } from './download';
import type { ModelConfig } from '../model/scoring/config-scoring';
import { learnedScoring, type LearnedScoring } from './learned-scoring';
import type { LoadPhase } from '../shared/load-phase';

export type ProgressReporter = (phase: LoadPhase) => void;

const JSON_FILES = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

export interface ModelFiles {
  config: ModelConfig & { clipscope?: { logit_scale?: number; logit_bias?: number; unfamiliar?: unknown } };
  preprocessor: object;
  tokenizer: object;
  tokenizerConfig: object;
}

export interface TowerFiles {
  textModel: Uint8Array;
  visionModel: Uint8Array;
  fromCache: boolean;
}

export interface FetchContext {
  modelUrl: string;
  useCache: boolean;
  localFiles?: Record<string, Blob>;
  signal: AbortSignal;
  report: ProgressReporter;
  onNotice: (message: string) => void;
}

async function openCache(useCache: boolean): Promise<Cache | undefined> {
  if (!useCache || typeof caches === 'undefined') return undefined;
  return caches.open(MODEL_CACHE_NAME).catch(() => undefined);
}

/** A file of the model folder: from the user's disk when given, else downloaded (and cached). */
async function readFile(context: FetchContext, path: string, options: DownloadOptions): Promise<Uint8Array> {
  if (!context.localFiles) return downloadFile(new URL(path, context.modelUrl).href, options);
  const file = context.localFiles[path];
  if (!file) throw new Error(`The model folder has no ${path}.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  options.onProgress?.({ loadedBytes: bytes.length, totalBytes: bytes.length, fromCache: true });
  return bytes;
}

function parseJson(name: string, bytes: Uint8Array): object {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as object;
  } catch {
    throw new Error(`${name} is not valid JSON: the model folder looks damaged.`);
  }
}

/** Options for the small first files of a load: a host that hangs is given up on, with few retries. */
async function configOptions(context: FetchContext): Promise<DownloadOptions> {
  return {
    cache: await openCache(context.useCache),
    signal: context.signal,
    onCacheFailure: context.onNotice,
    answerTimeoutMs: MODEL_HOST_ANSWER_TIMEOUT_MS,
    // Fewer retries than for the big files: an unreachable host should hand over to the bundled model quickly.
    attempts: 3,
  };
}

/** JSON files of the model folder, parsed, in the order named. */
export async function fetchJsonFiles(context: FetchContext, names: readonly string[]): Promise<object[]> {
  const options = await configOptions(context);
  return Promise.all(names.map(async (name) => parseJson(name, await readFile(context, name, options))));
}

export async function fetchConfigs(context: FetchContext): Promise<ModelFiles> {
  // The first requests of a load: a host that hangs is given up on, so the app can fall back to its own model.
  const [config, preprocessor, tokenizer, tokenizerConfig] = await fetchJsonFiles(context, JSON_FILES);
  return {
    config: config as ModelFiles['config'],
    preprocessor: preprocessor!,
    tokenizer: tokenizer!,
    tokenizerConfig: tokenizerConfig!,
  };
}

/** Weight files (ONNX graphs), with their download progress reported as one total once every size is known. */
export async function fetchWeights(
  context: FetchContext,
  paths: readonly string[],
): Promise<{ files: Uint8Array[]; fromCache: boolean }> {
  const cache = await openCache(context.useCache);
  const progress: DownloadProgress[] = [];
  const update = (index: number) => (p: DownloadProgress) => {
    progress[index] = p;
    // Reported once every file's size is known, so the total (and the announced size) is the whole download.
    if (progress.filter(Boolean).length < paths.length) return;
    const loadedBytes = progress.reduce((n, q) => n + q.loadedBytes, 0);
    const totalBytes = progress.reduce((n, q) => n + q.totalBytes, 0);
    context.report({ kind: 'downloading', loadedBytes, totalBytes, fromCache: progress.every((q) => q.fromCache) });
  };
  const files = await Promise.all(
    paths.map((path, index) =>
      readFile(context, path, {
        cache,
        signal: context.signal,
        onProgress: update(index),
        onCacheFailure: context.onNotice,
      }),
    ),
  );
  return { files, fromCache: progress.every((p) => p?.fromCache) };
}

export async function fetchTowers(context: FetchContext, dtype: Dtype): Promise<TowerFiles> {
  const { files, fromCache } = await fetchWeights(context, towerPaths(dtype));
  return { textModel: files[0]!, visionModel: files[1]!, fromCache };
}

/** Drops files of a model from the cache, e.g. when ONNX Runtime cannot parse them. */
export async function evictFiles(context: FetchContext, paths: readonly string[]): Promise<void> {
  const cache = await openCache(context.useCache);
  await Promise.all(paths.map((path) => evictCached(new URL(path, context.modelUrl).href, cache)));
}

/** The dtypes whose two tower files exist: in the folder from disk, in the cache, or on the host (HEAD). */
// Which weights an uncatalogued repo has, remembered with its files so a reload makes no request.
const DTYPES_RECORD = 'clipscope-dtypes.json';

export async function availableDtypes(context: FetchContext): Promise<Dtype[]> {
  const all = Object.keys(DTYPE_SUFFIX) as Dtype[];
  if (context.localFiles) {
    const files = context.localFiles;
    return all.filter((d) => towerPaths(d).every((path) => files[path] !== undefined));
  }
  const cache = await openCache(context.useCache);
  const record = new URL(DTYPES_RECORD, context.modelUrl).href;
  const remembered: unknown = await cache
    ?.match(record)
    .then((r) => r?.json())
    .catch(() => undefined);
  if (Array.isArray(remembered) && remembered.length > 0 && remembered.every((d) => all.includes(d as Dtype))) {
    return remembered as Dtype[];
  }
  // Only a 404 (or 403, as some hosts answer for a missing file) says a file is absent: a server error or a cut
  // connection leaves the file to the download, which retries and reports what went wrong.
  let uncertain = false;
  const exists = async (path: string): Promise<boolean> => {
    const url = new URL(path, context.modelUrl).href;
    if (await cache?.match(url)) return true;
    const response = await fetch(url, { method: 'HEAD', signal: context.signal }).catch(() => undefined);
    if (response?.ok) return true;
    if (response?.status === 404 || response?.status === 403) return false;
    uncertain = true;
    return true;
  };
  const found = await Promise.all(all.map(async (d) => (await Promise.all(towerPaths(d).map(exists))).every(Boolean)));
  const dtypes = all.filter((_, i) => found[i]);
  if (dtypes.length > 0 && !uncertain)
    await cache?.put(record, new Response(JSON.stringify(dtypes))).catch(() => undefined);
  return dtypes;
}

/** Drops a model's tower files from the cache, e.g. when ONNX Runtime cannot parse them. */
export async function evictTowers(context: FetchContext, dtype: Dtype): Promise<void> {
  await evictFiles(context, towerPaths(dtype));
}

/** A trained scale and bias kept only in the original weights (SigLIP), remembered with the model's files. */
export async function fetchLearnedScoring(context: FetchContext, weightsUrl: string): Promise<LearnedScoring> {
  return learnedScoring(weightsUrl, context.modelUrl, await openCache(context.useCache), context.signal);
}
