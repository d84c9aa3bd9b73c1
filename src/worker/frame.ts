import { decodeSize } from '../model/image/decode-plan';
import type { Pixels } from '../model/image/preprocess';

/**
 * RGBA pixels of a camera frame, drawn at twice the model's input edge (like decoded files, so the last step is the
 * model's own bicubic resize, not the browser's) or at its own size when smaller.
 */
export function framePixels(frame: ImageBitmap, shortestEdge: number): Pixels {
  if (!frame.width || !frame.height) throw new Error('The camera sent an empty frame.');
  const size = decodeSize({ width: frame.width, height: frame.height }, 2 * shortestEdge);
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(frame, 0, 0, size.width, size.height);
  return {
    data: context.getImageData(0, 0, size.width, size.height).data,
    width: size.width,
    height: size.height,
    channels: 4,
  };
}
