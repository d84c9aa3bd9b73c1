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

/**
 * Target size of the resize step: the shortest edge becomes `size.shortest_edge` (CLIP), or a fixed box. The long
 * edge is truncated, as CLIPImageProcessor (get_resize_output_image_size) and torchvision compute it:
 * int(224 * 640 / 480) = 298.
 */
export function resizeTarget(config: PreprocessorConfig, width: number, height: number): ResizePlan {
  const size = config.size;
  if (config.do_resize === false || size === undefined) return { width, height };
  const box = typeof size === 'number' ? { shortest_edge: size } : size;
  const shortest = box.shortest_edge;
  if (shortest !== undefined) {
    // The same double operations as Python's int(size * long / short).
    return width <= height
      ? { width: shortest, height: Math.trunc((shortest * height) / width) }
      : { width: Math.trunc((shortest * width) / height), height: shortest };
  }
  return { width: box.width ?? width, height: box.height ?? height };
}

/** The centre crop, in the coordinates of an image of width x height; it may reach outside a small image. */
export function cropBox(config: PreprocessorConfig, width: number, height: number): ResizePlan & PixelOrigin {
  const crop = config.crop_size;
  const size =
    config.do_center_crop === false || crop === undefined
      ? { width, height }
      : typeof crop === 'number'
        ? { width: crop, height: crop }
        : crop;
  return { ...size, left: Math.floor((width - size.width) / 2), top: Math.floor((height - size.height) / 2) };
}

export interface PixelOrigin {
  left: number;
  top: number;
}

/**
 * Rescale + normalise as lookup tables: 256 values per channel, and the value of zero padding. Computed in double
 * precision and rounded once to float32, as the direct formula would be.
 */
function normaliseTables(config: PreprocessorConfig): { table: Float32Array; pad: Float32Array } {
  const rescale = config.do_rescale === false ? 1 : (config.rescale_factor ?? 1 / 255);
  const normalize = config.do_normalize !== false;
  const mean = normalize ? (config.image_mean ?? [0, 0, 0]) : [0, 0, 0];
  const std = normalize ? (config.image_std ?? [1, 1, 1]) : [1, 1, 1];
  const table = new Float32Array(3 * 256);
  const pad = new Float32Array(3);
  for (let c = 0; c < 3; c++) {
    for (let v = 0; v < 256; v++) table[c * 256 + v] = (v * rescale - mean[c]!) / std[c]!;
    pad[c] = (0 - mean[c]!) / std[c]!;
  }
  return { table, pad };
}

/**
 * Writes the centre crop of a resized image, rescaled and normalised, as planar RGB (CHW) into `out` at `offset`.
 * `pixels` holds the part of the resized image whose top-left corner is at `origin`; crop area outside the resized
 * image is zero-padded, as Hugging Face's centre crop does.
 */
export function writeCrop(
  pixels: Pixels,
  origin: PixelOrigin,
  crop: ResizePlan & PixelOrigin,
  config: PreprocessorConfig,
  out: Float32Array,
  offset = 0,
): void {
  const { table, pad } = normaliseTables(config);
  const { data, width, height, channels } = pixels;
  const plane = crop.width * crop.height;
  for (let y = 0; y < crop.height; y++) {
    const sourceY = crop.top + y - origin.top;
    const rowInside = sourceY >= 0 && sourceY < height;
    let o = offset + y * crop.width;
    for (let x = 0; x < crop.width; x++, o++) {
      const sourceX = crop.left + x - origin.left;
      if (rowInside && sourceX >= 0 && sourceX < width) {
        const i = (sourceY * width + sourceX) * channels;
        out[o] = table[data[i]!]!;
        out[o + plane] = table[256 + data[i + 1]!]!;
        out[o + 2 * plane] = table[512 + data[i + 2]!]!;
      } else {
        out[o] = pad[0]!;
        out[o + plane] = pad[1]!;
        out[o + 2 * plane] = pad[2]!;
      }
    }
  }
}

/**
 * Turns decoded pixels into `pixel_values` (float32, CHW) exactly as the model's preprocessor_config.json says:
 * resize (see resize.ts), centre crop, rescale, normalise. Pixels must already be at the resize target size.
 */
export function toPixelValues(pixels: Pixels, config: PreprocessorConfig): Float32Array {
  const crop = cropBox(config, pixels.width, pixels.height);
  const out = new Float32Array(3 * crop.width * crop.height);
  writeCrop(pixels, { left: 0, top: 0 }, crop, config, out);
  return out;
}
