/** The model host: huggingface.co or a mirror with the same /{repo}/resolve/{revision}/{path} layout. */
export const DEFAULT_HUB_HOST: string = import.meta.env?.VITE_HUB_HOST || 'https://huggingface.co';
const MAX_HOST_CHARS = 200;

/** A host URL reduced to its origin (plus path prefix), or undefined when it is not an http(s) URL. */
export function normalizeHost(value: string | null | undefined): string | undefined {
  if (!value || value.length > MAX_HOST_CHARS) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username || url.password || url.search || url.hash) return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/** The folder URL of a repo at a revision, ending in '/'. */
export function repoUrl(host: string, repo: string, revision: string): string {
  const path = repo.split('/').map(encodeURIComponent).join('/');
  return `${host}/${path}/resolve/${encodeURIComponent(revision)}/`;
}
