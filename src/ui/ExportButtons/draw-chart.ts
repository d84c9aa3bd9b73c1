// Draws the results as one PNG: per image its thumbnail, name and top bars, in the page's theme colours.
import { scoreText, type ScoreMode } from '../../shared/score-text';
import type { ImageResult } from '../../store/results-for-export';
import { visibleText } from '../../shared/visible-text';

const WIDTH_PX = 760;
const PAD_PX = 16;
const THUMB_PX = 64;
const BAR_PX = 22;
const LABEL_COLUMN_PX = 220;
const VALUE_COLUMN_PX = 70;

function loadImage(url: string): Promise<HTMLImageElement | undefined> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => resolve(undefined); // a missing thumbnail leaves a gap, not a failed export
    image.src = url;
  });
}

function fitText(ctx: CanvasRenderingContext2D, text: string, widthPx: number): string {
  if (ctx.measureText(text).width <= widthPx) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > widthPx) end--;
  return `${text.slice(0, end)}…`;
}

const TITLE_PX = 28;

/** `title` heads the picture (model, template, score), so it says where its numbers came from. */
export async function drawChart(
  results: ImageResult[],
  mode: ScoreMode,
  topBars: number,
  title: string,
): Promise<Blob> {
  const style = getComputedStyle(document.documentElement);
  const colour = (name: string) => style.getPropertyValue(name).trim() || '#888';
  const blockPx = (rows: number) => Math.max(THUMB_PX, 24 + rows * BAR_PX) + PAD_PX * 2;
  const heightPx = results.reduce((sum, r) => sum + blockPx(Math.min(topBars, r.rows.length)), PAD_PX + TITLE_PX);
  const scale = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH_PX * scale;
  canvas.height = heightPx * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = colour('--bg');
  ctx.fillRect(0, 0, WIDTH_PX, heightPx);
  ctx.textBaseline = 'middle';
  const font = style.fontFamily || 'sans-serif';
  ctx.fillStyle = colour('--muted');
  ctx.font = `13px ${font}`;
  ctx.fillText(fitText(ctx, title, WIDTH_PX - 2 * PAD_PX), PAD_PX, PAD_PX + TITLE_PX / 2);
  let y = PAD_PX + TITLE_PX;
  for (const result of results) {
    const rows = result.rows.slice(0, topBars);
    const thumb = result.thumbnailUrl ? await loadImage(result.thumbnailUrl) : undefined;
    if (thumb) ctx.drawImage(thumb, PAD_PX, y + PAD_PX, THUMB_PX, (THUMB_PX * thumb.height) / thumb.width || THUMB_PX);
    const left = PAD_PX * 2 + THUMB_PX;
    ctx.fillStyle = colour('--text');
    ctx.font = `bold 14px ${font}`;
    ctx.fillText(fitText(ctx, visibleText(result.name), WIDTH_PX - left - PAD_PX), left, y + PAD_PX + 8);
    ctx.font = `13px ${font}`;
    const trackLeft = left + LABEL_COLUMN_PX;
    const trackPx = WIDTH_PX - trackLeft - VALUE_COLUMN_PX - PAD_PX;
    rows.forEach((row, rank) => {
      const middle = y + PAD_PX + 24 + rank * BAR_PX + BAR_PX / 2;
      const value = mode === 'probability' && row.probability !== undefined ? row.probability : row.similarity;
      const text = scoreText(
        value,
        mode === 'probability' && row.probability !== undefined ? 'probability' : 'similarity',
      );
      ctx.fillStyle = colour('--text');
      ctx.fillText(fitText(ctx, visibleText(row.label), LABEL_COLUMN_PX - 8), left, middle);
      ctx.fillStyle = colour('--border');
      ctx.fillRect(trackLeft, middle - 6, trackPx, 12);
      ctx.fillStyle = colour(rank === 0 ? '--accent' : '--bar');
      ctx.fillRect(trackLeft, middle - 6, trackPx * Math.max(0, Math.min(1, value)), 12);
      ctx.fillStyle = colour('--text');
      ctx.fillText(text, trackLeft + trackPx + 8, middle);
    });
    y += blockPx(rows.length);
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))),
      'image/png',
    ),
  );
}
