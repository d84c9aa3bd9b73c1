import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { MINI_ID } from '../src/model/catalogue/catalogue';
import { DEFAULT_TEMPLATE } from '../src/shared/settings';
import { parseCsv } from '../tests/helpers/csv';
import type { StaticServer } from '../tools/static-server/static-server';
import { card, dropFiles, fixtureFile, pinMini, SHAPE_FIXTURES, setLabels, trueLabel } from './helpers';
import { expectThreadsOn, startSite } from './site-helpers';

// Labels that need CSV quoting and the formula guard, next to the fixtures' true labels.
const LABELS = [...SHAPE_FIXTURES.map(trueLabel), 'green, "hexagon"', '=purple cross'];
let site: StaticServer | undefined;

test.use({ serviceWorkers: 'allow' });
test.afterEach(async () => {
  await site?.close();
  site = undefined;
});

async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

interface Bar {
  label: string;
  score: number;
  similarity: number;
}

const chartBars = (page: Page, image: string): Promise<Bar[]> =>
  card(page, image)
    .getByTestId('bar')
    .evaluateAll((els) =>
      els.map((el) => ({
        label: el.getAttribute('data-label')!,
        score: Number(el.getAttribute('data-score')),
        similarity: Number(el.getAttribute('data-similarity')),
      })),
    );

test('exported CSV and JSON match the chart, and the chart saves as a PNG', async ({ page }) => {
  site = await startSite();
  await page.goto(site.url + pinMini(''));
  await expectThreadsOn(page); // after the service worker's one reload, so nothing dropped is lost
  await setLabels(page, LABELS);
  await dropFiles(
    page,
    SHAPE_FIXTURES.map((f) => fixtureFile(f)),
  );
  for (const image of SHAPE_FIXTURES) await expect(card(page, image).getByTestId('bar')).toHaveCount(LABELS.length);

  const csv = await downloaded(page, 'export-csv');
  expect(csv.name).toBe('clipscope-results.csv');
  const [header, ...rows] = parseCsv(csv.bytes.toString('utf8'));
  expect(header).toEqual(['image', 'label', 'probability', 'similarity']);
  expect(rows).toHaveLength(SHAPE_FIXTURES.length * LABELS.length);
  expect(rows.map((r) => r[1])).toContain(`'=purple cross`); // guarded, so a spreadsheet shows text
  for (const image of SHAPE_FIXTURES) {
    const fromCsv = rows
      .filter((r) => r[0] === image)
      .map(([, label, probability, similarity]) => ({
        label: label!.replace(/^'(?=[=+\-@])/, ''),
        score: Number(probability),
        similarity: Number(similarity),
      }));
    const bars = await chartBars(page, image);
    expect(fromCsv.map((r) => r.label)).toEqual(bars.map((b) => b.label)); // same labels, same order
    fromCsv.forEach((row, i) => {
      expect(row.score).toBeCloseTo(bars[i]!.score, 6);
      expect(row.similarity).toBeCloseTo(bars[i]!.similarity, 6);
    });
    expect(fromCsv[0]!.label).toBe(trueLabel(image));
  }

  const json = JSON.parse((await downloaded(page, 'export-json')).bytes.toString('utf8'));
  expect(json.model).toBe(MINI_ID);
  expect(json.template).toBe(DEFAULT_TEMPLATE);
  expect(json.results).toHaveLength(rows.length);
  json.results.forEach((r: { image: string; probability: number }, i: number) => {
    expect(r.image).toBe(rows[i]![0]);
    expect(r.probability).toBeCloseTo(Number(rows[i]![2]), 12);
  });

  const png = await downloaded(page, 'export-png');
  expect(png.name).toBe('clipscope-chart.png');
  const image = PNG.sync.read(png.bytes);
  expect(image.width).toBeGreaterThanOrEqual(760);
  expect(image.height).toBeGreaterThan(4 * 100); // four blocks of bars
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4 * 97) colours.add(image.data.readUInt32BE(i));
  expect(colours.size).toBeGreaterThan(10); // text, bars and thumbnails, not a blank canvas
});
