// Starts the hub server from the command line, e.g.
//   npx tsx tools/hub-server/cli.ts --port 8090 \
//     --repo Xenova/clip-vit-base-patch32=.models/hub/Xenova/clip-vit-base-patch32 \
//     --repo clipscope/clipscope-mini=public/models/clipscope-mini
// Prints the origin as the first line of stdout (so scripts can read it) and stops on SIGINT/SIGTERM.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHubServer } from './hub-server';

const USAGE = 'usage: cli.ts [--port N] [--host H] [--slow-bytes-per-second N] --repo owner/name=folder [--repo ...]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseCount(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) fail(`--${flag} needs a whole number, got '${text}'`);
  return value;
}

function parseRepos(specs: string[]): Record<string, string> {
  const repos: Record<string, string> = {};
  for (const spec of specs) {
    const [repoId = '', folder = ''] = spec.split(/=(.*)/s);
    if (!/^[^/]+\/[^/]+$/.test(repoId) || folder === '') fail(`--repo needs owner/name=folder, got '${spec}'`);
    const absoluteFolder = resolve(folder);
    if (!statSync(absoluteFolder, { throwIfNoEntry: false })?.isDirectory()) fail(`not a folder: ${absoluteFolder}`);
    repos[repoId] = absoluteFolder;
  }
  return repos;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        repo: { type: 'string', multiple: true },
        'slow-bytes-per-second': { type: 'string' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const repos = parseRepos(values.repo ?? []);
if (Object.keys(repos).length === 0) fail('give at least one --repo');

const server = await startHubServer({
  repos,
  port: parseCount('port', values.port),
  host: values.host,
  slowBytesPerSecond: parseCount('slow-bytes-per-second', values['slow-bytes-per-second']),
});
console.log(server.origin);
for (const [repoId, folder] of Object.entries(repos)) console.log(`  ${repoId} -> ${folder}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
