import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--enable-unsafe-webgpu','--use-webgpu-adapter=swiftshader'] });
const context = await browser.newContext({ serviceWorkers: 'allow' });
const page = await context.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
page.on('worker', (w) => { console.log('worker', w.url()); });
page.on('pageerror', (e) => console.log('pageerror', e.message));
context.on('requestfailed', (r) => console.log('failed', r.url(), r.failure()?.errorText));
const t0 = Date.now();
await page.goto('http://127.0.0.1:4207/?model=clipscope-mini');
for (let i = 0; i < 30; i++) {
  await new Promise((r) => setTimeout(r, 1000));
  const s = await page.evaluate(() => [document.querySelector('[data-testid=model-status]')?.getAttribute('data-state'), document.querySelector('[data-testid=model-status]')?.textContent, !!navigator.serviceWorker.controller]);
  console.log(Date.now() - t0, JSON.stringify(s));
  if (s[0] === 'ready') break;
}
await browser.close();
