// The whole image preprocessing of a CLIP-style model in one step, written straight into a batch tensor: resize with
// the config's PIL filter (only the pixels the centre crop keeps), crop, rescale and normalise. The same values, bit
// for bit, as toPixelValues(resizePixels(pixels, resizeTarget(...), resample)), at a fraction of the time and
// without temporary tensors.
import { cropBox, resizeTarget, writeCrop, type Pixels, type PreprocessorConfig } from './preprocess';
import { resizeWindow } from './resize';

/** Number of floats one image occupies in `pixel_values` (3 x crop height x crop width). */
export function pixelValuesLength(config: PreprocessorConfig, width: number, height: number): number {
  const target = resizeTarget(config, width, height);
  const crop = cropBox(config, target.width, target.height);
  return 3 * crop.width * crop.height;
}

/** Preprocesses decoded `pixels` into `out` at `offset` (in floats). */
export function writePixelValues(pixels: Pixels, config: PreprocessorConfig, out: Float32Array, offset = 0): void {
  const target = resizeTarget(config, pixels.width, pixels.height);
  const crop = cropBox(config, target.width, target.height);
  // The part of the crop that lies inside the resized image; the rest is padding and needs no resampling.
  const left = Math.max(0, crop.left);
  const top = Math.max(0, crop.top);
  const window = {
    left,
    top,
    width: Math.max(0, Math.min(target.width, crop.left + crop.width) - left),
    height: Math.max(0, Math.min(target.height, crop.top + crop.height) - top),
  };
  const kept =
    target.width === pixels.width && target.height === pixels.height
      ? pixels
      : resizeWindow(pixels, target.width, target.height, window, config.resample, 3);
  const origin = kept === pixels ? { left: 0, top: 0 } : window;
  writeCrop(kept, origin, crop, config, out, offset);
}
