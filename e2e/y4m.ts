import { writeFileSync } from 'node:fs';

/** An RGB colour, 0-255 per channel. */
export type Rgb = [number, number, number];

// Full-range BT.601 (the "C420jpeg" colour space), as Chromium's fake camera reads it.
function toYuv([r, g, b]: Rgb): [number, number, number] {
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const u = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const v = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  return [y, u, v].map((c) => Math.max(0, Math.min(255, Math.round(c)))) as [number, number, number];
}

/**
 * Writes a short Y4M video (YUV4MPEG2, 4:2:0) of a filled circle on a plain background, for Chromium's
 * `--use-file-for-fake-video-capture`. Every frame is the same picture; the circle may drift a little per frame.
 */
export function writeCircleVideo(
  path: string,
  {
    width = 160,
    height = 120,
    frames = 10,
    fps = 10,
    circle = [215, 35, 35] as Rgb,
    background = [255, 255, 255] as Rgb,
  } = {},
): void {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const [cy, cu, cv] = toYuv(circle);
  const [by, bu, bv] = toYuv(background);
  const radius = Math.min(width, height) * 0.35;
  const chunks: Buffer[] = [header];
  for (let f = 0; f < frames; f++) {
    const centreX = width / 2 + (f % 5) - 2;
    const centreY = height / 2;
    const inside = (x: number, y: number) => (x - centreX) ** 2 + (y - centreY) ** 2 <= radius ** 2;
    const yPlane = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) yPlane[y * width + x] = inside(x + 0.5, y + 0.5) ? cy : by;
    const cw = width / 2;
    const ch = height / 2;
    const uPlane = Buffer.alloc(cw * ch);
    const vPlane = Buffer.alloc(cw * ch);
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        const hit = inside(2 * x + 1, 2 * y + 1);
        uPlane[y * cw + x] = hit ? cu : bu;
        vPlane[y * cw + x] = hit ? cv : bv;
      }
    }
    chunks.push(Buffer.from('FRAME\n'), yPlane, uPlane, vPlane);
  }
  writeFileSync(path, Buffer.concat(chunks));
}
