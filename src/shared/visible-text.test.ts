import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters, visibleText } from './visible-text';

describe('visibleText', () => {
  it('writes out bidirectional controls, so a reversed name cannot pose as another', () => {
    expect(visibleText('\u202Egnp.exe')).toBe('<U+202E>gnp.exe');
    expect(visibleText('a\u2066b\u2069\u200E\u200F\u061C')).toBe('a<U+2066>b<U+2069><U+200E><U+200F><U+061C>');
  });

  it('writes out other control and format characters, line breaks and zero-width spaces', () => {
    expect(visibleText('a\nb\tc\u0000\u200B\uFEFF\u2028\u00AD')).toBe(
      'a<U+000A>b<U+0009>c<U+0000><U+200B><U+FEFF><U+2028><U+00AD>',
    );
  });

  it('leaves ordinary text, right-to-left scripts, joiners and emoji sequences as they are', () => {
    for (const text of [
      'cat.png',
      'قطة.jpg',
      'חתול',
      'می‌خواهم',
      '👩\u200D💻',
      '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}',
      '❤\uFE0F',
    ]) {
      expect(visibleText(text)).toBe(text);
      expect(hasHiddenCharacters(text)).toBe(false);
    }
    expect(hasHiddenCharacters('\u202Egnp.exe')).toBe(true);
  });
});
