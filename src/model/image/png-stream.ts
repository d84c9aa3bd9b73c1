// A PNG decoder that streams rows through the browser's own inflater (DecompressionStream) and averages them
// straight down to a small size, so a 20000 x 20000 PNG (1.6 GB as RGBA, which the browser would decode whole)
// costs two rows and one output row of memory. Interlaced PNGs are not handled: the caller refuses them when huge.
import type { DecodeSize } from './decode-plan';
import type { Pixels } from './preprocess';
import { CHANNELS, pixelReader, readPngHeader, unfilterRow, type PixelReader, type PngHeader } from './png-rows';

const SIGNATURE_BYTES = 8;
// IDAT data is fed to the inflater in pieces of at most this size, so one huge IDAT chunk is never held whole.
const READ_PIECE_BYTES = 1 << 20;
// Sample every n-th source pixel, with at least this many samples per output pixel edge (a box filter that
// stays cheap: 20000 x 20000 down to 448 reads about 3 million pixels, not 400 million).
const SAMPLES_PER_OUTPUT_EDGE = 4;

/** Averages sampled source pixels into output cells, one output row at a time. */
class BoxSampler {
  readonly out: Uint8ClampedArray;
  private readonly xs: Int32Array;
  private readonly columns: Int32Array;
  private readonly perColumn: Int32Array;
  private readonly sums: Float64Array;
  private readonly stride: number;
  private current = 0;
  private rowsInCurrent = 0;
  private flushed = -1;

  constructor(
    private readonly source: DecodeSize,
    private readonly target: DecodeSize,
    private readonly read: PixelReader,
  ) {
    const scale = Math.min(source.width / target.width, source.height / target.height);
    this.stride = Math.max(1, Math.floor(scale / SAMPLES_PER_OUTPUT_EDGE));
    const first = this.stride >> 1;
    const count = Math.ceil((source.width - first) / this.stride);
    this.xs = new Int32Array(count).map((_, k) => first + k * this.stride);
    this.columns = this.xs.map((x) => Math.min(target.width - 1, Math.floor((x * target.width) / source.width)));
    this.perColumn = new Int32Array(target.width);
    for (const c of this.columns) this.perColumn[c]! += 1;
    this.sums = new Float64Array(target.width * 4);
    this.out = new Uint8ClampedArray(target.width * target.height * 4);
  }

  addRow(y: number, row: Uint8Array): void {
    if (y % this.stride !== this.stride >> 1) return;
    const oy = Math.min(this.target.height - 1, Math.floor((y * this.target.height) / this.source.height));
    if (oy !== this.current) this.flush(oy);
    for (let k = 0; k < this.xs.length; k++) this.read(row, this.xs[k]!, this.sums, this.columns[k]! * 4);
    this.rowsInCurrent += 1;
  }

  finish(): Uint8ClampedArray {
    this.flush(this.target.height);
    return this.out;
  }

  private flush(next: number): void {
    const { width } = this.target;
    if (this.rowsInCurrent > 0) {
      for (let ox = 0; ox < width; ox++) {
        const n = Math.max(1, this.perColumn[ox]! * this.rowsInCurrent);
        for (let c = 0; c < 4; c++) this.out[(this.current * width + ox) * 4 + c] = this.sums[ox * 4 + c]! / n;
      }
      this.sums.fill(0);
      this.rowsInCurrent = 0;
      this.flushed = this.current;
    }
    // Output rows no sample fell in (only when rounding leaves a gap) repeat the row above.
    for (let oy = this.flushed + 1; oy < next; oy++) {
      if (oy > 0) this.out.copyWithin(oy * width * 4, (oy - 1) * width * 4, oy * width * 4);
      this.flushed = oy;
    }
    this.current = next;
  }
}

async function inflateRows(readable: ReadableStream<Uint8Array>, h: PngHeader, sampler: BoxSampler): Promise<void> {
  const bitsPerPixel = CHANNELS[h.colourType]! * h.bitDepth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const rowBytes = Math.ceil((h.width * bitsPerPixel) / 8);
  let prev = new Uint8Array(rowBytes);
  let row = new Uint8Array(rowBytes);
  let filter = -1;
  let filled = 0;
  let y = 0;
  const reader = readable.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    const chunk = next.value;
    let i = 0;
    while (i < chunk.length && y < h.height) {
      if (filter < 0) {
        filter = chunk[i++]!;
        continue;
      }
      const n = Math.min(rowBytes - filled, chunk.length - i);
      row.set(chunk.subarray(i, i + n), filled);
      filled += n;
      i += n;
      if (filled === rowBytes) {
        unfilterRow(filter, row, prev, bpp);
        sampler.addRow(y++, row);
        [prev, row] = [row, prev];
        filter = -1;
        filled = 0;
      }
    }
  }
  if (y < h.height) throw new Error(`the PNG ends after ${y} of ${h.height} rows`);
}

/** Decodes a non-interlaced PNG straight to `target` size (a box filter), never holding it at full size. */
export async function decodePngScaled(file: Blob, target: DecodeSize): Promise<Pixels> {
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  const header = readPngHeader(head);
  if (!header) throw new Error('not a PNG file');
  if (header.interlaced) throw new Error('interlaced PNGs are not streamed');
  let palette = new Uint8Array();
  let alphas = new Uint8Array();
  const inflater = new DecompressionStream('deflate');
  const writer = inflater.writable.getWriter();
  let sampler: BoxSampler | undefined;
  let rows: Promise<void> | undefined;
  let offset = SIGNATURE_BYTES;
  try {
    while (offset + 8 <= file.size) {
      const chunkHead = new Uint8Array(await file.slice(offset, offset + 8).arrayBuffer());
      const length = new DataView(chunkHead.buffer).getUint32(0);
      const type = String.fromCharCode(...chunkHead.subarray(4, 8));
      const start = offset + 8;
      offset = start + length + 4; // data and CRC
      if (type === 'IEND') break;
      if (type === 'PLTE') palette = new Uint8Array(await file.slice(start, start + length).arrayBuffer());
      if (type === 'tRNS') alphas = new Uint8Array(await file.slice(start, start + length).arrayBuffer());
      if (type !== 'IDAT') continue;
      if (!sampler) {
        sampler = new BoxSampler(header, target, pixelReader(header, palette, alphas));
        rows = inflateRows(inflater.readable, header, sampler);
        rows.catch((error) => writer.abort(error).catch(() => {}));
      }
      for (let at = start; at < start + length; at += READ_PIECE_BYTES) {
        const end = Math.min(start + length, at + READ_PIECE_BYTES);
        await writer.write(new Uint8Array(await file.slice(at, end).arrayBuffer()));
      }
    }
    if (!sampler || !rows) throw new Error('the PNG has no image data');
    await writer.close();
    await rows;
  } catch (error) {
    await rows?.catch(() => {});
    throw error;
  }
  return { data: sampler.finish(), width: target.width, height: target.height, channels: 4 };
}
