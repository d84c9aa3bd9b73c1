// npm run bench:start [-- --rounds 7 --no-build]: how long the bundled Mini takes to be ready in the built site, and
// where that time goes. Each round is a fresh browser context (nothing cached, no service worker) opening the page;
// the time to ready runs from navigation to the model status turning "ready", and the phases come from the model
// worker's User Timing measures (src/worker/load-timing.ts). Median (min-max) over the rounds, in seconds.
import { execSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { MINI_ID } from '../src/model/catalogue/catalogue';
import { LOAD_MEASURE_PREFIX } from '../src/worker/load-timing';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium';
import { ROOT } from '../tools/models/browser/browser-run';
import { formatTiming, summarise } from './stats';

const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const ROUNDS = process.argv.includes('--rounds') ? Number(argument('--rounds')) : 5;

/** Seconds from navigation to ready, and the worker's phase measures of that load in seconds. */
async function oneRound(page: Page, url: string): Promise<Map<string, number>> {
  await page.goto(url);
  const ready = await page.waitForFunction(
    () => document.querySelector('[data-testid="model-status"][data-state="ready"]') && performance.now(),
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const phases = new Map<string, number>([['time to ready', (await ready.jsonValue()) as number]]);
  const worker = page.workers().find((w) => w.url().includes('clip.worker'));
  // When the load began, on the page's clock: everything before it is page and worker start-up.
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  const loadStart = await worker!.evaluate(
    (prefix) => performance.timeOrigin + (performance.getEntriesByName(`${prefix}configs`)[0]?.startTime ?? NaN),
    LOAD_MEASURE_PREFIX,
  );
  phases.set('load starts at', loadStart - pageOrigin);
  const measures = await worker!.evaluate(
    (prefix) =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith(prefix))
        .map((m) => [m.name.slice(prefix.length), m.duration] as const),
    LOAD_MEASURE_PREFIX,
  );
  for (const [name, ms] of measures) phases.set(name, (phases.get(name) ?? 0) + ms);
  return new Map([...phases].map(([name, ms]) => [name, ms / 1000]));
}

// `--dist dist,dist-before` compares builds, one round of each in turn (the machine's load drifts).
const DISTS = process.argv.includes('--dist') ? argument('--dist')!.split(',') : ['dist'];
// `--service-worker` lets the service worker install, as on a real first visit.
const SERVICE_WORKERS = process.argv.includes('--service-worker') ? 'allow' : 'block';

if (!process.argv.includes('--no-build')) execSync('npx vite build', { cwd: ROOT, stdio: 'ignore' });
const servers = await Promise.all(
  DISTS.map((outDir) =>
    preview({ root: ROOT, logLevel: 'silent', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } }),
  ),
);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
const samples = DISTS.map(() => new Map<string, number[]>());
const loadBefore = loadavg()[0]!;
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, server] of servers.entries()) {
      const context = await browser.newContext({ serviceWorkers: SERVICE_WORKERS });
      const phases = await oneRound(await context.newPage(), `${server.resolvedUrls!.local[0]}?model=${MINI_ID}`);
      for (const [name, seconds] of phases) samples[i]!.set(name, [...(samples[i]!.get(name) ?? []), seconds]);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}
const load = `load average ${loadBefore.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)}`;
console.log(`Clipscope Mini, ${ROUNDS} fresh loads per build, seconds, median (min-max); ${load}`);
for (const [i, dist] of DISTS.entries()) {
  console.log(`${dist} (service workers: ${SERVICE_WORKERS})`);
  for (const [name, values] of samples[i]!) console.log(`  ${name.padEnd(18)} ${formatTiming(summarise(values), 2)}`);
}
