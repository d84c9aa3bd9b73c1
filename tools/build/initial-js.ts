// The JavaScript a first visit downloads before the page can run: the module scripts and module preloads that the
// built index.html names (workers, ONNX Runtime and lazy chunks come later), with each file's gzip size.
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialFile {
  /** Path inside the build folder, like "assets/index-abc.js". */
  path: string;
  gzipBytes: number;
}

/** Paths (inside the build folder) of the scripts index.html loads at once. */
function initialScripts(indexHtml: string): string[] {
  const tags = indexHtml.match(/<(script|link)\b[^>]*>/gi) ?? [];
  const attribute = (tag: string, name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find(Boolean);
  const urls = tags.flatMap((tag) => {
    if (/^<script/i.test(tag)) return attribute(tag, 'type') === 'module' ? [attribute(tag, 'src')] : [];
    return attribute(tag, 'rel') === 'modulepreload' ? [attribute(tag, 'href')] : [];
  });
  return [...new Set(urls.filter((url): url is string => !!url).map((url) => normalize(url).replace(/^\/+/, '')))];
}

/** The initial scripts of the build in `dist`, gzipped as a host would send them (zlib's default level). */
export function initialJs(dist: string): InitialFile[] {
  return initialScripts(readFileSync(join(dist, 'index.html'), 'utf8')).map((path) => ({
    path,
    gzipBytes: gzipSync(readFileSync(join(dist, path))).length,
  }));
}
