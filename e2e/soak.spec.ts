import { chromium, expect, test, type Page } from '@playwright/test';
import { MINI_PAIRS } from '../src/model/catalogue/label-presets';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium';
import { ALL_SHAPE_FIXTURES, dropFiles, fixtureFile, openApp, setLabels, trueLabel, type DropFile } from './helpers';
import { treeResidentBytes } from './process-memory';
import { WorkerHeap } from './worker-heap';

const ROUNDS = 30;
const IMAGES_PER_ROUND = 20;
const WARM_UP_ROUNDS = 5;

// Limits on growth from the end of the warm-up to the end of the run. A leak of what one round makes (20
// decoded images, thumbnails, embeddings, cards) would pass each of them within a few rounds.
const MAX_HEAP_GROWTH_BYTES = 16e6;
const MAX_RESIDENT_GROWTH_BYTES = 160e6;
const MAX_DOM_GROWTH_NODES = 40;

interface Sample {
  pageHeap: number;
  workerHeap: number;
  resident: number;
  domNodes: number;
}

async function sample(page: Page, workerHeap: WorkerHeap, browserPid: number): Promise<Sample> {
  return {
    pageHeap: await page.evaluate(() => {
      type Gc = { gc: () => void; performance: { memory: { usedJSHeapSize: number } } };
      (globalThis as unknown as Gc).gc();
      return (globalThis as unknown as Gc).performance.memory.usedJSHeapSize;
    }),
    workerHeap: await workerHeap.usedBytes(),
    resident: treeResidentBytes(browserPid),
    domNodes: await page.evaluate(() => document.getElementsByTagName('*').length),
  };
}

function roundFiles(round: number): DropFile[] {
  return Array.from({ length: IMAGES_PER_ROUND }, (_, i) => {
    const shape = ALL_SHAPE_FIXTURES[(round + i) % ALL_SHAPE_FIXTURES.length]!;
    return { ...fixtureFile(shape), name: `r${round}-${i}-${shape}` };
  });
}

/** Each round names its labels differently: a shifted order plus one label of its own (a new text encode). */
const roundLabels = (round: number) =>
  [...MINI_PAIRS.slice(round % MINI_PAIRS.length), ...MINI_PAIRS.slice(0, round % MINI_PAIRS.length)].concat(
    `a thing seen in round ${round}`,
  );

test('30 rounds of add 20 images / change labels / remove images keep memory and DOM bounded', async () => {
  test.setTimeout(600_000);
  // A browser of our own: garbage collection on demand and its processes' memory readable.
  const server = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  const browser = await chromium.connect(server.wsEndpoint());
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    await openApp(page, '?backend=wasm');
    const pid = server.process().pid!;
    const workerHeap = await WorkerHeap.attach(browser, 'clip.worker');
    const samples: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await setLabels(page, roundLabels(round));
      const files = roundFiles(round);
      await dropFiles(page, files);
      // Every image of the round is classified correctly against this round's labels.
      const cards = page.locator('[data-testid="result-card"][data-state="done"]');
      await expect(cards).toHaveCount(IMAGES_PER_ROUND);
      await expect(page.getByText(`${MINI_PAIRS.length + 1} labels`, { exact: true })).toBeVisible();
      const tops = await page
        .getByTestId('result-card')
        .evaluateAll((all) =>
          all.map((c) => [
            c.getAttribute('data-image-name')!,
            c.querySelector('[data-testid="bar"]')?.getAttribute('data-label'),
          ]),
        );
      expect(tops, `round ${round}`).toEqual(files.map((f) => [f.name, trueLabel(f.name.replace(/^r\d+-\d+-/, ''))]));
      // Remove some one by one, the rest with "Clear all".
      for (const f of files.slice(0, 3)) await page.getByRole('button', { name: `Remove ${f.name}` }).click();
      await page.getByRole('button', { name: 'Clear all' }).click();
      await expect(page.getByTestId('result-card')).toHaveCount(0);
      samples.push(await sample(page, workerHeap, pid));
    }
    const warm = samples[WARM_UP_ROUNDS - 1]!;
    const last = samples.at(-1)!;
    const growth = {
      pageHeap: last.pageHeap - warm.pageHeap,
      workerHeap: last.workerHeap - warm.workerHeap,
      resident: last.resident - warm.resident,
      domNodes: last.domNodes - warm.domNodes,
    };
    test.info().annotations.push({ type: 'soak growth after warm-up', description: JSON.stringify(growth) });
    console.log(
      'soak samples (MB / nodes):',
      samples
        .map((s) =>
          [s.pageHeap, s.workerHeap, s.resident]
            .map((b) => (b / 1e6).toFixed(1))
            .concat(String(s.domNodes))
            .join(' '),
        )
        .join(' | '),
    );
    expect(growth.pageHeap).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    expect(growth.workerHeap).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    expect(growth.resident).toBeLessThan(MAX_RESIDENT_GROWTH_BYTES);
    expect(growth.domNodes).toBeLessThan(MAX_DOM_GROWTH_NODES);
  } finally {
    await browser.close();
    await server.close();
  }
});
