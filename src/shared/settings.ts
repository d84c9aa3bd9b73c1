import type { BackendPreference } from './protocol';

/** Defaults and limits of the app; one place for each. */
export const DEFAULT_TEMPLATE = 'a photo of a {}.';
export const TEXT_BATCH_SIZE = 64;
export const DEFAULT_VISIBLE_BARS = 10;
export const MAX_LABELS = 5000;
export const MAX_LABEL_CHARS = 500;
/** Longest Describe question or prefix: the model reads short prompts, and a share link carries them. */
export const MAX_DESCRIBE_CHARS = 200;
export const THUMBNAIL_EDGE_PX = 160;
/** Pictures with more pixels than this are never decoded whole (a 40 MP RGBA bitmap is 160 MB). */
export const LARGE_IMAGE_PIXELS = 40_000_000;
/**
 * Pictures up to this many pixels (24-megapixel cameras included) are decoded whole, so the model's own resize (PIL's
 * filter, src/model/image/resize.ts) does all the scaling, as the reference does; larger ones are scaled while decoding.
 */
export const FULL_DECODE_PIXELS = 25_000_000;
/** The most pixels a picture larger than FULL_DECODE_PIXELS is decoded at (a panorama's shortest edge would not). */
export const MAX_DECODED_PIXELS = 4_000_000;

const BACKENDS: readonly BackendPreference[] = ['auto', 'webgpu', 'wasm'];

/** The backend preference from `?backend=`; anything unknown means `auto`. */
export function backendFromUrl(search: string): BackendPreference {
  const value = new URLSearchParams(search).get('backend');
  return BACKENDS.find((b) => b === value) ?? 'auto';
}

/**
 * How long the model host may take to answer the first request of a load (status and headers, not the body):
 * past it the app treats the host as unreachable and runs the bundled model, well within 15 s of opening.
 */
export const MODEL_HOST_ANSWER_TIMEOUT_MS = 6000;

/** Cache Storage bucket for downloaded model files, keyed by their full URL (host, repo, revision, path). */
export const MODEL_CACHE_NAME = 'clipscope-models-v1';

/** WASM threads ONNX Runtime may use: one per core, but only in a cross-origin isolated page (else it has one). */
export function wasmThreadCount(crossOriginIsolated: boolean, cores: number | undefined): number {
  return crossOriginIsolated ? Math.max(1, cores || 1) : 1;
}
