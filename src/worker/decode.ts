import { imageSize } from 'image-size';
import { decodeTarget, uprightSize, type DecodeSize } from '../model/image/decode-plan';
import { pngHasAlpha, readPngHeader } from '../model/image/png-rows';
import { decodePngScaled } from '../model/image/png-stream';
import type { Pixels } from '../model/image/preprocess';
import {
  decodeFailureMessage,
  looksTruncated,
  refusalBeforeDecode,
  sniffImage,
  type SniffedKind,
} from '../model/image/sniff-format';
import { FULL_DECODE_PIXELS, MAX_DECODED_PIXELS, THUMBNAIL_EDGE_PX } from '../shared/settings';
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

// colorSpaceConversion 'none': the stored values, as PIL reads them (it applies no ICC profile or PNG gamma).
async function decodeBitmap(file: Blob, kind: SniffedKind, target: DecodeSize | undefined): Promise<ImageBitmap> {
  const resize = target ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' } : {};
  const options = { imageOrientation: 'from-image', colorSpaceConversion: 'none', ...resize } as ImageBitmapOptions;
  try {
    return await createImageBitmap(file, options);
  } catch {
    throw await decodeFailure(file, kind);
  }
}

async function decodeFailure(file: Blob, kind: SniffedKind): Promise<Error> {
  const tail = new Uint8Array(await file.slice(-TAIL_BYTES).arrayBuffer());
  return new Error(decodeFailureMessage(kind, looksTruncated(kind, tail)));
}

/** Starts encoding the thumbnail; it draws the bitmap at once, so the caller may close the bitmap straight after. */
function thumbnailOf(bitmap: ImageBitmap): Promise<Blob> {
  const scale = Math.min(1, THUMBNAIL_EDGE_PX / Math.max(bitmap.width, bitmap.height));
  const canvas = new OffscreenCanvas(
    Math.max(1, Math.round(bitmap.width * scale)),
    Math.max(1, Math.round(bitmap.height * scale)),
  );
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const thumbnail = canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
  thumbnail.catch(() => {}); // whoever awaits it gets the error; an unawaited failure is not an unhandled one
  return thumbnail;
}

/**
 * A PNG with transparency, decoded by our own PNG decoder: a canvas premultiplies alpha (a transparent pixel loses
 * its colour), while the reference, PIL's convert('RGB'), drops alpha and keeps the stored colour.
 */
async function decodePngWithAlpha(file: Blob, size: DecodeSize): Promise<DecodedImage> {
  const pixels = await decodePngScaled(file, size).catch(async () => {
    throw await decodeFailure(file, 'png');
  });
  const data = pixels.data as Uint8ClampedArray<ArrayBuffer>;
  const bitmap = await createImageBitmap(new ImageData(data, pixels.width, pixels.height));
  try {
    return { pixels, thumbnail: thumbnailOf(bitmap), ...size };
  } finally {
    bitmap.close();
  }
}

/**
 * Decodes an image file off the main thread, upright (EXIF orientation), plus a small thumbnail: whole up to
 * FULL_DECODE_PIXELS, so the model's exact resize does all the scaling; a larger one is scaled while decoding (a
 * 20000 px photo never exists at full size).
 */
export async function decodeImage(file: Blob, shortestEdge: number): Promise<DecodedImage> {
  if (file.size === 0) throw new Error('This file is empty (0 bytes).');
  const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const kind = sniffImage(head);
  const refusal = refusalBeforeDecode(kind, file instanceof File ? file.name : 'this file');
  if (refusal) throw new Error(refusal);
  const stored = storedSize(head);
  const upright = stored ? uprightSize(stored.width, stored.height, stored.orientation) : undefined;
  // Twice the model size, so the final step is still the model's own filter (see resize.ts), not the browser's.
  const limits = {
    shortestEdge: Math.max(2 * shortestEdge, THUMBNAIL_EDGE_PX),
    fullPixels: FULL_DECODE_PIXELS,
    maxPixels: MAX_DECODED_PIXELS,
  };
  const target = upright && decodeTarget(upright, limits);
  if (kind === 'png' && stored && !target && pngHasAlpha(head) && !readPngHeader(head)?.interlaced) {
    return decodePngWithAlpha(file, { width: stored.width, height: stored.height });
  }
  let bitmap =
    stored && upright && target && isLarge(upright)
      ? await decodeLarge(file, kind, head, stored, target).catch(async (error: Error) => {
          if (error instanceof ImageRefused) throw error;
          throw await decodeFailure(file, kind);
        })
      : await decodeBitmap(file, kind, target);
  const size = upright ?? { width: bitmap.width, height: bitmap.height };
  const scaled = decodeTarget({ width: bitmap.width, height: bitmap.height }, limits);
  if (scaled && (scaled.width !== bitmap.width || scaled.height !== bitmap.height)) {
    // The header could not be read up front: scale after decoding instead.
    const full = bitmap;
    bitmap = await createImageBitmap(full, {
      resizeWidth: scaled.width,
      resizeHeight: scaled.height,
      resizeQuality: 'high',
    });
    full.close();
  }
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  let thumbnail: Promise<Blob>;
  try {
    context.drawImage(bitmap, 0, 0);
    thumbnail = thumbnailOf(bitmap);
  } finally {
    // Closed before the pixels are read: a 24-megapixel photo is 96 MB in each of bitmap, canvas and pixels.
    bitmap.close();
  }
  const pixels: Pixels = { data: context.getImageData(0, 0, width, height).data, width, height, channels: 4 };
  return { pixels, thumbnail, width: size.width, height: size.height };
}
