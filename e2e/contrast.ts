import type { Page } from '@playwright/test';

/** WCAG 2.2 contrast of colours as the browser computes them ("rgb(...)" / "rgba(...)"), for non-text checks. */

type Rgba = [number, number, number, number];

function parseColour(css: string): Rgba {
  const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css.trim());
  if (!match) throw new Error(`not an rgb() colour: ${css}`);
  const [r, g, b, a] = match.slice(1).map((v) => (v === undefined ? 1 : Number(v)));
  return [r!, g!, b!, a!];
}

/** `top` painted over the opaque `bottom` (source-over). */
const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [
  r * a + R * (1 - a),
  g * a + G * (1 - a),
  b * a + B * (1 - a),
  1,
];

/** WCAG relative luminance (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance). */
function luminance([r, g, b]: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrastRatio(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/**
 * Contrast of `colour` (maybe translucent) against a stack of backgrounds listed from nearest to farthest, over a
 * white canvas: what a person sees next to the colour.
 */
export function contrastOver(colour: string, backgrounds: string[]): number {
  const behind = [...backgrounds]
    .reverse()
    .reduce((acc, layer) => over(parseColour(layer), acc), [255, 255, 255, 1] as Rgba);
  return contrastRatio(over(parseColour(colour), behind), behind);
}

export interface Sample {
  /** What is measured, for messages. */
  name: string;
  selector: string;
  /** A border's colour against the backgrounds behind the element, or a bar's fill against its track. */
  kind: 'border' | 'fill';
}

/**
 * The contrast of each sample's first visible match: its top border colour against the backgrounds of its ancestors
 * (`border`), or its background against its parent's and their ancestors' (`fill`).
 */
export async function measure(page: Page, samples: Sample[]): Promise<{ name: string; ratio: number }[]> {
  const raw = await page.evaluate((list) => {
    const backgroundsFrom = (el: Element | null) => {
      const layers: string[] = [];
      for (let node = el; node; node = node.parentElement) layers.push(getComputedStyle(node).backgroundColor);
      return layers;
    };
    return list.map(({ name, selector, kind }) => {
      const el = Array.from(document.querySelectorAll(selector)).find((e) => e.checkVisibility());
      if (!el) return { name, missing: selector };
      const style = getComputedStyle(el);
      return kind === 'border'
        ? { name, colour: style.borderTopColor, behind: backgroundsFrom(el.parentElement) }
        : { name, colour: style.backgroundColor, behind: backgroundsFrom(el.parentElement) };
    });
  }, samples);
  return raw.map((r) => {
    if ('missing' in r) throw new Error(`${r.name}: nothing visible matches ${r.missing}`);
    return { name: r.name, ratio: contrastOver(r.colour, r.behind) };
  });
}
