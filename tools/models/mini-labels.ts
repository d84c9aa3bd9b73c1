// The colour and shape words Clipscope Mini was trained on (tools/models/shapes_data.py), for its evaluations.
export const MINI_COLOURS = ['red', 'green', 'blue', 'yellow', 'purple', 'orange', 'black', 'white'] as const;
export const MINI_SHAPES = ['circle', 'square', 'triangle', 'star', 'hexagon', 'cross'] as const;
/** The 48 "<colour> <shape>" labels, colour-major. */
export const MINI_PAIRS = MINI_COLOURS.flatMap((c) => MINI_SHAPES.map((s) => `${c} ${s}`));
