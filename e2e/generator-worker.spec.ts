// The generator kind in the real model worker (onnxruntime-web, the browser's image decoding): it loads the bundled
// PrefixLM, streams a caption whose ids are the PyTorch reference's, stops a generation cancelled before its first
// token, scores labels and forgets images. The worker is the app's own model worker entry, started as a second
// instance the way GeneratorClient starts it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

const FIXTURE_DIR = join(import.meta.dirname, '../tests/fixtures/prefixlm');
const reference = JSON.parse(readFileSync(join(FIXTURE_DIR, 'reference.json'), 'utf8')) as {
  images: { file: string; caption_ids: number[]; question_prefix: string; answer_ids: number[] }[];
};

test('the generator worker captions and answers as the PyTorch reference does, and stops on cancel', async ({
  page,
}) => {
  const workerUrl = new Promise<string>((resolve) =>
    page.on('worker', (worker) => worker.url().includes('/clip.worker-') && resolve(worker.url())),
  );
  await openApp(page, '?backend=wasm');
  const entry = reference.images[0]!;
  const image = readFileSync(join(FIXTURE_DIR, entry.file)).toString('base64');
  const result = await page.evaluate(
    async ({ url, image, questionPrefix }) => {
      type Reply = { type: string; id: number; [field: string]: unknown };
      const worker = new Worker(url, { type: 'module', name: `clipscope-model-generator-e2e` });
      const replies: Reply[] = [];
      const waiting = new Map<number, (reply: Reply) => void>();
      worker.onmessage = (event: MessageEvent<Reply>) => {
        replies.push(event.data);
        if (event.data.type !== 'update') waiting.get(event.data.id)?.(event.data);
      };
      const send = (message: Reply) =>
        new Promise<Reply>((resolve) => {
          waiting.set(message.id, resolve);
          worker.postMessage(message);
        });
      const blob = new Blob([Uint8Array.from(atob(image), (c) => c.charCodeAt(0))], { type: 'image/png' });
      const modelUrl = new URL('models/clipscope-mini-prefixlm/', location.href).href;
      const base = { imageKey: 'first', image: blob, maxTokens: 32, beams: 1, kvCache: true };
      const loaded = await send({
        type: 'load',
        id: 1,
        kind: 'generator',
        modelUrl,
        useCache: false,
        backend: 'wasm',
        dtype: 'fp32',
      });
      const caption = await send({ type: 'generate', id: 2, ...base, prefix: '' });
      const answer = await send({ type: 'generate', id: 3, ...base, prefix: questionPrefix });
      const stopping = send({ type: 'generate', id: 4, ...base, prefix: 'a photo of a' });
      worker.postMessage({ type: 'cancel', id: 4 });
      const stopped = await stopping;
      const labels = ['red star', 'blue circle', 'green'];
      const scores = await send({
        type: 'scoreLabels',
        id: 5,
        imageKey: 'first',
        image: blob,
        prefix: 'a photo of a',
        labels,
        batched: true,
      });
      const forgotten = await send({ type: 'forgetImages', id: 6, imageKeys: ['first'] });
      worker.terminate();
      const updates = replies
        .filter((r) => r.type === 'update' && r.id === 2)
        .map((r) => r.update as { tokenIds: number[] });
      return {
        loaded,
        caption,
        answer,
        stopped,
        scores: { ...scores, meanLogProbs: Array.from(scores.meanLogProbs as Float32Array) },
        forgotten,
        updates,
      };
    },
    { url: await workerUrl, image, questionPrefix: entry.question_prefix },
  );
  expect(result.loaded).toMatchObject({ type: 'loaded', model: { backend: 'wasm', dtype: 'fp32', maxTokens: 32 } });
  expect(result.caption).toMatchObject({ type: 'generated', tokenIds: entry.caption_ids, stopped: false });
  expect((result.caption.text as string).length).toBeGreaterThan(0);
  // Updates carry every id so far; the caption's image time is real, the answer's image features were kept.
  expect(result.updates.map((u) => u.tokenIds)).toEqual(
    entry.caption_ids.map((_, n) => entry.caption_ids.slice(0, n + 1)),
  );
  expect(result.caption.imageMs).toBeGreaterThan(0);
  expect(result.answer).toMatchObject({ type: 'generated', tokenIds: entry.answer_ids, imageMs: 0 });
  expect(result.stopped).toMatchObject({ type: 'generated', stopped: true, text: '', tokenIds: [] });
  expect(result.scores.type).toBe('labelScores');
  expect(result.scores.meanLogProbs).toHaveLength(3);
  expect(result.scores.meanLogProbs.every((v) => Number.isFinite(v) && v < 0)).toBe(true);
  expect(result.forgotten).toEqual({ type: 'forgotten', id: 6 });
});
