/// <reference lib="webworker" />
// Decoding pictures too large to hold whole. createImageBitmap decodes at full size before scaling (measured:
// +2.1 GB for a 20000 x 20000 PNG, +1 GB for a 192-megapixel JPEG), so past LARGE_IMAGE_PIXELS JPEGs go through
// WebCodecs' ImageDecoder, which scales while decoding (+34 MB for that JPEG), and PNGs through our streaming
// decoder (two rows of memory). Other formats that large are refused with a message.
import { uprightSize, type DecodeSize } from '../model/image/decode-plan';
import { readPngHeader } from '../model/image/png-rows';
import { decodePngScaled } from '../model/image/png-stream';
import { SUPPORTED_FORMATS, type SniffedKind } from '../model/image/sniff-format';
import { LARGE_IMAGE_PIXELS } from '../shared/settings';

const megapixels = (size: DecodeSize) => Math.round((size.width * size.height) / 1e6);

/** A picture refused on purpose, with words for the user (other decode errors are described by the caller). */
export class ImageRefused extends Error {}

function tooLarge(kind: string, size: DecodeSize): Error {
  return new ImageRefused(
    `This ${kind} is ${size.width} x ${size.height} px (${megapixels(size)} megapixels): too large to open safely ` +
      `in a browser tab (the limit is ${LARGE_IMAGE_PIXELS / 1e6} megapixels except for JPEG and PNG). Save a ` +
      `smaller copy, or a JPEG or PNG, and drop that. (Supported: ${SUPPORTED_FORMATS}.)`,
  );
}

export const isLarge = (size: DecodeSize) => size.width * size.height > LARGE_IMAGE_PIXELS;

/** Decodes a large JPEG or PNG straight to `target` (upright size); `stored` is its size as stored. */
export async function decodeLarge(
  file: Blob,
  kind: SniffedKind,
  head: Uint8Array,
  stored: DecodeSize & { orientation?: number },
  target: DecodeSize,
): Promise<ImageBitmap> {
  if (kind === 'png') {
    if (readPngHeader(head)?.interlaced) throw tooLarge('interlaced PNG', stored);
    const pixels = await decodePngScaled(file, target);
    return createImageBitmap(new ImageData(pixels.data as Uint8ClampedArray<ArrayBuffer>, pixels.width, pixels.height));
  }
  if (kind !== 'jpeg' || typeof ImageDecoder === 'undefined') throw tooLarge(kind.toUpperCase(), stored);
  // desiredWidth/Height are in stored orientation; the frame carries the EXIF rotation, which
  // createImageBitmap applies, so the bitmap comes out upright.
  const desired = uprightSize(target.width, target.height, stored.orientation);
  const decoder = new ImageDecoder({
    data: file.stream(),
    type: 'image/jpeg',
    desiredWidth: desired.width,
    desiredHeight: desired.height,
  });
  try {
    const { image } = await decoder.decode();
    try {
      return await createImageBitmap(image, {
        resizeWidth: target.width,
        resizeHeight: target.height,
        resizeQuality: 'high',
      });
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
}
