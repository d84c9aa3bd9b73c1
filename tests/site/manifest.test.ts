import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

// What browsers require before they offer to install the site as an app.
const PUBLIC = join(import.meta.dirname, '../../public');
const manifest = JSON.parse(readFileSync(join(PUBLIC, 'manifest.webmanifest'), 'utf8'));
const INDEX = readFileSync(join(import.meta.dirname, '../../index.html'), 'utf8');

describe('web app manifest', () => {
  it('names the app and starts, scopes and links with relative URLs (any host, any sub-path)', () => {
    expect(manifest.name).toMatch(/Clipscope/);
    expect(manifest.short_name).toBe('Clipscope');
    expect(manifest.display).toBe('standalone');
    for (const url of [manifest.start_url, manifest.scope, ...manifest.icons.map((i: { src: string }) => i.src)]) {
      expect(url).not.toMatch(/^\/|^https?:/);
    }
    expect(INDEX).toContain('<link rel="manifest" href="./manifest.webmanifest" />');
  });

  it('has PNG icons of 192 and 512 pixels, and a maskable one, whose files match their declared sizes', () => {
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const path = join(PUBLIC, icon.src);
      expect(existsSync(path), icon.src).toBe(true);
      const png = PNG.sync.read(readFileSync(path));
      expect(`${png.width}x${png.height}`).toBe(icon.sizes);
      expect(icon.type).toBe('image/png');
    }
  });
});
