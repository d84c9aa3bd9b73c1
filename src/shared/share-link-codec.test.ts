import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  MAX_SHARE_CHARS,
  MAX_SHARE_JSON_BYTES,
  SHARE_PREFIX,
  ShareLinkTooLongError,
  sharePayload,
  type SharedSetup,
} from './share-link-codec';
import { MAX_DESCRIBE_CHARS } from './settings';

const FULL: SharedSetup = {
  labels: ['red circle', 'blue, "quoted" star', 'yellow triangle'],
  template: 'a drawing of a {}.',
  model: 'Xenova/clip-vit-base-patch32',
  backend: 'wasm',
  dtype: 'fp16',
  hub: 'https://hf-mirror.example.org',
};

async function roundTrip(setup: SharedSetup) {
  const fragment = await encodeShare(setup);
  expect(fragment.startsWith(SHARE_PREFIX)).toBe(true);
  expect(fragment).toMatch(/^#share=[A-Za-z0-9_-]+$/); // safe in a URL as it is
  return decodeShare(sharePayload(fragment)!);
}

/** A payload as a hostile or buggy sender could make it: any JSON, deflated and base64url-encoded by hand. */
const packRaw = (bytes: Uint8Array | string) => Buffer.from(deflateRawSync(bytes)).toString('base64url');

describe('share links', () => {
  it('round-trip every field', async () => {
    expect(await roundTrip(FULL)).toEqual({ ok: true, setup: FULL });
  });

  it('round-trip a preset by id, and the defaults without optional fields', async () => {
    const setup: SharedSetup = { labels: [], preset: 'cifar10', template: 'a photo of a {}.', backend: 'auto' };
    expect(await roundTrip(setup)).toEqual({ ok: true, setup });
  });

  it('round-trip unicode labels and templates', async () => {
    const setup: SharedSetup = {
      labels: ['chat noir 🐈‍⬛', '犬', 'ğüşiöç', 'مرحبا', 'e\u0301 (combining)'],
      template: 'une photo de {} ✨',
      backend: 'webgpu',
    };
    expect(await roundTrip(setup)).toEqual({ ok: true, setup });
  });

  it('compress long label lists so the link stays short', async () => {
    const labels = Array.from({ length: 1000 }, (_, i) => `a fairly long label number ${i} about objects`);
    const fragment = await encodeShare({ labels, template: '{}', backend: 'auto' });
    expect(fragment.length).toBeLessThan(labels.join('\n').length / 4);
    expect(await decodeShare(sharePayload(fragment)!)).toMatchObject({ ok: true, setup: { labels } });
  });

  it('refuse to make a link that would be too long', async () => {
    // Random-ish labels do not compress: 5000 of them cannot fit.
    const labels = Array.from({ length: 5000 }, (_, i) => `${(i * 2654435761) % 1e9}-${(i * 40503) % 9973}`);
    await expect(encodeShare({ labels, template: '{}', backend: 'auto' })).rejects.toThrow(ShareLinkTooLongError);
  });

  it('ignore fragments that are not share links', () => {
    expect(sharePayload('')).toBeUndefined();
    expect(sharePayload('#about')).toBeUndefined();
  });

  it.each([
    ['not base64url', 'abc$%^'],
    ['empty', ''],
    ['not deflate data', 'AAAAAAAAAAAAAAAA'],
    ['cut short', 'q1YqU7KyNNFRKlayUlAqSk1RKs7PTVUoSSwqSizJTM9TqK4FAA'.slice(0, 20)],
    ['not JSON', packRaw('hello')],
    ['JSON but not an object', packRaw('[1,2,3]')],
    ['no version', packRaw('{"t":"{}","l":"a"}')],
    ['labels and preset both', packRaw('{"v":1,"t":"{}","l":"a","p":"cifar10"}')],
    ['neither labels nor preset', packRaw('{"v":1,"t":"{}"}')],
    ['an unknown backend', packRaw('{"v":1,"t":"{}","l":"a","b":"cuda"}')],
    ['a number where text belongs', packRaw('{"v":1,"t":7,"l":"a"}')],
    ['invalid UTF-8', packRaw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))],
  ])('reject a payload that is %s', async (_name, payload) => {
    const result = await decodeShare(payload);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(/damaged/);
  });

  it('reject a link from a newer version with its own message', async () => {
    const result = await decodeShare(packRaw('{"v":2,"t":"{}","l":"a"}'));
    expect(!result.ok && result.problem).toMatch(/newer Clipscope/);
  });

  it('reject an oversized link before unpacking it', async () => {
    const result = await decodeShare('A'.repeat(MAX_SHARE_CHARS + 4));
    expect(!result.ok && result.problem).toMatch(/too long/);
  });

  it('stop unpacking a decompression bomb at the size limit', async () => {
    const bomb = packRaw(`{"v":1,"t":"{}","l":"${'a'.repeat(MAX_SHARE_JSON_BYTES * 2)}"}`);
    expect(bomb.length).toBeLessThan(MAX_SHARE_CHARS); // small link, huge contents
    const result = await decodeShare(bomb);
    expect(!result.ok && result.problem).toMatch(/more than 1 MB/);
  });

  it('round-trip the Describe settings and tab, leaving them out at their defaults', async () => {
    const describe = {
      question: 'what colour is the star?',
      prefix: 'a photo of a red',
      beams: 3,
      open: true,
    } as const;
    expect(await roundTrip({ ...FULL, describe })).toEqual({ ok: true, setup: { ...FULL, describe } });
    const opened = { question: '', prefix: '', beams: 1, open: true } as const;
    expect(await roundTrip({ ...FULL, describe: opened })).toEqual({ ok: true, setup: { ...FULL, describe: opened } });
    const defaults = { question: '', prefix: '', beams: 1, open: false } as const;
    expect(await roundTrip({ ...FULL, describe: defaults })).toEqual({ ok: true, setup: FULL });
  });

  it.each([
    ['a question over the limit', { q: 'q'.repeat(MAX_DESCRIBE_CHARS + 1) }],
    ['a prefix over the limit', { x: 'x'.repeat(MAX_DESCRIBE_CHARS + 1) }],
    ['a beam width of 5', { n: 5 }],
    ['a fractional beam width', { n: 1.5 }],
    ['beams as text', { n: '2' }],
    ['an unknown tab', { o: 'settings' }],
    ['a number for a question', { q: 7 }],
  ])('reject Describe settings with %s', async (_name, fields) => {
    const result = await decodeShare(packRaw(JSON.stringify({ v: 1, t: '{}', l: 'a', ...fields })));
    expect(!result.ok && result.problem).toMatch(/damaged/);
  });

  it('accept a question and prefix at their limit', async () => {
    const q = 'q'.repeat(MAX_DESCRIBE_CHARS);
    const result = await decodeShare(packRaw(JSON.stringify({ v: 1, t: '{}', l: 'a', q, x: q })));
    expect(result).toMatchObject({ ok: true, setup: { describe: { question: q, prefix: q, beams: 1, open: false } } });
  });

  it('reject fields longer than their limits', async () => {
    const result = await decodeShare(packRaw(JSON.stringify({ v: 1, t: 'x'.repeat(301), l: 'a' })));
    expect(result.ok).toBe(false);
  });
});
