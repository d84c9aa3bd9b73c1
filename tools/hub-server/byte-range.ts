/** Inclusive byte offsets, as in `Content-Range: bytes start-end/total`. */
export interface ByteRange {
  start: number;
  end: number;
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads a `Range` header against a file of `totalBytes`. Returns undefined when the whole file should be sent:
 * no header, or one we choose to ignore (multiple ranges, other units, bad syntax), which RFC 9110 allows.
 */
export function parseByteRange(
  header: string | undefined,
  totalBytes: number,
): ByteRange | 'unsatisfiable' | undefined {
  const match = header === undefined ? null : SINGLE_RANGE.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // Suffix form `bytes=-N`: the last N bytes.
    const suffixBytes = Number(last);
    if (suffixBytes === 0 || totalBytes === 0) return 'unsatisfiable';
    return { start: Math.max(0, totalBytes - suffixBytes), end: totalBytes - 1 };
  }
  const start = Number(first);
  const end = last === '' ? totalBytes - 1 : Math.min(Number(last), totalBytes - 1);
  if (start >= totalBytes || start > end) return 'unsatisfiable';
  return { start, end };
}
