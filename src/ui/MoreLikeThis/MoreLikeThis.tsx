import { flushSync } from 'react-dom';
import { useAppStore } from '../../store/store';
import { visibleText } from '../../shared/visible-text';
import { SIMILAR_HEADING_ID, focusFirst } from '../focus/focus';

/** Ranks every image by its likeness to this one (image-to-image search). */
export function MoreLikeThis({ id, name }: { id: string; name: string }) {
  const showSimilarTo = useAppStore((s) => s.showSimilarTo);
  // The Search view replaces this button's view: focus goes to the heading of its results.
  const show = () => {
    flushSync(() => showSimilarTo(id));
    focusFirst(document.getElementById(SIMILAR_HEADING_ID));
  };
  return (
    // The name starts with the visible text, so voice control ("click More like this") finds it.
    <button type="button" className="link-button" onClick={show} aria-label={`More like this: ${visibleText(name)}`}>
      More like this
    </button>
  );
}
