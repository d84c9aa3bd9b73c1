// Serves a built site the way a plain static host does (no COOP/COEP headers), under a sub-path, e.g.
//   npx vite build && npx tsx tools/static-server/cli.ts --port 4178 --base /tools/clipscope/
// then open the printed URL: the service worker should turn WASM threads on after one reload.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startStaticServer } from './static-server';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, base: { type: 'string', default: '/' }, root: { type: 'string' } },
});
const port = Number(values.port);
const basePath = `/${values.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
if (!Number.isInteger(port) || port < 0) {
  console.error(`--port needs a whole number, got '${values.port}'`);
  process.exit(2);
}
const server = await startStaticServer({ root: resolve(values.root ?? 'dist'), basePath, port });
console.log(server.url);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void server.close().then(() => process.exit(0)));
