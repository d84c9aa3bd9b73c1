// What Clipscope Mini was trained on (tools/models/shapes_data.py and captions.py): its colour and shape words, and
// every word its tokenizer has. Any other word reaches the model as one "unknown" token and tells it nothing.

/** The colours it draws and names. */
export const MINI_COLOURS = ['red', 'green', 'blue', 'yellow', 'purple', 'orange', 'black', 'white'];
/** The shapes it draws and names. */
export const MINI_SHAPES = ['circle', 'square', 'triangle', 'star', 'hexagon', 'cross'];

/**
 * The words of its training captions (templates, synonyms, backgrounds, sizes, places), which are exactly the words
 * of its tokenizer.json; a unit test checks the two agree.
 */
export const MINI_WORDS: readonly string[] = [
  ...MINI_COLOURS,
  ...MINI_SHAPES,
  // Synonyms of the shapes.
  ...['box', 'disc', 'round', 'five', 'four', 'six', 'three', 'pointed', 'sided', 'plus', 'sign'],
  // Backgrounds the captions name.
  ...['background', 'beige', 'brown', 'cream', 'dark', 'gradient', 'grey', 'light', 'navy', 'noisy', 'pink', 'teal'],
  // Sizes and places.
  ...['small', 'medium', 'large', 'left', 'right', 'top', 'bottom', 'centre', 'above', 'near', 'next', 'to'],
  // The words around them in caption templates.
  ...['a', 'an', 'and', 'close', 'coloured', 'drawing', 'image', 'in', 'is', 'object', 'of', 'on', 'one', 'photo'],
  ...['picture', 'rendering', 'shape', 'shapes', 'simple', 'something', 'that', 'the', 'this', 'two', 'up', 'with'],
];
