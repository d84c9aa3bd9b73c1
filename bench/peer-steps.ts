// Drives bench/page/peer.html: the same three workloads with transformers.js's zero-shot pipeline, `rounds` times.
import type { Browser } from 'playwright-core';
import type { DropFile } from './ui-steps';

/** One sample per round for each workload (load happens once). */
export interface PeerResult {
  loadMs: number;
  firstPassMs: number[];
  labelEditMs: number[];
  addOneImageMs: number[];
  /** The same library's separate text and vision models, embeddings cached by the caller. */
  towersFirstPassMs: number[];
  towersLabelEditMs: number[];
  towersAddOneImageMs: number[];
}

type PeerApi = {
  __result?: unknown;
  __towers: {
    load(): Promise<number>;
    encodeImages(names: string[]): Promise<number>;
    encodeTexts(labels: string[]): Promise<number>;
  };
  __peer: {
    load(): Promise<number>;
    addImages(list: DropFile[]): void;
    classify(names: string[], labels: string[]): Promise<{ ms: number }>;
  };
};

export async function runPeer(
  browser: Browser,
  pageUrl: string,
  images: DropFile[],
  extra: DropFile,
  labels: string[],
  edited: string[],
  rounds: number,
): Promise<PeerResult> {
  const page = await browser.newPage();
  try {
    await page.goto(pageUrl);
    await page.waitForFunction(() => (globalThis as unknown as PeerApi).__result, null, { timeout: 60_000 });
    const loadMs = await page.evaluate(() => (globalThis as unknown as PeerApi).__peer.load());
    await page.evaluate((list) => (globalThis as unknown as PeerApi).__peer.addImages(list), [...images, extra]);
    const classify = (names: string[], l: string[]) =>
      page.evaluate(({ names, l }) => (globalThis as unknown as PeerApi).__peer.classify(names, l).then((r) => r.ms), {
        names,
        l,
      });
    const names = images.map((i) => i.name);
    const result: PeerResult = {
      loadMs,
      firstPassMs: [],
      labelEditMs: [],
      addOneImageMs: [],
      towersFirstPassMs: [],
      towersLabelEditMs: [],
      towersAddOneImageMs: [],
    };
    for (let round = 0; round < rounds; round++) {
      result.firstPassMs.push(await classify(names, labels));
      result.labelEditMs.push(await classify(names, edited));
      result.addOneImageMs.push(await classify([extra.name], edited));
    }
    const towers = (method: 'encodeImages' | 'encodeTexts', args: string[]) =>
      page.evaluate(({ method, args }) => (globalThis as unknown as PeerApi).__towers[method](args), { method, args });
    await page.evaluate(() => (globalThis as unknown as PeerApi).__towers.load());
    const changed = edited.filter((l) => !labels.includes(l));
    for (let round = 0; round < rounds; round++) {
      result.towersFirstPassMs.push((await towers('encodeImages', names)) + (await towers('encodeTexts', labels)));
      result.towersLabelEditMs.push(await towers('encodeTexts', changed));
      result.towersAddOneImageMs.push(await towers('encodeImages', [extra.name]));
    }
    return result;
  } finally {
    await page.close();
  }
}
