/** The fields of a CLIP-style preprocessor_config.json that the pipeline uses. */
export interface PreprocessorConfig {
  do_resize?: boolean;
  size?: { shortest_edge?: number; height?: number; width?: number } | number;
  resample?: number;
  do_center_crop?: boolean;
  crop_size?: { height: number; width: number } | number;
  do_rescale?: boolean;
  rescale_factor?: number;
  do_normalize?: boolean;
  image_mean?: number[];
  image_std?: number[];
}

/** Interleaved 8-bit pixels, RGB or RGBA (the alpha channel is ignored, as PIL's convert('RGB') does). */
export interface Pixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 3 | 4;
}

export interface ResizePlan {
  width: number;
  height: number;
}

/** Target size of the resize step: the shortest edge becomes `size.shortest_edge` (CLIP), or a fixed box. */
export function resizeTarget(config: PreprocessorConfig, width: number, height: number): ResizePlan {
  const size = config.size;
  if (config.do_resize === false || size === undefined) return { width, height };
  const box = typeof size === 'number' ? { shortest_edge: size } : size;
  const shortest = box.shortest_edge;
  if (shortest !== undefined) {
    const ratio = shortest / Math.min(width, height);
    return width <= height
      ? { width: shortest, height: Math.round(height * ratio) }
      : { width: Math.round(width * ratio), height: shortest };
  }
  return { width: box.width ?? width, height: box.height ?? height };
}

function cropSize(config: PreprocessorConfig, width: number, height: number): ResizePlan {
  const crop = config.crop_size;
  if (config.do_center_crop === false || crop === undefined) return { width, height };
  return typeof crop === 'number' ? { width: crop, height: crop } : crop;
}

/**
 * Turns decoded pixels into `pixel_values` (float32, CHW) exactly as the model's preprocessor_config.json says:
 * resize (see resize.ts), centre crop, rescale, normalise. Pixels must already be at the resize target size.
 */
export function toPixelValues(pixels: Pixels, config: PreprocessorConfig): Float32Array {
  const crop = cropSize(config, pixels.width, pixels.height);
  const left = Math.floor((pixels.width - crop.width) / 2);
  const top = Math.floor((pixels.height - crop.height) / 2);
  const rescale = config.do_rescale === false ? 1 : (config.rescale_factor ?? 1 / 255);
  const normalize = config.do_normalize !== false;
  const mean = normalize ? (config.image_mean ?? [0, 0, 0]) : [0, 0, 0];
  const std = normalize ? (config.image_std ?? [1, 1, 1]) : [1, 1, 1];
  const plane = crop.width * crop.height;
  const out = new Float32Array(3 * plane);
  for (let y = 0; y < crop.height; y++) {
    const sourceY = y + top;
    for (let x = 0; x < crop.width; x++) {
      const sourceX = x + left;
      const inside = sourceX >= 0 && sourceY >= 0 && sourceX < pixels.width && sourceY < pixels.height;
      const offset = (sourceY * pixels.width + sourceX) * pixels.channels;
      for (let c = 0; c < 3; c++) {
        // Out-of-image crop area is zero-padded, as Hugging Face's centre crop does.
        const value = inside ? pixels.data[offset + c]! * rescale : 0;
        out[c * plane + y * crop.width + x] = (value - mean[c]!) / std[c]!;
      }
    }
  }
  return out;
}
