/** Labels from the editor: one per line, trimmed, inner whitespace folded; blanks and duplicates dropped. */
export function parseLabels(text: string, maxLabels = Infinity, maxChars = Infinity): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const label = line.replace(/\s+/g, ' ').trim().slice(0, maxChars);
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
