// The "Try an example" sets on the first screen: images shipped in public/examples/ (see its README for their
// sources and licences), the labels that fit them and the model that answers.
import { DEFAULT_MODEL_ID, MINI_ID, type CatalogueModel, type Dtype } from './catalogue';
import { MINI_SHAPES } from './label-presets';

export type ExampleId = 'shapes' | 'photos';

export interface Example {
  id: ExampleId;
  /** What the button says the set is. */
  title: string;
  /** Folder under public/examples/ and the files in it, in the order they are added. */
  folder: string;
  files: readonly string[];
  labels: readonly string[];
  modelId: string;
  /** The label preset that brings these labels and the model (so the presets menu shows them as chosen). */
  presetId?: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: 'shapes',
    title: 'Coloured shapes',
    folder: 'shapes',
    files: ['blue-circle.png', 'yellow-star.png', 'red-triangle.png', 'green-square.png'],
    labels: MINI_SHAPES, // the "Shapes only" preset
    modelId: MINI_ID,
    presetId: 'mini-shape-only',
  },
  {
    id: 'photos',
    title: 'Photos',
    folder: 'photos',
    files: ['cat.jpg', 'astronaut.jpg', 'coffee.jpg', 'rocket.jpg'],
    labels: ['cat', 'dog', 'astronaut', 'rocket', 'cup of coffee', 'bicycle'],
    modelId: DEFAULT_MODEL_ID,
  },
];

/** The download a model needs, in MB, with the chosen weights (by default those WASM uses); undefined if unknown. */
export function downloadMb(model: CatalogueModel, chosen: Dtype | undefined): number | undefined {
  const dtype = chosen && model.sizeMb[chosen] !== undefined ? chosen : model.wasmDtype;
  return model.sizeMb[dtype];
}
