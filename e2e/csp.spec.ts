import { expect, test, type Page } from '@playwright/test';
import { card, classifyShapeFixtures, dropFiles, fixtureFile, openApp, patchWorker, pinMini } from './helpers';

// Every Content-Security-Policy violation, in the page and in the model worker, plus the console's reports.
const RECORD_VIOLATIONS = `
self.__cspViolations = [];
self.addEventListener('securitypolicyviolation', (e) =>
  self.__cspViolations.push(e.effectiveDirective + ' blocked ' + e.blockedURI));
`;

async function violations(page: Page, consoleReports: string[]): Promise<string[]> {
  const inPage = await page.evaluate(() => (self as unknown as { __cspViolations: string[] }).__cspViolations);
  const model = page.workers().find((w) => w.url().includes('clip.worker'));
  expect(model, 'the model worker is running').toBeDefined();
  const inWorker = await model!.evaluate(() => (self as unknown as { __cspViolations: string[] }).__cspViolations);
  return [...inPage, ...inWorker, ...consoleReports];
}

async function openWithPolicyWatch(page: Page): Promise<string[]> {
  const consoleReports: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && consoleReports.push(m.text()));
  await page.addInitScript(RECORD_VIOLATIONS);
  await patchWorker(page, RECORD_VIOLATIONS);
  return consoleReports;
}

test('the site is served with a strict Content-Security-Policy, as header and meta tag', async ({ page }) => {
  const response = await page.goto(`./${pinMini('')}`);
  const header = response!.headers()['content-security-policy'];
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(header).toContain("default-src 'none'");
  expect(header).toContain("frame-ancestors 'none'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("connect-src 'self' https://huggingface.co");
  expect(meta).not.toContain('unsafe-inline');
});

test('the app classifies on WASM with the policy active and causes no violation', async ({ page }) => {
  const consoleReports = await openWithPolicyWatch(page);
  await openApp(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  await dropFiles(page, [fixtureFile('purple-hexagon.png')]);
  await expect(card(page, 'purple-hexagon.png').locator('img')).toBeVisible(); // blob: thumbnail allowed
  expect(await violations(page, consoleReports)).toEqual([]);
});

test('the app classifies on WebGPU with the policy active and causes no violation', async ({ page }) => {
  const consoleReports = await openWithPolicyWatch(page);
  await openApp(page, '?backend=webgpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await classifyShapeFixtures(page);
  expect(await violations(page, consoleReports)).toEqual([]);
});

test('the policy is enforced: no eval, no request to another host, no inline script', async ({ page }) => {
  const consoleReports = await openWithPolicyWatch(page);
  await openApp(page, '?backend=wasm');
  const attempts = await page.evaluate(async () => {
    const results: string[] = [];
    // Later, as a task of the page: DevTools' own evaluation is exempt from the eval rule, a page task is not.
    const evaluated = await new Promise<string>((resolve) =>
      setTimeout(() => {
        try {
          (0, eval)('1');
          resolve('eval ran');
        } catch {
          resolve('eval blocked');
        }
      }),
    );
    results.push(evaluated);
    try {
      await fetch('https://example.com/collect', { method: 'POST', body: 'x' });
      results.push('fetch sent');
    } catch {
      results.push('fetch blocked');
    }
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    results.push((window as unknown as { __inlineRan?: boolean }).__inlineRan ? 'inline ran' : 'inline blocked');
    return results;
  });
  expect(attempts).toEqual(['eval blocked', 'fetch blocked', 'inline blocked']);
  const seen = (await violations(page, [])).join('\n');
  expect(seen).toContain('script-src');
  expect(seen).toContain('connect-src blocked https://example.com/collect');
  expect(consoleReports.length).toBeGreaterThan(0);
});

test('a model host the policy does not allow is named in a notice, and the app falls back', async ({ page }) => {
  await page.goto(
    `./?backend=wasm&model=Xenova/clip-vit-base-patch32&hub=${encodeURIComponent('https://hf-mirror.example')}`,
  );
  await page.getByTestId('confirm-host').click();
  await expect(
    page.getByText("This site's security policy does not allow downloads from hf-mirror.example"),
  ).toBeVisible();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('model-status')).toContainText('Clipscope Mini');
});
