// What a dropped file really is, from its first bytes (names and MIME types lie), and the words to use when it
// cannot be decoded: a person can act on "this is text" or "this was cut off", not on "decode failed".

export type SniffedKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif' | 'svg' | 'text' | 'unknown';

export const SUPPORTED_FORMATS = 'JPEG, PNG, WebP, GIF, BMP or AVIF';
const FORMAT_NAMES: Record<SniffedKind, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
  avif: 'AVIF',
  svg: 'SVG',
  text: 'text',
  unknown: 'unknown',
};
// How much of the start of a file to look at to tell text from binary.
const TEXT_PROBE_BYTES = 1024;
const PNG_END = [0x49, 0x45, 0x4e, 0x44]; // "IEND"

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

function looksLikeText(head: Uint8Array): boolean {
  const probe = head.subarray(0, TEXT_PROBE_BYTES);
  if (probe.length === 0) return false;
  // Text has no NUL bytes and few control characters (tab, CR and LF aside); UTF-8 multibyte bytes are >= 0x80.
  let control = 0;
  for (const b of probe) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control += 1;
  }
  return control / probe.length < 0.02;
}

/** The format of a file from its first bytes (at least 32 are needed; 1 KB tells text apart reliably). */
export function sniffImage(head: Uint8Array): SniffedKind {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 4) === 'GIF8') return 'gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (ascii(head, 0, 2) === 'BM') return 'bmp';
  if (ascii(head, 4, 8) === 'ftyp' && /avi[fs]/.test(ascii(head, 8, 32))) return 'avif';
  if (!looksLikeText(head)) return 'unknown';
  const text = new TextDecoder().decode(head.subarray(0, TEXT_PROBE_BYTES)).toLowerCase();
  return /<svg[\s>]/.test(text) ? 'svg' : 'text';
}

/** Whether a file of this kind lacks its end marker: the sign of an interrupted download or copy. */
export function looksTruncated(kind: SniffedKind, tail: Uint8Array): boolean {
  if (kind === 'png') {
    // IEND is followed only by its 4-byte CRC.
    return !startsWith(tail, PNG_END, tail.length - 8);
  }
  if (kind === 'jpeg') {
    // Cameras may append data after the end-of-image marker (FF D9), so look for it anywhere in the tail.
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return false;
    return true;
  }
  return false;
}

/** Why a file is refused before decoding, or undefined when it should be tried. */
export function refusalBeforeDecode(kind: SniffedKind, name: string): string | undefined {
  if (kind === 'svg') {
    return (
      'This is an SVG drawing, which Clipscope does not open: SVG files can pull in other files and have no ' +
      'pixels until drawn. Export it as PNG and drop that.'
    );
  }
  if (kind === 'text') {
    return `This file could not be decoded: "${name}" holds text, not an image. Drop the picture itself.`;
  }
  return undefined;
}

/** The message for a file whose decoding failed. */
export function decodeFailureMessage(kind: SniffedKind, truncated: boolean): string {
  if (kind === 'unknown') {
    return `This file could not be decoded: its content is not a ${SUPPORTED_FORMATS} image.`;
  }
  if (truncated) {
    return `This ${FORMAT_NAMES[kind]} could not be decoded: it ends early, cut off by an interrupted download or copy. Get the file again.`;
  }
  return `This ${FORMAT_NAMES[kind]} could not be decoded: the file is damaged.`;
}
