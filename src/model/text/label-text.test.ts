import { describe, expect, it } from 'vitest';
import { expandTemplate, parseLabels } from './label-text';

describe('parseLabels', () => {
  it('takes one label per line, trimmed and whitespace-folded, without blanks or duplicates', () => {
    expect(parseLabels('cat\n\n  dog  \r\ncat\nhot   dog\n \t \n')).toEqual(['cat', 'dog', 'hot dog']);
  });

  it('keeps case, emoji, CJK and right-to-left text as typed', () => {
    expect(parseLabels('Cat\ncat\n🐱\n猫\nقطة')).toEqual(['Cat', 'cat', '🐱', '猫', 'قطة']);
  });

  it('treats lines of only invisible characters as blank and trims them from label ends', () => {
    const invisible = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u3164', '\u034F'];
    expect(parseLabels(`cat\n${invisible.join('')}\n \u200B \t\u2060\ndog`)).toEqual(['cat', 'dog']);
    expect(parseLabels('\u200Bcat\u2060\ncat\n\uFEFFdog')).toEqual(['cat', 'dog']);
    // Bidi controls are invisible too: at the ends they go; inside a label the chart shows them (visible-text.ts).
    expect(parseLabels('\u202Ecat\u202C\nred \u202Eelcric')).toEqual(['cat', 'red \u202Eelcric']);
  });

  it('keeps joiners inside a label and a variation selector at its end', () => {
    expect(parseLabels('👩\u200D💻\n❤\uFE0F\n❤')).toEqual(['👩\u200D💻', '❤\uFE0F', '❤']);
    expect(parseLabels('\uFE0F\n\u200D')).toEqual([]);
  });

  it('caps the number and the length of labels', () => {
    expect(parseLabels('a\nb\nc', 2)).toEqual(['a', 'b']);
    expect(parseLabels('abcdef', Infinity, 3)).toEqual(['abc']);
  });
});

describe('expandTemplate', () => {
  it('replaces every {} with the label', () => {
    expect(expandTemplate('a photo of a {}.', 'cat')).toBe('a photo of a cat.');
    expect(expandTemplate('{} or not {}', 'cat')).toBe('cat or not cat');
  });

  it('appends the label when the template has no {}', () => {
    expect(expandTemplate('a photo of a', 'cat')).toBe('a photo of a cat');
  });

  it('uses the bare label for an empty template', () => {
    expect(expandTemplate('   ', 'cat')).toBe('cat');
  });
});
