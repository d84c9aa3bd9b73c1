// User-supplied text (file names, labels, model folder names) is shown as data, never as layout instructions:
// control and format characters, above all the bidirectional ones (U+202E RIGHT-TO-LEFT OVERRIDE makes
// "\u202Egnp.exe" display as "exe.png"), are replaced by a visible `<U+202E>`. Joiners (U+200C, U+200D) and emoji
// tag characters stay, since emoji and Persian or Indic words need them.
const HIDDEN = /(?!\u200C|\u200D|[\u{E0020}-\u{E007F}])[\p{Cc}\p{Cf}\u2028\u2029]/gu;

const codePoint = (c: string) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;

/** The text with every control or format character written out as `<U+XXXX>`. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN, codePoint);
}

/** Whether `visibleText` changes the text. */
export function hasHiddenCharacters(text: string): boolean {
  return new RegExp(HIDDEN.source, 'u').test(text);
}
