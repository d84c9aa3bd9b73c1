import { useAppStore } from '../../store/store';
import { visibleText } from '../../model/visible-text';

/** Ranks every image by its likeness to this one (image-to-image search). */
export function MoreLikeThis({ id, name }: { id: string; name: string }) {
  const showSimilarTo = useAppStore((s) => s.showSimilarTo);
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => showSimilarTo(id)}
      aria-label={`More like ${visibleText(name)}`}
    >
      More like this
    </button>
  );
}
