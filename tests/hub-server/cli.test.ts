import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo, REPO_ID, type FixtureRepo } from './fixture-repo';

const CLI_PATH = join(import.meta.dirname, '../../tools/hub-server/cli.ts');

let fixture: FixtureRepo;

// Listens rather than iterating, because leaving a for-await loop would close the pipe under the child.
function firstLine(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk) => {
      text += String(chunk);
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    stream.once('end', () => reject(new Error(`stream ended before a full line: '${text}'`)));
  });
}

beforeAll(async () => {
  fixture = await makeFixtureRepo();
});

afterAll(async () => {
  await fixture?.remove();
});

describe('hub server CLI', () => {
  it('prints the origin first, serves the repo, and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI_PATH, '--port', '0', '--repo', `${REPO_ID}=${fixture.repoDir}`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const origin = await firstLine(child.stdout);
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${origin}/${REPO_ID}/resolve/main/config.json`);
      expect(await response.text()).toBe(fixture.configJson);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [exitCode] = await exited;
      expect(exitCode).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses to start without a repo', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_PATH], { stdio: 'ignore' });
    const [exitCode] = await once(child, 'exit');
    expect(exitCode).toBe(2);
  });
});
