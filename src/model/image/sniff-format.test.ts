import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFailureMessage, looksTruncated, refusalBeforeDecode, sniffImage } from './sniff-format';

const FIXTURES = join(import.meta.dirname, '../../../e2e/fixtures');
const read = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)));
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffImage', () => {
  it('tells formats by their bytes, not their names', () => {
    expect(sniffImage(read('red-circle.png'))).toBe('png');
    expect(sniffImage(read('formats/red-circle.jpg'))).toBe('jpeg');
    expect(sniffImage(read('formats/red-circle.webp'))).toBe('webp');
    expect(sniffImage(read('formats/red-circle.bmp'))).toBe('bmp');
    expect(sniffImage(read('formats/red-circle-animated.gif'))).toBe('gif');
    expect(sniffImage(read('hostile/red-circle-cmyk.jpg'))).toBe('jpeg');
  });

  it('recognises SVG drawings, with or without an XML declaration', () => {
    expect(sniffImage(read('hostile/drawing.svg'))).toBe('svg');
    expect(sniffImage(text('<?xml version="1.0"?>\n<!-- x -->\n<SVG xmlns="http://www.w3.org/2000/svg">'))).toBe('svg');
  });

  it('recognises text, including UTF-8, and calls other bytes unknown', () => {
    expect(sniffImage(text('this is not an image'))).toBe('text');
    expect(sniffImage(text('étiquettes: 猫, كلب, 🐈\n'))).toBe('text');
    expect(sniffImage(new Uint8Array([0, 1, 2, 3, 250, 0, 7]))).toBe('unknown');
    expect(sniffImage(new Uint8Array())).toBe('unknown');
  });
});

describe('looksTruncated', () => {
  it('sees a JPEG or PNG cut off before its end marker', () => {
    expect(looksTruncated('jpeg', read('hostile/truncated.jpg'))).toBe(true);
    expect(looksTruncated('jpeg', read('formats/red-circle.jpg'))).toBe(false);
    const png = read('red-circle.png');
    expect(looksTruncated('png', png)).toBe(false);
    expect(looksTruncated('png', png.subarray(0, png.length - 100))).toBe(true);
  });

  it('accepts data appended after a JPEG end marker', () => {
    const jpeg = read('formats/red-circle.jpg');
    const withTrailer = new Uint8Array([...jpeg, ...text('appended motion-photo data')]);
    expect(looksTruncated('jpeg', withTrailer)).toBe(false);
  });
});

describe('messages', () => {
  it('refuse SVG and text before decoding, and say why', () => {
    expect(refusalBeforeDecode('svg', 'a.svg')).toContain('Export it as PNG');
    expect(refusalBeforeDecode('text', 'notes.png')).toContain('"notes.png" holds text, not an image');
    expect(refusalBeforeDecode('png', 'a.png')).toBeUndefined();
  });

  it('name the format and the likely cause of a failed decode', () => {
    expect(decodeFailureMessage('jpeg', true)).toContain('This JPEG could not be decoded: it ends early');
    expect(decodeFailureMessage('png', false)).toContain('This PNG could not be decoded: the file is damaged');
    expect(decodeFailureMessage('unknown', false)).toContain('not a JPEG, PNG, WebP, GIF, BMP or AVIF image');
  });
});
