import { expect, test } from '@playwright/test';
import { openAppPatiently } from './a11y-helpers';
import { contrastOver, measure, type Sample } from './contrast';
import { classifyShapeFixtures } from './helpers';

/** WCAG 1.4.11 (non-text contrast, 3:1), which axe does not check: control and card borders, and chart bars. */
const CLASSIFY_SAMPLES: Sample[] = [
  { name: 'labels panel border', selector: '.labels-panel', kind: 'border' },
  { name: 'label editor border', selector: '[data-testid="labels-editor"]', kind: 'border' },
  { name: 'template input border', selector: '[data-testid="template-input"]', kind: 'border' },
  { name: 'preset select border', selector: '[data-testid="preset"]', kind: 'border' },
  { name: 'model select border', selector: '[data-testid="model-select"]', kind: 'border' },
  { name: 'drop zone border', selector: '[data-testid="drop-zone"]', kind: 'border' },
  { name: 'result card border', selector: '[data-testid="result-card"]', kind: 'border' },
  { name: 'remove button border', selector: '[data-testid="remove-image"]', kind: 'border' },
  { name: 'share button border', selector: '[data-testid="share"]', kind: 'border' },
  { name: 'share link field border', selector: '[data-testid="share-link"]', kind: 'border' },
  { name: 'model host field border', selector: '#hub-host', kind: 'border' },
  { name: 'secondary bar against its track', selector: '.bar:not(.top) .bar-fill', kind: 'fill' },
  { name: 'top bar against its track', selector: '.bar.top .bar-fill', kind: 'fill' },
];
const SEARCH_SAMPLES: Sample[] = [
  { name: 'search field border', selector: '[data-testid="search-input"]', kind: 'border' },
  { name: 'search result bar against its track', selector: '.search-result .bar-fill', kind: 'fill' },
];

test('the contrast helper agrees with the WCAG reference values', () => {
  expect(contrastOver('rgb(0, 0, 0)', ['rgb(255, 255, 255)'])).toBeCloseTo(21, 5);
  // #767676 on white is the well-known 4.54:1; #959595 is just under 3:1 (2.995, from Python with the WCAG formula).
  expect(contrastOver('rgb(118, 118, 118)', ['rgb(255, 255, 255)'])).toBeCloseTo(4.54, 2);
  expect(contrastOver('rgb(149, 149, 149)', ['rgb(255, 255, 255)'])).toBeCloseTo(2.995, 3);
  // A transparent layer shows what is under it; half-black over white is #808080 (3.95:1).
  expect(contrastOver('rgba(0, 0, 0, 0.5)', ['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'])).toBeCloseTo(3.95, 1);
});

test('borders of controls and cards, and chart bars, are 3:1 against their background in both themes', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openAppPatiently(page, '?backend=wasm');
  await classifyShapeFixtures(page);
  await page.getByText('Models and settings').click();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toBeVisible();
  const low: string[] = [];
  const check = async (theme: string, samples: Sample[]) => {
    for (const { name, ratio } of await measure(page, samples))
      if (ratio < 3) low.push(`${theme}: ${name} is ${ratio.toFixed(2)}:1`);
  };
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.getByTestId('tab-classify').click();
    await check(colorScheme, CLASSIFY_SAMPLES);
    await page.getByTestId('tab-search').click();
    await page.getByTestId('search-input').fill('red star');
    await expect(page.getByTestId('search-result')).toHaveCount(4);
    await check(colorScheme, SEARCH_SAMPLES);
  }
  expect(low, low.join('\n')).toEqual([]);
});
