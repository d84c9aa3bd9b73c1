// Code points that render as nothing (zero-width spaces and joiners, word joiner, BOM, soft hyphen, fillers...):
// Unicode's Default_Ignorable_Code_Point. A line of nothing else is blank, not an invisible label; at a label's
// ends they are trimmed, except a trailing variation selector, which chooses how the emoji before it looks.
const VISIBLE = /[^\s\p{Default_Ignorable_Code_Point}]/u;
const INVISIBLE_START = /^[\s\p{Default_Ignorable_Code_Point}]+/u;
const INVISIBLE_END = /(?:(?![\uFE00-\uFE0F\u{E0100}-\u{E01EF}])[\s\p{Default_Ignorable_Code_Point}])+$/u;

/**
 * Labels from the editor: one per line, trimmed (of invisible characters too), inner whitespace folded; blank or
 * invisible-only lines and duplicates dropped.
 */
export function parseLabels(text: string, maxLabels = Infinity, maxChars = Infinity): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const folded = line.replace(/\s+/g, ' ');
    const label = VISIBLE.test(folded)
      ? folded.replace(INVISIBLE_START, '').replace(INVISIBLE_END, '').slice(0, maxChars)
      : '';
    if (label && !seen.has(label)) seen.add(label);
    if (seen.size >= maxLabels) break;
  }
  return [...seen];
}

export const TEMPLATE_SLOT = '{}';

/** The prompt for one label: every `{}` in the template replaced; a template without `{}` gets the label appended. */
export function expandTemplate(template: string, label: string): string {
  const trimmed = template.trim();
  if (!trimmed) return label;
  return trimmed.includes(TEMPLATE_SLOT) ? trimmed.split(TEMPLATE_SLOT).join(label) : `${trimmed} ${label}`;
}
