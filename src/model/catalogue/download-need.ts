// Whether a model choice (with its weights) needs a download, and how big it is: the pickers switch at once only
// to what is already on the device and ask before anything else is fetched.
import { DTYPE_SUFFIX, type CatalogueModel, type Dtype } from './catalogue';
import { chooseDtype } from './dtype-choice';

export type RunBackend = 'wasm' | 'webgpu';

/** The two tower files of one dtype, relative to the model folder (transformers.js Hub layout). */
export function towerPaths(dtype: Dtype): [string, string] {
  const suffix = DTYPE_SUFFIX[dtype];
  return [`onnx/text_model${suffix}.onnx`, `onnx/vision_model${suffix}.onnx`];
}

export interface ChoiceContext {
  model: CatalogueModel;
  /** The dtypes the model has (those found when it last ran, else the catalogue's). */
  available: readonly Dtype[];
  /** The weights asked for; undefined lets the app pick per backend. */
  requested?: Dtype;
  /** The backends the load may run on (one when a model already runs, else what the preference allows). */
  backends: readonly RunBackend[];
  /** The folder URL the model's files are cached under. */
  folderUrl: string;
  /** The URLs held in the model cache. */
  cached: ReadonlySet<string>;
}

export interface DownloadNeed {
  /** The weights the load may fetch (more than one when the backend or GPU is not known yet). */
  dtypes: Dtype[];
  /** The largest of their sizes in MB; undefined when the catalogue does not know one. */
  sizeMb?: number;
}

/** Every dtype a load could pick: per backend, and on WebGPU with or without fp16 shaders (as the worker does). */
export function possibleDtypes(
  available: readonly Dtype[],
  wasmDtype: Dtype,
  requested: Dtype | undefined,
  backends: readonly RunBackend[],
): Dtype[] {
  const picks = backends.flatMap((backend) =>
    [false, true].map((shaderF16) => chooseDtype({ backend, shaderF16, available, wasmDtype, requested }).dtype),
  );
  return [...new Set(picks)];
}

/** undefined when the choice is on the device (bundled, or every weight it may use is cached), else the download. */
export function downloadNeed(context: ChoiceContext): DownloadNeed | undefined {
  const { model, cached, folderUrl } = context;
  if (model.bundledPath !== undefined) return undefined;
  const isCached = (d: Dtype) => towerPaths(d).every((path) => cached.has(new URL(path, folderUrl).href));
  const dtypes = possibleDtypes(context.available, model.wasmDtype, context.requested, context.backends).filter(
    (d) => !isCached(d),
  );
  if (dtypes.length === 0) return undefined;
  const sizes = dtypes.map((d) => model.sizeMb[d]);
  const known = sizes.filter((s): s is number => s !== undefined);
  return { dtypes, sizeMb: known.length === sizes.length ? Math.max(...known) : undefined };
}
