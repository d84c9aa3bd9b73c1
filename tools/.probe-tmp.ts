import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '/work/wt-default-model/tools/chromium';
const url = process.argv[2]!;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
const page = await browser.newPage();
const t0 = Date.now();
page.on('console', (m) => console.log(((Date.now() - t0) / 1000).toFixed(1), 'console', m.type(), m.text().slice(0, 300)));
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('worker', (w) => { console.log('worker', w.url()); });
await page.goto(url);
for (let i = 0; i < 40; i++) {
  await page.waitForTimeout(1000);
  const s = await page.getByTestId('model-status').evaluate((el) => `${el.getAttribute('data-state')} ${el.getAttribute('data-model-id')} ${el.textContent}`);
  console.log(((Date.now() - t0) / 1000).toFixed(1), s);
  if (s.startsWith('ready') || s.startsWith('error')) break;
}
const fb = await page.getByTestId('model-fallback').textContent().catch(() => '');
console.log('fallback:', fb);
await browser.close();
