export interface DecodeSize {
  width: number;
  height: number;
}

// EXIF orientations 5-8 turn the picture a quarter, so its upright width is the stored height.
const QUARTER_TURN_ORIENTATIONS = new Set([5, 6, 7, 8]);

export function uprightSize(width: number, height: number, orientation = 1): DecodeSize {
  return QUARTER_TURN_ORIENTATIONS.has(orientation) ? { width: height, height: width } : { width, height };
}

/**
 * The size to decode an image at: its shortest edge brought down to `shortestEdge` (never enlarged), so a huge
 * photo is scaled while decoding and never held at full size.
 */
export function decodeSize(upright: DecodeSize, shortestEdge: number): DecodeSize {
  const shortest = Math.min(upright.width, upright.height);
  if (shortest <= shortestEdge) return upright;
  const ratio = shortestEdge / shortest;
  return {
    width: Math.max(1, Math.round(upright.width * ratio)),
    height: Math.max(1, Math.round(upright.height * ratio)),
  };
}

/**
 * `size` scaled down (never up) to at most `maxPixels`, keeping the aspect ratio: bounds the decode of extreme
 * panoramas, whose shortest edge alone does not bring them down.
 */
export function capPixels(size: DecodeSize, maxPixels: number): DecodeSize {
  const pixels = size.width * size.height;
  if (pixels <= maxPixels) return size;
  const ratio = Math.sqrt(maxPixels / pixels);
  return {
    width: Math.max(1, Math.floor(size.width * ratio)),
    height: Math.max(1, Math.floor(size.height * ratio)),
  };
}

/**
 * The size to decode a picture of `upright` size at: whole up to `fullPixels`, so the model's resize does all the
 * scaling; beyond that its shortest edge brought down to `shortestEdge`, and at most `maxPixels`. Undefined: whole.
 */
export function decodeTarget(
  upright: DecodeSize,
  limits: { shortestEdge: number; fullPixels: number; maxPixels: number },
): DecodeSize | undefined {
  if (upright.width * upright.height <= limits.fullPixels) return undefined;
  return capPixels(decodeSize(upright, limits.shortestEdge), limits.maxPixels);
}
