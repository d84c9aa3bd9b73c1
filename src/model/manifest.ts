/** The models the app knows. Paths are relative to the site; Hub models arrive with the model catalogue. */
export interface ModelEntry {
  id: string;
  name: string;
  /** Folder in the Hugging Face Hub layout, relative to the page. */
  path: string;
  description: string;
}

export const MODELS: readonly ModelEntry[] = [
  {
    id: 'clipscope-mini',
    name: 'Clipscope Mini',
    path: 'models/clipscope-mini/',
    description: 'A 6 MB CLIP trained on coloured shapes; ships with the app and works offline.',
  },
];

export const DEFAULT_MODEL = MODELS[0]!;
