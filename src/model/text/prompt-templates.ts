/**
 * Clipscope's own prompt ensemble, written in the spirit of the CLIP paper's prompt engineering: each template says
 * the label is the subject of a picture, in a different style, framing or quality, so averaging their embeddings
 * cancels the wording and keeps the concept. `{}` is replaced by the label.
 */
export const ENSEMBLE_TEMPLATES: readonly string[] = [
  'a photo of a {}.',
  'a picture showing a {}.',
  'an image of a {}.',
  'a simple drawing of a {}.',
  'a rendering of a {}.',
  'a close-up photo of a {}.',
  'a flat illustration of a {}.',
  'a snapshot of one {}.',
  'this picture shows a {}.',
  'there is a {} in this photo.',
  'a clear picture of the {}.',
  'a {} on a plain background.',
];
