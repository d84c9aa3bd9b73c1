// Turning an image file into the model's input: decode (decode.ts), then resize, crop and normalise
// (pixel-values.ts). Runs in the preparing worker, so it overlaps the model's run, or in the model worker where a
// worker cannot start another.
import { pixelValuesLength, writePixelValues } from '../model/image/pixel-values';
import type { Pixels, PreprocessorConfig } from '../model/image/preprocess';
import { decodeImage, type DecodedImage } from './decode';

/**
 * An image file, preprocessed for the model that was loaded when it was decoded. The decoded pixels are not kept
 * (a 24-megapixel photo is 96 MB of them): a model loaded since then means the file is prepared again.
 */
export interface PreparedImage extends Omit<DecodedImage, 'pixels'> {
  values: Float32Array;
  /** The preprocessor config `values` were made with. */
  config: PreprocessorConfig;
  file: Blob;
}

/** The shortest edge images are resized to before the centre crop. */
export function resizeEdge(config: PreprocessorConfig): number {
  const size = config.size;
  return typeof size === 'number' ? size : (size?.shortest_edge ?? size?.height ?? 224);
}

export function pixelValues(
  pixels: Pixels,
  config: PreprocessorConfig,
): { values: Float32Array; config: PreprocessorConfig } {
  const values = new Float32Array(pixelValuesLength(config, pixels.width, pixels.height));
  writePixelValues(pixels, config, values);
  return { values, config };
}

/** Decodes and preprocesses one image file; its failure comes back as an Error for that image alone. */
export async function prepareImage(file: Blob, config: PreprocessorConfig): Promise<PreparedImage | Error> {
  try {
    const { pixels, thumbnail, width, height } = await decodeImage(file, resizeEdge(config));
    return { thumbnail, width, height, file, ...pixelValues(pixels, config) };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
