// Draws Clipscope's app icons (a bar chart on the accent colour) as PNGs for the web app manifest:
//   npx tsx tools/icons/make-icons.ts      (writes public/icons/; the PNGs are committed)
// "maskable" icons keep the drawing inside the central 80% safe zone, since launchers crop them to any shape.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const OUT_DIR = join(import.meta.dirname, '../../public/icons');
const BACKGROUND = [0x2f, 0x5f, 0xd0];
const BAR = [0xff, 0xff, 0xff];
const BAR_DIM = [0x9f, 0xb3, 0xe6];
/** Bar lengths as fractions of the drawing width, best first, like the app's chart. */
const BARS = [0.9, 0.55, 0.35];

function drawIcon(size: number, maskable: boolean): Buffer {
  const png = new PNG({ width: size, height: size });
  const inset = maskable ? 0.2 : 0.16; // maskable: stay inside the safe zone
  const radius = maskable ? 0 : size * 0.18; // maskable: the launcher rounds the corners
  const left = size * inset;
  const width = size * (1 - 2 * inset);
  const barHeight = width / (BARS.length * 1.6);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
      const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
      const inside = dx * dx + dy * dy <= radius * radius;
      let colour = inside ? BACKGROUND : undefined;
      BARS.forEach((fraction, bar) => {
        const top = left + bar * barHeight * 1.6 + barHeight * 0.3;
        if (inside && y >= top && y < top + barHeight && x >= left && x < left + width * fraction) {
          colour = bar === 0 ? BAR : BAR_DIM;
        }
      });
      png.data.set(colour ? [...colour, 255] : [0, 0, 0, 0], i);
    }
  }
  return PNG.sync.write(png);
}

mkdirSync(OUT_DIR, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
] as const) {
  writeFileSync(join(OUT_DIR, name), drawIcon(size, maskable));
  console.log(`wrote public/icons/${name}`);
}
