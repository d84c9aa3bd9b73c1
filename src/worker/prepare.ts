// Turning an image file into the model's input: decode (decode.ts), then resize, crop and normalise
// (pixel-values.ts). Runs in the preparing worker, so it overlaps the model's run, or in the model worker where a
// worker cannot start another.
import { pixelValuesLength, writePixelValues } from '../model/pixel-values';
import type { Pixels, PreprocessorConfig } from '../model/preprocess';
import { decodeImage, type DecodedImage } from './decode';

/** A decoded image, preprocessed for the model that was loaded when it was decoded. */
export interface PreparedImage extends DecodedImage {
  values: Float32Array;
  /** The preprocessor config `values` were made with; a model loaded since then means they are made again. */
  config: PreprocessorConfig;
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
    const decoded = await decodeImage(file, resizeEdge(config));
    return { ...decoded, ...pixelValues(decoded.pixels, config) };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
