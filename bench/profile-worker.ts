// Temporary: prints worker console lines while the app classifies 16 photos with the twin.
import { execSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium';
import { ROOT, serveRepository } from '../tools/models/browser/browser-run';
import { startHubServer } from '../tools/hub-server/hub-server';
import { LABELS, TWIN_DIR as TWIN, TWIN_REPO as REPO } from './workload';
import { LONG_TASK_RECORDER, makeTransfer, timeDrop, waitReady } from './ui-steps';

function photo(seed: number) {
  const png = new PNG({ width: 320, height: 240 });
  png.data.forEach((_, i) => (png.data[i] = i % 4 === 3 ? 255 : (((i >> 2) * (seed + 3)) ^ (seed * 97)) & 255));
  return { name: `photo-${seed}.png`, type: 'image/png', base64: PNG.sync.write(png).toString('base64') };
}
if (!process.argv.includes('--no-build')) execSync('npx vite build', { cwd: ROOT, stdio: 'ignore' });
const hub = await startHubServer({ repos: { [REPO]: TWIN } });
const site = serveRepository();
await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
try {
  const context = await browser.newContext();
  await context.addInitScript(LONG_TASK_RECORDER);
  const page = await context.newPage();
  page.on('console', (m) => m.text().startsWith('[prof]') && console.log(m.text()));
  await page.goto(`${origin}/dist/index.html?backend=wasm&model=${REPO}&hub=${encodeURIComponent(hub.origin)}`);
  await page.getByTestId('confirm-host').click();
  await waitReady(page);
  for (let round = 0; round < 2; round++) {
    if (round) await page.reload();
    await waitReady(page);
    await page.getByTestId('labels-editor').fill(LABELS.join('\n'));
    await page.waitForFunction(() => !document.body.textContent?.includes('encoding'));
    const t = await makeTransfer(
      page,
      Array.from({ length: 16 }, (_, i) => photo(i)),
    );
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    console.log('drop ms', await timeDrop(page, t, LABELS.length));
    const buf = await browser.stopTracing();
    (await import('node:fs')).writeFileSync(`/tmp/wt5ref/trace-${round}.json`, buf);
  }
} finally {
  await browser.close();
  site.close();
  await hub.close();
}
