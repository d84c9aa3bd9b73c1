// Emits src/sw/isolation-and-offline.ts as dist/sw.js (a stable path: a service worker's URL must not change between deploys) and
// writes into it the list of files to cache and a content hash of the build, which names its cache.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

const SW_FILE = 'sw.js';
const PLACEHOLDER = '__CLIPSCOPE_SW_MANIFEST__';
/**
 * The heavy files (ONNX Runtime's WASM builds, its WebGPU glue, the bundled model's weights): a visit uses one build
 * and one dtype of them, so each is cached by the service worker from the response the page itself gets, the first
 * time the page uses it, rather than fetched a second time at install; so are the first screen's example images.
 */
const LAZY = /\.wasm$|\.onnx$|ort\.webgpu|^examples\//;
/** Never fetched by the app. */
const SKIP = /\.md$/;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

export function serviceWorkerPlugin(entry: string): Plugin {
  let publicDir = '';
  return {
    name: 'clipscope-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: entry, fileName: SW_FILE });
    },
    generateBundle(_options, bundle) {
      const sw = bundle[SW_FILE];
      if (sw?.type !== 'chunk') return this.error(`${SW_FILE} is missing from the bundle`);
      const hash = createHash('sha256');
      const files: string[] = [];
      // Each heavy file's own hash: a new deploy keeps the cached copy of a file that did not change (src/sw/isolation-and-offline.ts).
      const hashes: Record<string, string> = {};
      const add = (path: string, content: string | Uint8Array) => {
        files.push(path);
        hash.update(path).update(content);
        if (LAZY.test(path)) hashes[path] = createHash('sha256').update(content).digest('hex').slice(0, 16);
      };
      for (const item of Object.values(bundle).sort((a, b) => a.fileName.localeCompare(b.fileName))) {
        if (item.fileName === SW_FILE || item.fileName.endsWith('.map')) continue;
        add(item.fileName, item.type === 'chunk' ? item.code : item.source);
      }
      for (const path of publicDir ? listFiles(publicDir).sort() : []) {
        if (!SKIP.test(path)) add(path, readFileSync(join(publicDir, path)));
      }
      const shell = files.filter((f) => !SKIP.test(f) && f !== 'index.html');
      const manifest = {
        version: hash.digest('hex').slice(0, 16),
        core: ['./', ...shell.filter((f) => !LAZY.test(f))],
        lazy: shell.filter((f) => LAZY.test(f)),
        hashes,
      };
      if (!sw.code.includes(PLACEHOLDER)) return this.error(`${SW_FILE} has no ${PLACEHOLDER} to fill in`);
      sw.code = sw.code.replace(PLACEHOLDER, JSON.stringify(manifest));
    },
  };
}
