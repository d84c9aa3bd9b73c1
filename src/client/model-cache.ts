// Reads and trims the downloaded-model cache the worker fills (Cache Storage is shared by page and worker).
import { MODEL_CACHE_NAME } from '../shared/settings';

export interface CachedModel {
  /** Host, repo and revision, e.g. "huggingface.co Xenova/clip-vit-base-patch32 @main". */
  label: string;
  /** The folder URL the files live under. */
  folder: string;
  bytes: number;
  files: string[];
}

const HUB_PATH = /^(.*\/resolve\/[^/]+\/)(.+)$/;

async function openCache(): Promise<Cache | undefined> {
  if (typeof caches === 'undefined') return undefined;
  return caches.open(MODEL_CACHE_NAME).catch(() => undefined);
}

export async function listCachedModels(): Promise<CachedModel[]> {
  const cache = await openCache();
  if (!cache) return [];
  const models = new Map<string, CachedModel>();
  for (const request of await cache.keys()) {
    const match = HUB_PATH.exec(request.url);
    if (!match) continue;
    const folder = match[1]!;
    const response = await cache.match(request);
    const url = new URL(folder);
    const [, owner, name, , revision] = url.pathname.split('/');
    const entry = models.get(folder) ?? {
      label: `${url.host} ${owner}/${name} @${revision}`,
      folder,
      bytes: 0,
      files: [],
    };
    entry.bytes += Number(response?.headers.get('Content-Length') ?? 0);
    entry.files.push(request.url);
    models.set(folder, entry);
  }
  return [...models.values()];
}

export async function deleteCachedModel(model: CachedModel): Promise<void> {
  const cache = await openCache();
  await Promise.all(model.files.map((file) => cache?.delete(file)));
}

/** The URLs of every file in the model cache: which models and weights are on this device. */
export async function cachedUrls(): Promise<Set<string>> {
  const cache = await openCache();
  if (!cache) return new Set();
  return new Set((await cache.keys()).map((request) => request.url));
}
