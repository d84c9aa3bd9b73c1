import { imageSize } from 'image-size';
import { capPixels, decodeSize, uprightSize, type DecodeSize } from '../model/decode-plan';
import type { Pixels } from '../model/preprocess';
import {
  decodeFailureMessage,
  looksTruncated,
  refusalBeforeDecode,
  sniffImage,
  type SniffedKind,
} from '../model/sniff';
import { MAX_DECODED_PIXELS, THUMBNAIL_EDGE_PX } from '../shared/settings';
import { decodeLarge, ImageRefused, isLarge } from './decode-large';

// Enough for the headers of every supported format, EXIF blocks included, without reading whole files.
const HEADER_BYTES = 256 * 1024;
// Where a file's end marker is looked for, to tell a cut-off file from a damaged one.
const TAIL_BYTES = 64 * 1024;

export interface DecodedImage {
  pixels: Pixels;
  /** Still encoding when the pixels are ready: the model needs only the pixels, the card needs this later. */
  thumbnail: Promise<Blob>;
  /** The upright size of the original image. */
  width: number;
  height: number;
}

function storedSize(head: Uint8Array): { width: number; height: number; orientation?: number } | undefined {
  try {
    return imageSize(head);
  } catch {
    return undefined;
  }
}

async function decodeBitmap(file: Blob, kind: SniffedKind, target: DecodeSize | undefined): Promise<ImageBitmap> {
  const resize = target ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' } : {};
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image', ...resize } as ImageBitmapOptions);
  } catch {
    throw new Error(decodeFailureMessage(kind, await endsEarly(file, kind)));
  }
}

async function endsEarly(file: Blob, kind: SniffedKind): Promise<boolean> {
  return looksTruncated(kind, new Uint8Array(await file.slice(-TAIL_BYTES).arrayBuffer()));
}

function thumbnailOf(bitmap: ImageBitmap): Promise<Blob> {
  const scale = Math.min(1, THUMBNAIL_EDGE_PX / Math.max(bitmap.width, bitmap.height));
  const canvas = new OffscreenCanvas(
    Math.max(1, Math.round(bitmap.width * scale)),
    Math.max(1, Math.round(bitmap.height * scale)),
  );
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
}

/**
 * Decodes an image file off the main thread, upright (EXIF orientation), scaled while decoding so its shortest
 * edge is at most `shortestEdge` px (a 20000 px photo never exists at full size), plus a small thumbnail.
 */
export async function decodeImage(file: Blob, shortestEdge: number): Promise<DecodedImage> {
  if (file.size === 0) throw new Error('This file is empty (0 bytes).');
  const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const kind = sniffImage(head);
  const refusal = refusalBeforeDecode(kind, file instanceof File ? file.name : 'this file');
  if (refusal) throw new Error(refusal);
  const stored = storedSize(head);
  const upright = stored ? uprightSize(stored.width, stored.height, stored.orientation) : undefined;
  // Twice the model size, so the final step is the model's own bicubic filter (see resize.ts), not the browser's.
  const decodeEdge = Math.max(2 * shortestEdge, THUMBNAIL_EDGE_PX);
  const target = upright && capPixels(decodeSize(upright, decodeEdge), MAX_DECODED_PIXELS);
  let bitmap =
    stored && upright && target && isLarge(upright)
      ? await decodeLarge(file, kind, head, stored, target).catch(async (error: Error) => {
          if (error instanceof ImageRefused) throw error;
          throw new Error(decodeFailureMessage(kind, await endsEarly(file, kind)));
        })
      : await decodeBitmap(file, kind, target);
  const size = upright ?? { width: bitmap.width, height: bitmap.height };
  const scaled = decodeSize({ width: bitmap.width, height: bitmap.height }, decodeEdge);
  if (scaled.width !== bitmap.width || scaled.height !== bitmap.height) {
    // The header could not be read up front: scale after decoding instead.
    const full = bitmap;
    bitmap = await createImageBitmap(full, {
      resizeWidth: scaled.width,
      resizeHeight: scaled.height,
      resizeQuality: 'high',
    });
    full.close();
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const pixels: Pixels = { data, width: bitmap.width, height: bitmap.height, channels: 4 };
    // thumbnailOf draws the bitmap at once, so the bitmap can be closed while the thumbnail is still encoding.
    const thumbnail = thumbnailOf(bitmap);
    thumbnail.catch(() => {}); // whoever awaits it gets the error; an unawaited failure is not an unhandled one
    return { pixels, thumbnail, width: size.width, height: size.height };
  } finally {
    bitmap.close();
  }
}
