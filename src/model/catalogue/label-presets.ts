import { DEFAULT_MODEL_ID, MINI_ID } from './catalogue';
import { MINI_COLOURS, MINI_SHAPES } from '../text/mini-vocabulary';

/** Label presets offered in the editor. */
export interface Preset {
  id: string;
  name: string;
  labels: string[];
  /** The model the labels are meant for, chosen with the preset (the Mini's shape words mean nothing to others). */
  modelId?: string;
}

export { MINI_COLOURS, MINI_SHAPES } from '../text/mini-vocabulary';
/** The 48 "<colour> <shape>" labels, colour-major. */
export const MINI_PAIRS = MINI_COLOURS.flatMap((colour) => MINI_SHAPES.map((shape) => `${colour} ${shape}`));

export const PRESETS: readonly Preset[] = [
  {
    id: 'mini-shapes',
    name: 'Colours and shapes (Clipscope Mini)',
    labels: MINI_PAIRS,
    modelId: MINI_ID,
  },
  { id: 'mini-shape-only', name: 'Shapes only (Clipscope Mini)', labels: MINI_SHAPES, modelId: MINI_ID },
  {
    id: 'cifar10',
    name: 'CIFAR-10 classes',
    labels: ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'],
  },
  {
    id: 'everyday',
    name: 'Everyday objects',
    labels: ['cup', 'chair', 'laptop', 'phone', 'book', 'plant', 'bicycle', 'car', 'person', 'dog', 'cat', 'food'],
  },
];

const presetById = (id: string) => PRESETS.find((p) => p.id === id)!;

/** The labels the app starts with: the Mini's own words on the Mini, everyday objects for real photos. */
export function startingPreset(modelId: string = DEFAULT_MODEL_ID): Preset {
  return presetById(modelId === MINI_ID ? 'mini-shapes' : 'everyday');
}

/** The preset whose labels are exactly these, in this order. */
export function presetMatching(labels: readonly string[]): Preset | undefined {
  return PRESETS.find((p) => p.labels.length === labels.length && p.labels.every((label, i) => label === labels[i]));
}
