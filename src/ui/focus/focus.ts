/**
 * Where focus goes when an action removes or replaces the focused control (WCAG 2.4.3): a visible neighbour, never
 * <body>. Called before the removal (the target already exists) or after a flushSync render (it exists now).
 */

/** The heading of "more like this" results in the Search view, focused when that view replaces a card. */
export const SIMILAR_HEADING_ID = 'similar-to-heading';

/** Focuses the first candidate that is an element on the page. */
export function focusFirst(...candidates: (Element | null | undefined)[]): void {
  const target = candidates.find((c): c is HTMLElement => c instanceof HTMLElement && c.isConnected);
  target?.focus();
}

/** The image picker: the drop zone's button, else its file input (whose label then shows the focus ring). */
export function imagePicker(): Element | null {
  const zone = document.querySelector('[data-testid="drop-zone"]');
  return zone?.querySelector('button') ?? zone?.querySelector('input[type="file"]') ?? null;
}

/** The model picker: where focus goes when a notice or question above it goes away. */
export const modelPicker = (): Element | null => document.querySelector('[data-testid="model-select"]');

/**
 * Before `item` (a list item) is removed: focuses the control matching `selector` in the next item, else in the
 * previous one, else `fallback`.
 */
export function focusNeighbourOf(item: Element | null, selector: string, fallback: () => Element | null): void {
  focusFirst(
    item?.nextElementSibling?.querySelector(selector),
    item?.previousElementSibling?.querySelector(selector),
    fallback(),
  );
}
