import { useAppStore } from '../../store/store';

/** Ranks every image by its likeness to this one (image-to-image search). */
export function MoreLikeThis({ id, name }: { id: string; name: string }) {
  const showSimilarTo = useAppStore((s) => s.showSimilarTo);
  return (
    <button type="button" className="link-button" onClick={() => showSimilarTo(id)} aria-label={`More like ${name}`}>
      More like this
    </button>
  );
}
