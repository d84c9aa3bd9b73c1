// npm run bench:ui: end to end in the real, built UI with the ViT-B/32 twin on WASM int8, served by a local model
// host: 16 images x 10 labels from the drop to every bar, one label edited, one image added; time to ready from a
// cold and a warm cache; longest main-thread task; page + worker memory; initial JS (gzip). Compared with raw
// session.run at batch 1 and with transformers.js's zero-shot pipeline (the peer) on the same files, same run.
import { execSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium';
import { ROOT, runPages, serveRepository } from '../tools/models/browser/browser-run';
import { startHubServer } from '../tools/hub-server/hub-server';
import { runPeer } from './peer-steps';
import { LABELS, TWIN_DIR as TWIN, TWIN_REPO as REPO } from './workload';
import {
  LONG_TASK_RECORDER,
  longestTaskMs,
  longTaskCount,
  makeTransfer,
  timeDrop,
  timeLabelEdit,
  waitReady,
} from './ui-steps';

const IMAGES = 16;

function photo(seed: number) {
  const png = new PNG({ width: 320, height: 240 });
  png.data.forEach((_, i) => (png.data[i] = i % 4 === 3 ? 255 : (((i >> 2) * (seed + 3)) ^ (seed * 97)) & 255));
  return { name: `photo-${seed}.png`, type: 'image/png', base64: PNG.sync.write(png).toString('base64') };
}

execSync('npx vite build', { cwd: ROOT, stdio: 'ignore' });
const initialJs = readdirSync(join(ROOT, 'dist/assets'))
  .filter((f) => /^index-.*\.js$/.test(f))
  .reduce((n, f) => n + gzipSync(readFileSync(join(ROOT, 'dist/assets', f))).length, 0);

const [raw] = await runPages<{ median: number }>([
  `bench/page/raw-encode.html?build=ort.wasm.min.mjs&model=/.models/hub/${REPO}&tower=vision&suffix=_quantized&batch=1&runs=9`,
]);
const hub = await startHubServer({ repos: { [REPO]: TWIN } });
const site = serveRepository();
await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
try {
  const context = await browser.newContext();
  await context.addInitScript(LONG_TASK_RECORDER);
  const page = await context.newPage();
  await page.goto(`${origin}/dist/index.html?backend=wasm&model=${REPO}&hub=${encodeURIComponent(hub.origin)}`);
  await page.getByTestId('confirm-host').click();
  const coldReadyMs = await waitReady(page);
  await page.reload();
  const warmReadyMs = await waitReady(page);
  await page.getByTestId('labels-editor').fill(LABELS.join('\n'));
  await page.waitForFunction(() => !document.body.textContent?.includes('encoding'));
  const sixteen = await makeTransfer(
    page,
    Array.from({ length: IMAGES }, (_, i) => photo(i)),
  );
  const one = await makeTransfer(page, [photo(99)]);
  const tasksBefore = await longTaskCount(page);
  const dropMs = await timeDrop(page, sixteen, LABELS.length);
  const longTasks = await longestTaskMs(page, tasksBefore);
  const editMs = await timeLabelEdit(page, LABELS, 3, 'a sleeping cat');
  const addMs = await timeDrop(page, one, LABELS.length);
  const memory = await page.evaluate(async () => {
    const measure = (performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> })
      .measureUserAgentSpecificMemory;
    return measure ? (await measure.call(performance)).bytes : NaN;
  });
  const editedLabels = LABELS.map((l, i) => (i === 3 ? 'a sleeping cat' : l));
  const peer = await runPeer(
    browser,
    `${origin}/bench/page/peer.html?hub=${encodeURIComponent(hub.origin)}&model=${REPO}`,
    Array.from({ length: IMAGES }, (_, i) => photo(i)),
    photo(99),
    LABELS,
    editedLabels,
  );
  const result = {
    rawSessionRunMsPerImage: raw!.median,
    endToEndMsPerImage: dropMs / IMAGES,
    overheadRatio: dropMs / IMAGES / raw!.median,
    dropToAllBarsMs: dropMs,
    labelEditMs: editMs,
    addOneImageMs: addMs,
    coldReadyMs,
    warmReadyMs,
    longestMainThreadTaskMs: longTasks.longest,
    longTasksDuringClassification: longTasks.count,
    pageAndWorkerMemoryMB: memory / 1e6,
    initialJsGzipKB: initialJs / 1024,
    peerLoadMs: peer.loadMs,
    peerFirstPassMs: peer.firstPassMs,
    peerLabelEditMs: peer.labelEditMs,
    peerAddOneImageMs: peer.addOneImageMs,
    peerTowersFirstPassMs: peer.towersFirstPassMs,
    peerTowersLabelEditMs: peer.towersLabelEditMs,
    peerTowersAddOneImageMs: peer.towersAddOneImageMs,
    speedupFirstPass: peer.firstPassMs / dropMs,
    speedupLabelEdit: peer.labelEditMs / editMs,
    speedupAddOneImage: peer.addOneImageMs / addMs,
  };
  const table = [
    `End to end in the built UI, ViT-B/32 twin, WASM int8, ${IMAGES} images x ${LABELS.length} labels (one run).`,
    '',
    '| measure | value |',
    '| --- | --- |',
    ...Object.entries(result).map(([k, v]) => `| ${k} | ${Number(v).toFixed(2)} |`),
  ].join('\n');
  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(out, `ui-${stamp}.json`), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(out, `ui-${stamp}.md`), table + '\n');
  console.log(table);
} finally {
  await browser.close();
  site.close();
  await hub.close();
}
