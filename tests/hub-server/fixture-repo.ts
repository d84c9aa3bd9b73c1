// A throwaway model folder on disk for the hub-server tests, with a secret file beside it that path traversal
// would reach if the server let it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ID = 'test-owner/tiny-clip';
export const MODEL_BYTES = 200_000;
// Small enough that a throttled download finishes well inside a second at the tests' rate.
export const SMALL_BYTES = 2048;

export interface FixtureRepo {
  rootDir: string;
  repoDir: string;
  configJson: string;
  model: Buffer;
  small: Buffer;
  remove(): Promise<void>;
}

// Non-repeating over short spans, so a wrong offset in a range response shows up as a byte mismatch.
function patternedBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >> 8) * 7 + seed) & 0xff;
  return bytes;
}

export async function makeFixtureRepo(): Promise<FixtureRepo> {
  const rootDir = await mkdtemp(join(tmpdir(), 'hub-server-test-'));
  const repoDir = join(rootDir, 'repo');
  await mkdir(join(repoDir, 'onnx'), { recursive: true });
  const configJson = JSON.stringify({ model_type: 'clip', projection_dim: 128 });
  const model = patternedBytes(MODEL_BYTES, 1);
  const small = patternedBytes(SMALL_BYTES, 2);
  await writeFile(join(repoDir, 'config.json'), configJson);
  await writeFile(join(repoDir, 'onnx', 'model.onnx'), model);
  await writeFile(join(repoDir, 'small file.bin'), small);
  await writeFile(join(rootDir, 'secret.txt'), 'outside the repo');
  return { rootDir, repoDir, configJson, model, small, remove: () => rm(rootDir, { recursive: true, force: true }) };
}
